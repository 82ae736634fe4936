"""django-otp's and django-otp-webauthn's own admin pages are left out: they show a device's
secret (the app's key, the recovery codes) to whoever may read them. People manage their own
second factor on the portal (accounts/two_factor/); resetting someone else's is
accounts.two_factor.services.second_factors_reset."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential

for model in (TOTPDevice, StaticDevice, WebAuthnCredential, WebAuthnAttestation):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
