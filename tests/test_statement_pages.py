"""The accessibility statement (tilgjengelighetserklæring) and the privacy statement
(personvernerklæring): their content, and a link to both from the footer of every page."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import FundingCallFactory, funded_project
from tests.html import element_text, in_english, page_text, start_tags
from tests.programme.expected import PROGRAMME_SLUG

pytestmark = pytest.mark.django_db

ACCESSIBILITY = "/tilgjengelighet/"
PRIVACY = "/personvern/"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def hrefs(fragment: str) -> list[str]:
    parser = _Links()
    parser.feed(fragment)
    return parser.hrefs


def footer_links(response) -> list[str]:
    content = response.content.decode()
    return hrefs(content[content.index("<footer") :])


def test_the_statement_pages_have_their_norwegian_addresses():
    assert reverse("accessibility-statement") == ACCESSIBILITY
    assert reverse("privacy-statement") == PRIVACY


@pytest.mark.parametrize("path", [ACCESSIBILITY, PRIVACY])
def test_a_statement_page_has_one_h1_and_headings_below_it(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert len(start_tags(response, "h1")) == 1
    assert len(start_tags(response, "h2")) >= 5
    assert start_tags(response, "h3") == []


def test_the_accessibility_statement_names_the_standard_and_how_it_is_tested(client):
    text = page_text(client.get(ACCESSIBILITY))

    assert "Tilgjengelighetserklæring" in text
    assert "WCAG 2.1 på nivå A og AA" in text
    assert "forskrift om universell utforming" in text
    assert "axe-core" in text
    assert "Chromium" in text
    assert "bare tastatur" in text
    assert "320 piksler" in text
    assert "200 % forstørrelse" in text


def test_the_accessibility_statement_names_its_known_limitations(client):
    text = page_text(client.get(ACCESSIBILITY))

    assert "Kjente begrensninger" in text
    assert "Django sitt eget administrasjonsgrensesnitt" in text


def test_the_accessibility_statement_says_how_to_report_and_where_to_complain(client, settings):
    settings.SECRETARIAT_EMAIL = "uu@region.example.org"

    response = client.get(ACCESSIBILITY)

    text = page_text(response)
    assert "Meld fra om feil" in text
    assert "uu@region.example.org" in text
    assert "mailto:uu@region.example.org" in hrefs(response.content.decode())
    assert "Tilsynet for universell utforming av ikt" in text
    assert "Digdir" in text
    assert "uutilsynet.no" in text
    # Named as text, not a link: the portal loads and links to nothing on other hosts here.
    assert not [href for href in hrefs(response.content.decode()) if "uutilsynet" in href]


def test_the_accessibility_statement_is_dated(client):
    text = page_text(client.get(ACCESSIBILITY))

    assert "Erklæringen ble sist oppdatert 27. november 2026." in text


def test_the_privacy_statement_lists_the_kinds_of_personal_data(client):
    text = element_text(client.get(PRIVACY), "hovedinnhold")

    for kind in [
        "navn, brukernavn, e-postadresse",
        "passordet som en hash",
        "hvilke kommuner brukeren søker for",
        "telefonnummer til prosjektleder og kontaktperson",
        "Vedlegg",
        "mislykkede innloggingsforsøk",
        "Endringshistorikk",
    ]:
        assert kind in text, kind


def test_the_privacy_statement_says_why_who_sees_it_and_how_long_it_is_kept(client):
    text = page_text(client.get(PRIVACY))

    assert "søknader om utviklingsmidler" in text
    assert "samarbeidsavtalen" in text
    assert "artikkel 6 nr. 1 bokstav e" in text
    assert "Ingen kommune ser en annen kommunes søknader" in text
    assert "Offentligheten ser aldri kontaktopplysninger" in text
    assert "så lenge arkivreglene krever" in text
    assert "deaktiveres når kommunen ber om det" in text
    assert "slettes etter 90 dager" in text


def test_the_privacy_statement_lists_what_is_kept_about_staff_why_and_how_long(client, settings):
    settings.AUDIT_LOG_RETENTION_DAYS = 180
    settings.INVITATION_VALID_DAYS = 5

    response = client.get(PRIVACY)

    text = element_text(response, "hovedinnhold")
    for kept in [
        "Navn og e-postadresse",
        "hvilken rolle du har i hver av dem",
        "Invitasjoner: hvem som inviterte deg",
        "virker én gang og i 5 dager",
        "tilgangslogg: innlogginger, mislykkede innlogginger",
        "IP-adressen forespørselen kom fra",
        "Tofaktorinnlogging: enhetene du har tatt i bruk",
        "Felles pålogging",
        "artikkel 32",
        "Tilgangsloggen (innlogginger, tofaktor, invitasjoner, roller og deaktiveringer, med "
        "IP-adresse) slettes etter 180 dager",
    ]:
        assert kept in text, kept
    assert reverse("accounts:my-account") in hrefs(response.content.decode())


def test_the_privacy_statement_is_dated_when_staff_data_was_added(client):
    assert "Erklæringen ble sist oppdatert 5. desember 2026." in page_text(client.get(PRIVACY))


def test_the_privacy_statement_names_the_controller_cookies_and_no_tracking(client, settings):
    settings.SECRETARIAT_EMAIL = "personvern@region.example.org"

    response = client.get(PRIVACY)

    text = page_text(response)
    assert "Hamarregionen IPR er behandlingsansvarlig" in text
    assert "personvern@region.example.org" in text
    assert "CSRF" in text
    assert "ingen analyseverktøy" in text
    assert "henter ingenting fra andre nettsteder" in text


@pytest.mark.parametrize(
    ("path", "h1", "phrases"),
    [
        (
            ACCESSIBILITY,
            "Accessibility statement",
            ["WCAG 2.1 at levels A and AA", "Report a problem", "uutilsynet.no"],
        ),
        (
            PRIVACY,
            "Privacy statement",
            ["Data controller", "password as a hash", "deleted after 90 days"],
        ),
    ],
)
def test_the_statement_pages_are_translated_into_english(client, path, h1, phrases):
    response = client.get(in_english(path))

    assert element_text(response, "hovedinnhold").startswith(h1)
    text = page_text(response)
    for phrase in phrases:
        assert phrase in text


@pytest.fixture
def public_paths(programme_fixture):
    call = FundingCallFactory()
    project = funded_project()
    paths = [
        "/",
        "/handlingsprogram/",
        f"/handlingsprogram/{PROGRAMME_SLUG}/",
        "/barekraftsmal/",
        "/barekraftsmal/17/",
        "/utlysninger/",
        call.get_absolute_url(),
        "/prosjekter/",
        "/konto/logg-inn/",
        "/konto/glemt-passord/",
        reverse("publication:project-detail", kwargs={"pk": project.pk}),
        ACCESSIBILITY,
        PRIVACY,
    ]
    return paths


def test_every_public_page_links_to_both_statements_in_its_footer(client, public_paths):
    for path in public_paths:
        response = client.get(path)
        assert response.status_code == 200, path
        links = footer_links(response)
        assert ACCESSIBILITY in links, path
        assert PRIVACY in links, path


def test_the_footer_links_are_on_the_pages_of_a_logged_in_applicant(hamar_client):
    response = hamar_client.get(reverse("projects:my-applications"))

    assert {ACCESSIBILITY, PRIVACY} <= set(footer_links(response))


def test_the_not_found_page_links_to_both_statements(client):
    response = client.get("/finnes-ikke/")

    assert response.status_code == 404
    assert {ACCESSIBILITY, PRIVACY} <= set(footer_links(response))


def test_the_footer_marks_the_current_statement_page(client):
    response = client.get(PRIVACY)

    current = [attrs["href"] for _, attrs in start_tags(response, "a") if "aria-current" in attrs]
    assert current == [PRIVACY]
