"""Passkeys through django-otp-webauthn, as a second factor after the password: the relying party
and origin from the site address, and its ceremonies' views with the portal's audit log and the
session's time of verification."""

import json
from urllib.parse import urlsplit

from django.utils.translation import gettext
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from hamarregion.site_address import site_address

from ..audit import Kind, audit_record
from .access import second_factor_exempt
from .services import passkey_enrolled
from .session import mark_verified


def relying_party_id(request) -> str:
    """The portal's host name: a passkey made for it works on it only."""
    return urlsplit(site_address()).hostname


class PortalWebAuthnHelper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        return [site_address()]

    def create_credential(self, user, response, parsed_credential, original_data):
        device = super().create_credential(user, response, parsed_credential, original_data)
        device.name = gettext("Passnøkkel")
        return device


@second_factor_exempt
class PasskeyRegistrationBegin(BeginCredentialRegistrationView):
    pass


@second_factor_exempt
class PasskeyRegistrationComplete(CompleteCredentialRegistrationView):
    """Registers the passkey (the package refuses it to a person who has a second factor and has
    not passed it in this session), logs it and marks the session verified with it."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            device = WebAuthnCredential.objects.get(
                pk=json.loads(response.content)["id"], user=self.request.user
            )
            passkey_enrolled(person=self.request.user, device=device, request=self.request)
            mark_verified(self.request, device)
        return response


@second_factor_exempt
class PasskeyVerificationBegin(BeginCredentialAuthenticationView):
    pass


@second_factor_exempt
class PasskeyVerificationComplete(CompleteCredentialAuthenticationView):
    """Checks the passkey of the person who gave their password; a refusal goes to the log."""

    def complete_auth(self, device):
        super().complete_auth(device)
        mark_verified(self.request, device)

    def handle_exception(self, exc):
        user = self.request.user
        if user.is_authenticated:
            audit_record(
                kind=Kind.SECOND_FACTOR_FAILED,
                person=user,
                actor=user,
                request=self.request,
                detail=gettext("passnøkkel avvist: %(code)s")
                % {"code": getattr(exc, "code", type(exc).__name__)},
            )
        return super().handle_exception(exc)


passkey_messages = second_factor_exempt(JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]))
