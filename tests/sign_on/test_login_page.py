"""The login page: one button per configured provider above the password form, none when no
provider is configured."""

import re

import pytest

from tests.factories import DEFAULT_PASSWORD
from tests.html import element_text, start_tags

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logg-inn/"


def provider(key, name, issuer="https://login.example.org/tenant/v2.0"):
    return {
        "key": key,
        "name": name,
        "organisation": "hamar",
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "userinfo_endpoint": f"{issuer}/userinfo",
        "jwks_uri": f"{issuer}/keys",
        "client_id": "portal",
        "client_secret": "hemmelig",
    }


START = re.compile(r"^(/en)?/konto/logg-inn/[a-z0-9-]+/")


def button_addresses(response):
    return [a["href"] for _tag, a in start_tags(response, "a") if START.match(a.get("href", ""))]


def test_without_providers_the_login_page_has_no_sign_on_button(client, settings):
    settings.SIGN_ON_PROVIDERS = []

    response = client.get(LOGIN)

    assert button_addresses(response) == []
    assert "Logg inn med" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_the_login_page_shows_one_button_per_provider_in_order(client, settings):
    settings.SIGN_ON_PROVIDERS = [
        provider("hamar-entra", "Hamar kommune (Entra ID)"),
        provider("ansattporten", "Ansattporten"),
    ]

    response = client.get(LOGIN, {"next": "/mine-soknader/"})

    assert element_text(response, "sign-on-providers") == (
        "Logg inn med Hamar kommune (Entra ID) Logg inn med Ansattporten"
    )
    assert button_addresses(response) == [
        "/konto/logg-inn/hamar-entra/?next=/mine-soknader/",
        "/konto/logg-inn/ansattporten/?next=/mine-soknader/",
    ]
    assert 'name="password"' in response.content.decode()


def test_the_english_login_page_starts_the_sign_on_from_its_language(client, settings):
    settings.SIGN_ON_PROVIDERS = [provider("hamar-entra", "Hamar kommune (Entra ID)")]

    response = client.get("/en" + LOGIN)

    assert button_addresses(response) == ["/en/konto/logg-inn/hamar-entra/"]


def test_the_button_sends_the_visitor_to_the_providers_authorization_endpoint(client, settings):
    settings.SIGN_ON_PROVIDERS = [provider("hamar-entra", "Hamar kommune (Entra ID)")]

    response = client.get("/konto/logg-inn/hamar-entra/")

    assert response.status_code == 302
    assert response["Location"].startswith(
        "https://login.example.org/tenant/v2.0/authorize?response_type=code"
    )
    assert "client_id=portal" in response["Location"]


def test_a_provider_that_is_not_configured_is_not_found(client, settings):
    settings.SIGN_ON_PROVIDERS = [provider("hamar-entra", "Hamar kommune (Entra ID)")]

    assert client.get("/konto/logg-inn/stange-entra/").status_code == 404


def test_the_password_form_still_logs_in_beside_the_buttons(client, settings, hamar_user):
    settings.SIGN_ON_PROVIDERS = [provider("hamar-entra", "Hamar kommune (Entra ID)")]

    response = client.post(LOGIN, {"username": hamar_user.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(hamar_user.pk)


def test_a_mistake_in_the_providers_settings_hides_the_buttons_not_the_password_form(
    client, settings, caplog
):
    settings.SIGN_ON_PROVIDERS = [{"key": "hamar-entra"}]

    response = client.get(LOGIN)

    assert response.status_code == 200
    assert button_addresses(response) == []
    assert 'name="password"' in response.content.decode()
    assert "DJANGO_OIDC_PROVIDERS cannot be read" in caplog.text
