"""The code flow's protections, each shown against the real provider: the state ties the
callback to the browser that started the sign-on, once; the nonce ties the ID token to that
start; PKCE ties the code to it at the provider; the token must come from the configured
issuer."""

import base64
import hashlib

import pytest
import requests
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.models import AuditEvent
from tests.sign_on.conftest import sign_on
from tests.sign_on.identity_provider import sign_in_at_provider
from tests.sign_on.provider_site.people import INVITED, UNKNOWN

pytestmark = pytest.mark.django_db

Kind = AuditEvent.Kind
START = "/konto/logg-inn/hamar-test/"
FAILED = "Innloggingen med Hamar kommune (testleverandør) mislyktes"


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def refusal_page(client, response) -> str:
    assert response.status_code == 302
    assert response["Location"] == reverse("login"), response["Location"]
    return client.get(response["Location"]).content.decode()


def started(client) -> tuple[str, str]:
    """A sign-on started at the portal: the authorization request's address and its state."""
    location = client.get(START)["Location"]
    return location, requests.utils.urlparse(location).query.split("state=")[1].split("&")[0]


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def test_the_authorization_request_carries_a_nonce_and_a_pkce_challenge_the_token_request_answers(
    client, sign_on_provider, kari, identity_provider
):
    before = len(identity_provider.requests_received())

    sign_on(client, INVITED.email)

    received = identity_provider.requests_received()[before:]
    authorization = next(entry for entry in received if entry["path"] == "/openid/authorize")
    token = next(entry for entry in received if entry["path"] == "/openid/token")
    assert len(authorization["query"]["nonce"]) >= 32
    assert len(authorization["query"]["state"]) >= 32
    assert authorization["query"]["code_challenge_method"] == "S256"
    assert s256(token["form"]["code_verifier"]) == authorization["query"]["code_challenge"]
    assert token["form"]["redirect_uri"] == "http://testserver/konto/felles-innlogging/tilbake/"
    assert logged_in(client)


def test_a_callback_with_a_state_this_browser_did_not_start_is_refused_unexchanged(
    client, sign_on_provider, kari, identity_provider
):
    authorization, _state = started(client)
    callback = sign_in_at_provider(requests.Session(), authorization, INVITED.email)
    token_requests = len(identity_provider.requests_received("/openid/token"))

    page = refusal_page(client, client.get(callback.replace("state=", "state=forged")))

    assert "Innloggingen kunne ikke fullføres" in page
    assert not logged_in(client)
    assert len(identity_provider.requests_received("/openid/token")) == token_requests
    event = AuditEvent.objects.get()
    assert (event.kind, event.detail) == (Kind.SINGLE_SIGN_ON_REFUSED, "?: unknown state")


def test_a_callback_cannot_be_used_twice(client, sign_on_provider, kari):
    authorization, _state = started(client)
    callback = sign_in_at_provider(requests.Session(), authorization, INVITED.email)
    assert client.get(callback)["Location"] == "/start/"
    client.logout()

    page = refusal_page(client, client.get(callback))

    assert "Innloggingen kunne ikke fullføres" in page
    assert not logged_in(client)


def test_a_callback_in_another_browser_is_refused(client, sign_on_provider, kari):
    from django.test import Client

    authorization, _state = started(client)
    callback = sign_in_at_provider(requests.Session(), authorization, INVITED.email)
    other_browser = Client()

    refusal_page(other_browser, other_browser.get(callback))

    assert not logged_in(other_browser)


def test_an_id_token_made_for_another_start_fails_the_nonce_check(
    client, settings, sign_on_provider, kari, identity_provider
):
    """Without PKCE the provider hands out the first start's token for its code; its nonce is
    not the one the portal kept with the second start's state."""
    settings.OIDC_USE_PKCE = False
    first, _first_state = started(client)
    _second, second_state = started(client)
    callback = sign_in_at_provider(requests.Session(), first, INVITED.email)
    swapped = callback.split("state=")[0] + f"state={second_state}"
    token_requests = len(identity_provider.requests_received("/openid/token"))

    page = refusal_page(client, client.get(swapped))

    assert FAILED in page
    assert len(identity_provider.requests_received("/openid/token")) == token_requests + 1
    assert not logged_in(client)
    event = AuditEvent.objects.get()
    assert (event.kind, event.detail) == (
        Kind.SINGLE_SIGN_ON_REFUSED,
        "hamar-test: failed: SuspiciousOperation",
    )


def test_a_code_exchanged_with_another_starts_pkce_verifier_is_refused_by_the_provider(
    client, sign_on_provider, kari, identity_provider
):
    first, _first_state = started(client)
    _second, second_state = started(client)
    callback = sign_in_at_provider(requests.Session(), first, INVITED.email)
    swapped = callback.split("state=")[0] + f"state={second_state}"

    page = refusal_page(client, client.get(swapped))

    assert FAILED in page
    assert not logged_in(client)
    token = identity_provider.requests_received("/openid/token")[-1]
    assert token["form"]["code_verifier"]
    assert AuditEvent.objects.get().detail == "hamar-test: failed: HTTPError"


def test_a_token_from_another_issuer_than_the_configured_one_is_refused(
    client, settings, identity_provider, kari
):
    settings.SIGN_ON_PROVIDERS = [identity_provider.entry(issuer="https://login.example.org")]

    page = refusal_page(client, sign_on(client, INVITED.email))

    assert FAILED in page
    assert not logged_in(client)


def test_a_visitor_who_cancels_at_the_provider_is_told_on_the_login_page(client, sign_on_provider):
    _authorization, state = started(client)

    response = client.get(
        "/konto/felles-innlogging/tilbake/", {"error": "access_denied", "state": state}
    )

    assert "ble avbrutt eller mislyktes" in refusal_page(client, response)
    assert AuditEvent.objects.get().detail == "hamar-test: provider: access_denied"


def test_a_refused_sign_on_counts_towards_no_login_lockout(client, settings, sign_on_provider):
    settings.AXES_ENABLED = True

    refusal_page(client, sign_on(client, UNKNOWN.email))

    assert not AccessAttempt.objects.exists()
    assert AuditEvent.objects.get().kind == Kind.SINGLE_SIGN_ON_REFUSED


def test_a_refusal_sends_an_english_visitor_to_the_english_login_page(client, sign_on_provider):
    location = client.get("/en" + START)["Location"]
    callback = sign_in_at_provider(requests.Session(), location, UNKNOWN.email)

    response = client.get(callback)

    assert response["Location"] == "/en/konto/logg-inn/"
