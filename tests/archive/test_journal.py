"""The public post journal (offentlig journal): the registry entries the export sent, by month,
with organisations as parties and no personal data; an exempt entry shows its legal ground in
place of its title."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.models import RegistryEntry
from projects.models import CaseDocument
from tests.admin_forms import admin_form_data
from tests.factories import FundingCallFactory
from tests.html import page_text

from .conftest import PROJECT_LEADER, export, report_sent_in, sent_in

pytestmark = pytest.mark.django_db

JOURNAL = reverse("archive:journal")
GROUND = "Offl. § 13 jf. fvl. § 13 første ledd nr. 1"
OCTOBER = timezone.make_aware(datetime(2026, 10, 14, 10, 0))


@pytest.fixture
def journal(granted, hamar, hamar_user, secretariat_user, tmp_path, quick_pdfs):
    """Hamar's granted case sent in and decided in October 2026 and reported now, and a second
    application sent in now, all exported."""
    CaseDocument.objects.filter(application=granted).update(created_at=OCTOBER)
    report_sent_in(granted, secretariat_user)
    sent_in(hamar, hamar_user, title="Felles næringsarena", funding_call=FundingCallFactory())
    export(tmp_path / "arkiv")
    return granted


def rows(response):
    text = page_text(response)
    return text[text.index("Journaldato Type Tittel") :]


def test_the_journal_lists_each_entry_newest_first_with_date_type_title_and_party(journal, client):
    response = client.get(JOURNAL)

    assert response.status_code == 200
    listed = rows(response)
    today = f"{timezone.localdate():%d.%m.%Y}"
    assert f"{today} I Søknad om utviklingsmidler: Felles næringsarena Hamar" in listed
    assert f"{today} I Sluttrapport: Bolyst i Hamarregionen Hamar" in listed
    assert "14.10.2026 U Tilskuddsbrev: Bolyst i Hamarregionen Hamar" in listed
    assert "14.10.2026 I Søknad om utviklingsmidler: Bolyst i Hamarregionen Hamar" in listed
    assert listed.index(today) < listed.index("14.10.2026")
    assert "4 journalposter" in page_text(response)


def test_the_journal_shows_one_month_at_a_time(journal, client):
    response = client.get(JOURNAL, {"month": "2026-10"})

    listed = rows(response)
    assert "2 journalposter i oktober 2026" in page_text(response)
    assert "Tilskuddsbrev: Bolyst i Hamarregionen" in listed
    assert "Felles næringsarena" not in listed
    assert '<option value="2026-10" selected>' in response.content.decode()


@pytest.mark.parametrize("month", ["2019-01", "oktober", "2026-13", "2026-10' OR 1=1", "\x00"])
def test_a_month_that_cannot_be_used_gives_a_message_and_the_whole_journal(journal, client, month):
    response = client.get(JOURNAL, {"month": month})

    assert response.status_code == 200
    text = page_text(response)
    assert "Velg en måned fra listen." in text
    assert "Måneden kunne ikke brukes." in text
    assert "4 journalposter" in text


def test_an_exempt_entry_shows_its_ground_and_hides_its_title(journal, client, secretariat_client):
    entry = RegistryEntry.objects.get(document__kind=CaseDocument.Kind.FINAL_REPORT)
    client.get(JOURNAL)  # cached for anonymous visitors
    url = reverse("admin:archive_registryentry_change", args=[entry.pk])
    secretariat_client.post(
        url, admin_form_data(secretariat_client.get(url), exemption_ground=GROUND)
    )

    listed = rows(client.get(JOURNAL))

    assert f"Unntatt offentlighet ({GROUND}) Hamar" in listed
    assert "Sluttrapport: Bolyst i Hamarregionen" not in listed


def test_the_journal_shows_no_personal_data(journal, client, hamar_user):
    content = client.get(JOURNAL).content.decode()

    for value in (*PROJECT_LEADER, hamar_user.get_full_name(), hamar_user.email):
        assert value not in content


def test_the_journal_is_paged_and_a_bad_page_gives_a_page(journal, client, monkeypatch):
    monkeypatch.setattr("archive.views.JournalView.paginate_by", 3)

    first = client.get(JOURNAL, {"page": "abc"})
    last = client.get(JOURNAL, {"page": "99"})

    assert "Side 1 av 2" in page_text(first)
    assert "Side 2 av 2" in page_text(last)
    assert "14.10.2026" in rows(last)


def test_an_empty_journal_says_so(client, db):
    response = client.get(JOURNAL)

    assert response.status_code == 200
    assert "Ingen journalposter ennå." in page_text(response)


def test_the_footer_links_to_the_journal(client, db):
    page = client.get(reverse("programme:home")).content.decode()

    assert f'href="{JOURNAL}"' in page


def test_an_entry_is_dated_by_the_local_day_its_document_was_made(
    granted, client, tmp_path, quick_pdfs
):
    # Half past midnight in Norway is still 31 October in UTC.
    just_after_midnight = timezone.make_aware(datetime(2026, 11, 1, 0, 30))
    CaseDocument.objects.filter(application=granted).update(created_at=just_after_midnight)
    export(tmp_path / "arkiv")

    assert set(RegistryEntry.objects.values_list("journal_date", flat=True)) == {date(2026, 11, 1)}
    text = page_text(client.get(JOURNAL, {"month": "2026-11"}))
    assert "2 journalposter i november 2026" in text
