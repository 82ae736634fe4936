"""Managing people in Chromium: Hamar's administrator invites a colleague, whose first login is
through the invitation's link; «Brukere», «Min konto» and the invitation's pages pass axe and
fit a phone."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.roles import Role
from accounts.services import invitation_send
from tests.browser.test_axe import assert_accessible, in_language
from tests.browser.test_layout import assert_fits

pytestmark = pytest.mark.browser

PASSWORD = "Mjøsa-rundt-2026"


def invitation_path() -> str:
    (path,) = re.findall(r"https?://[^/\s]+(/konto/invitasjon/[^/\s]+/)", mail.outbox[-1].body)
    return path


def test_an_administrator_invites_a_colleague_whose_first_login_is_through_the_link(
    page, new_page, login, hamar_admin
):
    login(page, hamar_admin.username)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Brukere").click()
    page.get_by_label("E-postadresse").fill("kari.nordmann@hamar.kommune.no")
    page.get_by_role("button", name="Send invitasjon").click()
    page.wait_for_load_state()
    assert "Invitasjonen er sendt til kari.nordmann@hamar.kommune.no" in page.inner_text("body")
    assert "Invitert, lenken virker til" in page.inner_text("main")

    colleague = new_page()
    colleague.goto(invitation_path())
    colleague.get_by_label("Fornavn").fill("Kari")
    colleague.get_by_label("Etternavn").fill("Nordmann")
    colleague.locator("#id_password").fill(PASSWORD)
    colleague.locator("#id_password_again").fill(PASSWORD)
    colleague.get_by_role("button", name="Ta imot og logg inn").click()
    colleague.wait_for_load_state()

    assert colleague.url.endswith(reverse("projects:my-applications"))
    assert "Du søker på vegne av: Hamar" in colleague.inner_text("main")
    page.reload()
    row = page.locator("tr", has_text="kari.nordmann@hamar.kommune.no")
    assert "Kari Nordmann" in row.inner_text()
    assert "Aktiv" in row.inner_text()


@pytest.fixture
def people_pages(hamar, hamar_admin, hamar_user):
    """{id: (path, status)} of the people pages, with a pending invitation in the list."""
    invitation_send(
        organisation_id=hamar.organisation_id,
        email="ny@hamar.kommune.no",
        role=Role.APPLICANT,
        actor=hamar_admin,
    )
    return {
        "brukere": (hamar.organisation.get_absolute_url(), 200),
        "min-konto": (reverse("accounts:my-account"), 200),
        "invitasjon": (invitation_path(), 200),
        "invitasjon-ugyldig": (
            reverse("accounts:invitation-accept", kwargs={"token": "ugyldig"}),
            404,
        ),
    }


PEOPLE_PAGE_IDS = ["brukere", "min-konto", "invitasjon", "invitasjon-ugyldig"]


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("page_id", PEOPLE_PAGE_IDS)
def test_people_page_has_no_wcag_violations(
    page, login, hamar_admin, people_pages, page_id, language
):
    if page_id in ("brukere", "min-konto"):
        login(page, hamar_admin.username)
    path, status = people_pages[page_id]
    assert_accessible(page, in_language(path, language), status=status)


@pytest.mark.parametrize("page_id", ["brukere", "min-konto", "invitasjon"])
def test_people_page_does_not_scroll_sideways(new_page, login, hamar_admin, people_pages, page_id):
    path, _status = people_pages[page_id]
    username = hamar_admin.username if page_id != "invitasjon" else None
    assert_fits(new_page, path, username=username, login=login if username else None)
