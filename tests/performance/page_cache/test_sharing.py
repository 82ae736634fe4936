"""A cached page is never shared with a logged-in user, nor one that gives a visitor a token, a
message or a session; login, password and private pages are never cached; which addresses
are public pages follows the urlconf in force."""

import pytest
from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path as url_path
from django.urls import reverse
from django.views import View

from hamarregion.page_cache import PublicPageMixin
from tests.factories import DEFAULT_PASSWORD
from tests.html import in_english, page_text, start_tags
from tests.performance.page_cache.helpers import HEADER, PROGRAMME_PATH

pytestmark = pytest.mark.django_db


def test_logged_in_users_never_get_a_cached_page_and_no_proxy_keeps_theirs(
    client, hamar_client, programme_fixture
):
    client.get(PROGRAMME_PATH)
    assert client.get(PROGRAMME_PATH)[HEADER] == "hit"

    response = hamar_client.get(PROGRAMME_PATH)

    assert HEADER not in response
    assert "Logg ut" in page_text(response)
    directives = set(response["Cache-Control"].split(", "))
    assert {"private", "no-cache", "no-store"} <= directives
    assert "public" not in directives
    assert "no-store" in hamar_client.get(reverse("projects:my-applications"))["Cache-Control"]


def test_a_page_seen_by_a_logged_in_user_never_reaches_the_anonymous_cache(
    client, hamar_client, programme_fixture
):
    for _ in range(2):
        hamar_client.get(PROGRAMME_PATH)

    response = client.get(PROGRAMME_PATH)

    assert response[HEADER] == "miss"
    text = page_text(response)
    assert "Logg ut" not in text
    assert "Mine søknader" not in text
    assert "csrfmiddlewaretoken" not in response.content.decode()


class VisitorStateView(PublicPageMixin, View):
    """A page marked public that still gives this visitor something of their own."""

    def get(self, request, kind):
        if kind == "csrf":
            return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')
        if kind == "message":
            messages.info(request, "Takk for besøket.")
        if kind == "session":
            request.session["seen"] = True
        return HttpResponse("<p>Side</p>")


urlpatterns = [url_path("besok/<str:kind>/", VisitorStateView.as_view())]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("kind", ["csrf", "message", "session"])
def test_a_page_that_gives_the_visitor_a_token_message_or_session_is_not_shared(client, kind):
    first = client.get(f"/besok/{kind}/")
    client.cookies.clear()

    second = client.get(f"/besok/{kind}/")

    assert first.cookies, "the page sets a cookie of this visitor's"
    assert HEADER not in first
    assert HEADER not in second
    assert {"private", "no-store"} <= set(first["Cache-Control"].split(", "))


@pytest.mark.urls(__name__)
def test_a_page_without_visitor_state_from_the_same_view_is_shared(client):
    client.get("/besok/ingenting/")

    assert client.get("/besok/ingenting/")[HEADER] == "hit"


def test_a_visitor_with_a_message_waiting_is_not_served_a_shared_page(client, programme_fixture):
    client.get(PROGRAMME_PATH)
    client.cookies["messages"] = "a-message-for-this-visitor-only"

    response = client.get(PROGRAMME_PATH)

    assert HEADER not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "name", ["login", "password_reset", "admin:login", "projects:my-applications"]
)
def test_login_password_and_private_pages_are_never_cached(client, name):
    for _ in range(2):
        response = client.get(reverse(name))
        assert HEADER not in response
        assert "public" not in response.get("Cache-Control", "")


def test_the_language_switch_works_without_a_csrf_token(programme_fixture):
    browser = Client(enforce_csrf_checks=True)

    switched = browser.post(reverse("set_language"), {"language": "en", "next": PROGRAMME_PATH})

    assert switched.status_code == 302
    assert switched["Location"] == in_english(PROGRAMME_PATH)
    page = browser.get(switched["Location"])
    assert '<html lang="en">' in page.content.decode()
    # The switch on the page is a link to the other address: nothing to post, no token.
    switch = [attrs["href"] for _, attrs in start_tags(page, "a") if "hreflang" in attrs]
    assert switch == [PROGRAMME_PATH]


@pytest.mark.urls(__name__)
def test_whether_an_address_is_a_public_page_follows_the_urlconf_in_force(client, settings):
    path = "/besok/adressen-er-ukjent-i-portalen/"  # a path no other test asks for
    settings.ROOT_URLCONF = "hamarregion.urls"
    assert client.get(path).status_code == 404
    settings.ROOT_URLCONF = __name__

    client.get(path)

    assert client.get(path)[HEADER] == "hit"


def test_logging_in_or_out_clears_the_browsers_copies_of_public_pages(client, hamar_user):
    """Public pages carry no `Vary: Cookie`: a browser could otherwise show a page it kept from
    before to the visitor who has just logged in or out."""
    login = reverse("login")

    refused = client.post(login, {"username": hamar_user.username, "password": "feil"})
    logged_in = client.post(login, {"username": hamar_user.username, "password": DEFAULT_PASSWORD})
    logged_out = client.post(reverse("logout"))

    assert refused.status_code == 200 and "Clear-Site-Data" not in refused
    assert logged_in.status_code == 302 and logged_in["Clear-Site-Data"] == '"cache"'
    assert logged_out.status_code == 302 and logged_out["Clear-Site-Data"] == '"cache"'
