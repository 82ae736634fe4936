"""Every error a visitor can meet is a page in the portal's look (its menu and footer) and in
the visitor's language, never a blank or English-only page."""

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Application
from tests.factories import FundingCallFactory, UserFactory, complete_application
from tests.html import in_english, page_text, start_tags

NORWEGIAN, ENGLISH = "nb", "en"


def portal_page(response, language):
    """The page's text, after checking that it is one of the portal's in `language`."""
    assert response["Content-Type"].startswith("text/html")
    ((_tag, html),) = start_tags(response, "html")
    assert html["lang"] == language
    text = page_text(response)
    assert "Hamarregionen IPR" in text
    assert ("Til forsiden" if language == NORWEGIAN else "To the front page") in text
    return text


def address(path, language):
    return in_english(path) if language == ENGLISH else path


@pytest.mark.parametrize(
    ("language", "heading"),
    [(NORWEGIAN, "Ugyldig forespørsel"), (ENGLISH, "Bad request")],
)
def test_a_request_for_an_unknown_host_gets_the_bad_request_page(db, language, heading):
    response = Client().get(address("/prosjekter/", language), HTTP_HOST="ukjent.example.org")

    assert response.status_code == 400
    assert heading in portal_page(response, language)
    # Rendered for the request: the language switch leads to the address asked for.
    other = ENGLISH if language == NORWEGIAN else NORWEGIAN
    switch = [attrs["href"] for _, attrs in start_tags(response, "a") if "hreflang" in attrs]
    assert switch == [address("/prosjekter/", other)]


@pytest.mark.parametrize(
    ("language", "heading"),
    [(NORWEGIAN, "Siden kan ikke brukes slik"), (ENGLISH, "This page cannot be used this way")],
)
def test_opening_the_upload_address_gets_a_page_that_keeps_the_allowed_method(
    hamar_client, hamar, language, heading
):
    application = complete_application(lead_municipality=hamar)

    response = hamar_client.get(
        address(reverse("projects:attachment-upload", args=[application.pk]), language)
    )

    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert "GET" not in response["Allow"]
    assert heading in portal_page(response, language)


def test_logging_out_by_a_link_gets_the_page_and_stays_logged_in(hamar_client):
    response = hamar_client.get(reverse("logout"))

    assert response.status_code == 405
    assert "Siden kan ikke brukes slik" in portal_page(response, NORWEGIAN)
    assert "Mine søknader" in page_text(response)


@pytest.mark.parametrize(
    ("language", "heading"),
    [(NORWEGIAN, "Skjemaet kunne ikke sendes"), (ENGLISH, "The form could not be sent")],
)
def test_a_form_sent_without_its_security_token_is_refused_with_a_page(
    hamar_user, language, heading
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(hamar_user)
    call = FundingCallFactory()
    my_applications = address(reverse("projects:my-applications"), language)

    response = client.post(
        address(reverse("projects:application-start", args=[call.slug]), language),
        {"title": "Uten nøkkel"},
    )

    assert response.status_code == 403
    assert heading in portal_page(response, language)
    assert my_applications in response.content.decode()
    assert not Application.objects.filter(title="Uten nøkkel").exists()


def test_a_missing_page_and_a_refused_one_are_portal_pages_too(db, client):
    client.force_login(UserFactory())
    call = FundingCallFactory()

    missing = client.get("/finnes-ikke/")
    refused = client.get(reverse("projects:application-start", args=[call.slug]))

    assert missing.status_code == 404
    assert "Fant ikke siden" in portal_page(missing, NORWEGIAN)
    assert refused.status_code == 403
    assert "Ingen tilgang" in portal_page(refused, NORWEGIAN)
