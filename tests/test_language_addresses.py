"""Each page at one address per language (hamarregion/languages.py): the alternates search
engines read, the footer's switch between them, and where the old addresses and the old
switch's cookie lead."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.html import in_english, page_text, start_tags
from tests.programme.expected import PROGRAMME_SLUG

pytestmark = pytest.mark.django_db

PROGRAMME_PATH = f"/handlingsprogram/{PROGRAMME_SLUG}/"


def html_lang(response) -> str:
    return start_tags(response, "html")[0][1].get("lang")


# --- Bokmål's prefix -----------------------------------------------------------------------


def test_bokmals_prefix_leads_to_the_address_without_it(client, programme_fixture):
    response = client.get("/nb/prosjekter/?kommune=hamar")

    assert response.status_code == 301
    assert response["Location"] == "/prosjekter/?kommune=hamar"


@pytest.mark.parametrize("path", ["/nb//evil.example.com/", "/nb/\\evil.example.com/"])
def test_bokmals_prefix_never_leads_to_another_host(client, path):
    response = client.get(path)

    assert response.status_code == 301
    assert response["Location"] == "/evil.example.com/"


# --- Alternates and the language switch ----------------------------------------------------


def alternate_links(response) -> dict[str, str]:
    return {
        attrs["hreflang"]: attrs["href"]
        for _, attrs in start_tags(response, "link")
        if attrs.get("rel") == "alternate" and "hreflang" in attrs
    }


@pytest.mark.parametrize("path", ["/prosjekter/?q=skole&page=2", "/en/prosjekter/?q=skole&page=2"])
def test_each_page_names_its_address_in_both_languages_for_search_engines(
    client, programme_fixture, path
):
    response = client.get(path)

    assert alternate_links(response) == {
        "nb": "https://portal.example.org/prosjekter/?q=skole&page=2",
        "en": "https://portal.example.org/en/prosjekter/?q=skole&page=2",
        "x-default": "https://portal.example.org/prosjekter/?q=skole&page=2",
    }


def test_a_page_not_found_names_no_alternates(client):
    assert alternate_links(client.get("/finnes-ikke/")) == {}


def language_switch_links(response) -> list[dict]:
    """The switch's links: the only links on a page that name the language they lead to."""
    return [attrs for _, attrs in start_tags(response, "a") if "hreflang" in attrs]


def test_the_footer_links_to_the_same_page_in_the_other_language(client, programme_fixture):
    response = client.get("/prosjekter/?q=skole&page=2")

    (link,) = language_switch_links(response)
    assert (link["href"], link["hreflang"], link["lang"]) == (
        "/en/prosjekter/?q=skole&page=2",
        "en",
        "en",
    )
    assert "English" in page_text(response)
    assert "Norsk (bokmål)" in page_text(response)
    back = language_switch_links(client.get(link["href"]))
    assert [(attrs["href"], attrs["lang"]) for attrs in back] == [
        ("/prosjekter/?q=skole&page=2", "nb")
    ]


def test_on_a_page_not_found_the_switch_leads_to_the_front_page(client):
    links = language_switch_links(client.get("/en/finnes-ikke/"))

    assert [attrs["href"] for attrs in links] == ["/"]


def test_the_old_switch_leads_to_the_page_in_the_chosen_language_without_a_cookie(
    client, programme_fixture
):
    response = client.post(reverse("set_language"), {"language": "en", "next": PROGRAMME_PATH})

    assert response.status_code == 302
    assert response["Location"] == in_english(PROGRAMME_PATH)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    back = client.post(
        reverse("set_language"), {"language": "nb", "next": in_english("/utlysninger/")}
    )
    assert back["Location"] == "/utlysninger/"


def test_the_old_switch_does_not_redirect_to_another_host(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example.com/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_a_visitor_with_the_old_language_cookie_is_sent_once_to_the_english_address(
    client, programme_fixture
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/prosjekter/?kommune=hamar")

    assert response.status_code == 302
    assert response["Location"] == "/en/prosjekter/?kommune=hamar"
    assert "no-store" in response["Cache-Control"]
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""
    # The cookie gone, the bokmål address answers in bokmål again.
    assert html_lang(client.get("/prosjekter/")) == "nb"


def test_a_logged_in_applicant_keeps_the_session_in_english(hamar_client):
    response = hamar_client.get("/en/mine-soknader/")

    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "My applications" in page_text(response)
