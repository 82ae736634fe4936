"""DJANGO_OIDC_PROVIDERS as the portal reads it: each mistake named before anyone presses a
button, and the second factor counted only as each provider's settings say."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.sign_on.checks import sign_on_providers_check
from accounts.sign_on.providers import configured_providers, provider_from_entry
from tests.test_settings import manage_check

ENTRA = {
    "key": "hamar-entra",
    "name": "Hamar kommune (Entra ID)",
    "organisation": "hamar",
    "issuer": "https://login.microsoftonline.com/tenant-id/v2.0",
    "authorization_endpoint": "https://login.microsoftonline.com/tenant-id/oauth2/v2.0/authorize",
    "token_endpoint": "https://login.microsoftonline.com/tenant-id/oauth2/v2.0/token",
    "userinfo_endpoint": "https://graph.microsoft.com/oidc/userinfo",
    "jwks_uri": "https://login.microsoftonline.com/tenant-id/discovery/v2.0/keys",
    "client_id": "client-id",
    "client_secret": "secret",
}


def test_a_provider_is_read_with_its_defaults():
    provider = provider_from_entry({**ENTRA, "email_domains": "Hamar.Kommune.no"})

    assert provider.key == "hamar-entra"
    assert provider.signing_algorithm == "RS256"
    assert provider.email_domains == ("hamar.kommune.no",)
    assert provider.second_factor_from_claims is False
    assert provider.oidc_settings()["OIDC_OP_JWKS_ENDPOINT"] == ENTRA["jwks_uri"]
    assert "secret" not in repr(provider)


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"client_secret": ""}, "missing client_secret"),
        ({"tennant": "x"}, "unknown settings tennant"),
        ({"key": "Hamar Entra"}, "the key may hold a-z, 0-9 and - only"),
        ({"signing_algorithm": "HS256"}, "signing_algorithm must be one of"),
        ({"required_claims": ["tid"]}, "required_claims must be an object"),
        ({"second_factor_from_claims": "yes"}, "second_factor_from_claims must be true or false"),
    ],
)
def test_a_mistake_in_a_provider_is_named(change, complaint):
    with pytest.raises(ImproperlyConfigured, match=complaint):
        provider_from_entry({**ENTRA, **change})


def test_two_providers_with_one_key_are_refused(settings):
    settings.SIGN_ON_PROVIDERS = [ENTRA, ENTRA]

    with pytest.raises(ImproperlyConfigured, match="'hamar-entra' is repeated"):
        configured_providers()
    assert [error.id for error in sign_on_providers_check(None)] == ["accounts.E001"]


def test_one_provider_must_still_be_given_as_a_list(settings):
    settings.SIGN_ON_PROVIDERS = ENTRA

    with pytest.raises(ImproperlyConfigured, match="must be a JSON list"):
        configured_providers()


def test_without_the_variable_there_are_no_providers(settings):
    settings.SIGN_ON_PROVIDERS = []

    assert configured_providers() == []
    assert sign_on_providers_check(None) == []


@pytest.mark.parametrize(
    ("settings_of_provider", "id_token", "counts"),
    [
        ({}, {"amr": ["pwd", "mfa"]}, False),
        ({"second_factor_from_claims": True}, {"amr": ["pwd", "mfa"]}, True),
        ({"second_factor_from_claims": True}, {"amr": ["pwd", "otp"]}, True),
        ({"second_factor_from_claims": True}, {"amr": ["hwk"]}, True),
        ({"second_factor_from_claims": True}, {"amr": "mfa"}, True),
        ({"second_factor_from_claims": True}, {"amr": ["pwd"]}, False),
        ({"second_factor_from_claims": True}, {}, False),
        (
            {"second_factor_from_claims": True, "second_factor_amr": ["fido"]},
            {"amr": ["mfa"]},
            False,
        ),
        (
            {"second_factor_from_claims": True, "second_factor_acr": ["substantial", "high"]},
            {"acr": "high", "amr": ["BankID"]},
            True,
        ),
        ({"second_factor_from_claims": True}, {"acr": "high"}, False),
    ],
)
def test_the_second_factor_counts_as_the_providers_settings_say(
    settings_of_provider, id_token, counts
):
    provider = provider_from_entry({**ENTRA, **settings_of_provider})

    assert provider.vouches_for_second_factor(id_token) is counts


def test_the_variable_must_be_json():
    result = manage_check(DJANGO_OIDC_PROVIDERS="[{key: hamar}]")

    assert result.returncode != 0
    assert "DJANGO_OIDC_PROVIDERS is not valid JSON" in result.stderr


def test_manage_check_names_a_provider_with_a_missing_setting():
    entry = {key: value for key, value in ENTRA.items() if key != "token_endpoint"}

    result = manage_check(DJANGO_OIDC_PROVIDERS=json.dumps([entry]))

    assert result.returncode != 0
    assert "accounts.E001" in result.stderr
    assert "provider 'hamar-entra': missing token_endpoint" in result.stderr
