"""The identity providers a person may sign on with: settings.SIGN_ON_PROVIDERS, the JSON list
of DJANGO_OIDC_PROVIDERS (README «Felles pålogging»). Each entry is one OpenID Connect client
registration, mapped to one organisation."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")
# mozilla-django-oidc checks these against the provider's published keys (JWKS).
SIGNING_ALGORITHMS = {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512"}
# RFC 8176: methods that prove a factor beyond the password.
DEFAULT_SECOND_FACTOR_AMR = ("mfa", "otp", "hwk")
REQUIRED = (
    "key",
    "name",
    "organisation",
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
    "client_id",
    "client_secret",
)


@dataclass(frozen=True)
class Provider:
    key: str  # in the sign-on's address, and stored with each link to a person
    name: str  # on the login page's button: «Logg inn med <name>»
    organisation: str  # the slug of the Organisation whose people sign on here
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    client_id: str
    client_secret: str = field(repr=False)
    signing_algorithm: str = "RS256"
    scopes: str = "openid email profile"
    # The claim that holds the person's e-mail address (Entra ID: "email" or "preferred_username").
    email_claim: str = "email"
    # The addresses that belong to the organisation; empty: the organisation's own domains.
    email_domains: tuple[str, ...] = ()
    # Claims the provider must give with these values, e.g. Entra ID's tenant {"tid": "…"}.
    required_claims: Mapping[str, str] = field(default_factory=dict)
    # Whether the provider's word that the person used a second factor counts as one here.
    second_factor_from_claims: bool = False
    second_factor_amr: tuple[str, ...] = DEFAULT_SECOND_FACTOR_AMR
    second_factor_acr: tuple[str, ...] = ()

    def oidc_settings(self) -> dict:
        """mozilla-django-oidc's settings for this provider."""
        return {
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.authorization_endpoint,
            "OIDC_OP_TOKEN_ENDPOINT": self.token_endpoint,
            "OIDC_OP_USER_ENDPOINT": self.userinfo_endpoint,
            "OIDC_OP_JWKS_ENDPOINT": self.jwks_uri,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_RP_SIGN_ALGO": self.signing_algorithm,
            "OIDC_RP_SCOPES": self.scopes,
        }

    def vouches_for_second_factor(self, id_token: Mapping) -> bool:
        """Whether the ID token's amr or acr names a second factor that counts here."""
        if not self.second_factor_from_claims:
            return False
        amr = id_token.get("amr") or []
        if isinstance(amr, str):
            amr = [amr]
        if any(method in self.second_factor_amr for method in amr):
            return True
        return bool(self.second_factor_acr) and id_token.get("acr") in self.second_factor_acr


def _as_tuple(entry: dict, name: str) -> None:
    value = entry.get(name)
    if isinstance(value, str):
        value = [value]
    if value is not None:
        entry[name] = tuple(str(item).strip().lower() for item in value if str(item).strip())


def provider_from_entry(entry) -> Provider:
    """One provider from its JSON object; ImproperlyConfigured names what is wrong."""
    if not isinstance(entry, dict):
        raise ImproperlyConfigured("DJANGO_OIDC_PROVIDERS: each provider must be a JSON object.")
    label = f"DJANGO_OIDC_PROVIDERS, provider {entry.get('key', '?')!r}"
    known = {f.name for f in fields(Provider)}
    if unknown := sorted(set(entry) - known):
        raise ImproperlyConfigured(f"{label}: unknown settings {', '.join(unknown)}.")
    if missing := [name for name in REQUIRED if not str(entry.get(name) or "").strip()]:
        raise ImproperlyConfigured(f"{label}: missing {', '.join(missing)}.")
    entry = dict(entry)
    if not KEY_PATTERN.match(entry["key"]):
        raise ImproperlyConfigured(f"{label}: the key may hold a-z, 0-9 and - only.")
    if entry.get("signing_algorithm", "RS256") not in SIGNING_ALGORITHMS:
        raise ImproperlyConfigured(
            f"{label}: signing_algorithm must be one of {', '.join(sorted(SIGNING_ALGORITHMS))}."
        )
    for name in ("email_domains", "second_factor_amr"):
        _as_tuple(entry, name)
    if "second_factor_acr" in entry:
        acr = entry["second_factor_acr"]
        entry["second_factor_acr"] = tuple([acr] if isinstance(acr, str) else acr)
    required_claims = entry.get("required_claims", {})
    if not isinstance(required_claims, dict):
        raise ImproperlyConfigured(f"{label}: required_claims must be an object {{claim: value}}.")
    entry["required_claims"] = {str(k): str(v) for k, v in required_claims.items()}
    if not isinstance(entry.get("second_factor_from_claims", False), bool):
        raise ImproperlyConfigured(f"{label}: second_factor_from_claims must be true or false.")
    return Provider(**entry)


def configured_providers() -> list[Provider]:
    """Every provider of settings.SIGN_ON_PROVIDERS, in the order given; none when unset."""
    if not isinstance(settings.SIGN_ON_PROVIDERS, list):
        raise ImproperlyConfigured("DJANGO_OIDC_PROVIDERS must be a JSON list, one object each.")
    providers = [provider_from_entry(entry) for entry in settings.SIGN_ON_PROVIDERS]
    keys = [provider.key for provider in providers]
    if duplicates := sorted({key for key in keys if keys.count(key) > 1}):
        raise ImproperlyConfigured(f"DJANGO_OIDC_PROVIDERS: the key {duplicates[0]!r} is repeated.")
    return providers


def provider_by_key(key) -> Provider | None:
    return next((p for p in configured_providers() if p.key == key), None)
