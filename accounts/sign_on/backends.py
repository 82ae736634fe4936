"""mozilla-django-oidc's backend, made to serve several providers: it signs on through the
provider the callback found for the sign-on's state (request.sign_on_provider), exchanges the
code with that provider's token endpoint (with the PKCE verifier), checks the ID token's
signature against its keys, its nonce, issuer and audience, and then asks linking.py who the
person is. Django's login signal records the sign-on in the audit log (accounts/audit.py: the
backend's path names "oidc"); a refusal is recorded here."""

import logging

import jwt
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from ..audit import Kind, audit_record
from .linking import person_by_email, sign_on_person
from .providers import Provider

logger = logging.getLogger(__name__)


def sign_on_refused(
    request, *, provider: Provider | None, reason: str, message: str, email: str = ""
):
    """Records a refused sign-on and keeps its message for the login page."""
    audit_record(
        kind=Kind.SINGLE_SIGN_ON_REFUSED,
        person=person_by_email(email),
        request=request,
        identifier=email,
        detail=f"{provider.key if provider else '?'}: {reason}",
    )
    request.sign_on_refusal = message


class OIDCSignOnBackend(OIDCAuthenticationBackend):
    provider: Provider | None = None

    def __init__(self, *args, **kwargs):
        # The library reads one provider's endpoints from settings here; they come from the
        # provider of each sign-on instead (authenticate).
        self.UserModel = get_user_model()

    def get_settings(self, attr, *args):
        if self.provider is not None and attr in (
            provider_settings := self.provider.oidc_settings()
        ):
            return provider_settings[attr]
        return import_from_settings(attr, *args)

    def authenticate(self, request, nonce=None, code_verifier=None, **kwargs):
        provider = getattr(request, "sign_on_provider", None)
        if provider is None:
            return None  # a password login
        self.provider, self.email = provider, ""
        for name, value in provider.oidc_settings().items():
            setattr(self, name, value)
        self.OIDC_RP_IDP_SIGN_KEY = None  # the keys come from the provider's JWKS
        try:
            person = super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
            if person is None:
                # The library logged why (a userinfo answer for another subject, say).
                raise SuspiciousOperation("The sign-on found no person.")
            return person
        except ValidationError as refusal:
            sign_on_refused(
                request,
                provider=provider,
                reason=refusal.code or "refused",
                message=refusal.messages[0],
                email=self.email,
            )
        except (
            SuspiciousOperation,
            requests.RequestException,
            jwt.PyJWTError,
            ValueError,
        ) as error:
            # A token that fails its checks (signature, nonce, issuer, audience), or a provider
            # that refuses the code or the PKCE verifier, or cannot be reached.
            logger.warning("Single sign-on with %s failed: %s", provider.key, error)
            sign_on_refused(
                request,
                provider=provider,
                reason=f"failed: {type(error).__name__}",
                message=_("Innloggingen med %(provider)s mislyktes. Prøv igjen.")
                % {"provider": provider.name},
            )
        return None

    def verify_token(self, token, **kwargs):
        """The library checks the signature and the nonce; the issuer and the audience are
        checked here too, so that a token the provider made for another client, or another
        tenant of a shared provider, is refused."""
        payload = super().verify_token(token, **kwargs)
        if payload.get("iss") != self.provider.issuer:
            raise SuspiciousOperation("The token's issuer is not the provider's.")
        audience = payload.get("aud")
        audience = audience if isinstance(audience, list) else [audience]
        if self.provider.client_id not in audience:
            raise SuspiciousOperation("The token was not made for this client.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        """The library's, without creating anyone: linking.py finds the invited person."""
        user_info = self.get_userinfo(access_token, id_token, payload)
        if user_info.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo endpoint answered for another subject.")
        if not payload.get("sub"):
            raise SuspiciousOperation("The ID token names no subject.")
        claims = {**user_info, **payload}
        self.email = str(claims.get(self.provider.email_claim) or "")
        person = sign_on_person(
            provider=self.provider, subject=payload["sub"], email=self.email, claims=claims
        )
        person.sign_on_second_factor = self.provider.vouches_for_second_factor(payload)
        # The sign-on's audit entry (accounts/audit.py) says how the provider signed the person
        # in, and whether that counted as a second factor here.
        amr = payload.get("amr") or []
        person.sign_on_detail = " ".join(
            [
                self.provider.key,
                "amr=" + ",".join([amr] if isinstance(amr, str) else map(str, amr)),
                f"acr={payload.get('acr') or ''}",
                "second-factor" if person.sign_on_second_factor else "",
            ]
        ).strip()
        return person

    def get_user(self, user_id):
        # The library's skips the active check: a deactivated person's session must end at once.
        return ModelBackend.get_user(self, user_id)
