"""The settings of people's accounts (accounts/): single sign-on, invitations, the audit log's
retention, the second factor. hamarregion/settings.py imports them all."""

import json
import os

from django.core.exceptions import ImproperlyConfigured

# Single sign-on (accounts/sign_on/, README «Felles pålogging»): DJANGO_OIDC_PROVIDERS, a JSON
# list of identity providers (none: no button). Nobody is created; state, nonce, PKCE checked.
try:
    SIGN_ON_PROVIDERS = json.loads(os.environ.get("DJANGO_OIDC_PROVIDERS") or "[]")
except json.JSONDecodeError as error:
    raise ImproperlyConfigured(f"DJANGO_OIDC_PROVIDERS is not valid JSON: {error}") from error
OIDC_CREATE_USER = False
OIDC_USE_NONCE = OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "sign_on:callback"
OIDC_TIMEOUT = 10  # seconds the portal waits for a provider's endpoints

# An invitation's link (accounts/services/invitations.py) works once, for this many days.
INVITATION_VALID_DAYS = int(os.environ.get("DJANGO_INVITATION_VALID_DAYS", "7"))
# The audit log of sign-ins, second factors, invitations and role changes (accounts.AuditEvent)
# keeps a row this many days; `manage.py purge_audit_log` deletes older ones (daily, from
# deploy/systemd/hamarregion-mail-cleanup.service). The privacy page states it.
AUDIT_LOG_RETENTION_DAYS = int(os.environ.get("DJANGO_AUDIT_LOG_RETENTION_DAYS", "365"))

# The second factor: accounts/two_factor/ and README.md «Two-factor authentication».
OTP_TOTP_ISSUER = OTP_WEBAUTHN_RP_NAME = "Hamarregionen"
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.two_factor.passkeys.relying_party_id"
OTP_WEBAUTHN_HELPER_CLASS = "accounts.two_factor.passkeys.PortalWebAuthnHelper"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
