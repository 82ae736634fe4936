"""«Last ned CSV» on the application list: the filtered list as a file that Excel with Norwegian
settings opens as it is (UTF-8 with BOM, semicolons, amounts as plain numbers)."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.services import payment_register
from projects.workflow import State
from tests.factories import FundingCallFactory, case_in
from tests.html import page_text, start_tags

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
EXPORT_URL = "admin:projects_application_export_csv"
HEADER = [
    "ID",
    "Prosjektnavn",
    "Prosjekteier",
    "Utlysning",
    "Status",
    "Sendt inn",
    "Søknadsbeløp (kr)",
    "Anbefalt (kr)",
    "Innvilget (kr)",
    "Utbetalt (kr)",
]


@pytest.fixture
def make_case(secretariat_user, hamar, hamar_user):
    def make(state, **fields):
        fields.setdefault("lead_municipality", hamar)
        return case_in(state, secretariat=secretariat_user, created_by=hamar_user, **fields)

    return make


def export(client, query=""):
    return client.get(reverse(EXPORT_URL) + query)


def rows_of(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_file_is_utf8_with_bom_and_semicolons_with_a_norwegian_header(
    secretariat_client, make_case
):
    make_case(State.SUBMITTED, title="Kultur på tvers – Løten")

    response = export(secretariat_client)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="soknader-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    first_line = response.content[3:].decode("utf-8").splitlines()[0]
    assert first_line == ";".join(HEADER)
    assert "Kultur på tvers – Løten".encode() in response.content


def test_amounts_are_whole_numbers_and_dates_are_norwegian(
    secretariat_client, secretariat_user, make_case
):
    application = make_case(
        State.IN_PROGRESS,
        granted=400_000,
        submitted_at=datetime(2026, 3, 31, 23, 30, tzinfo=ZoneInfo("UTC")),
    )
    payment_register(
        application=application,
        user=secretariat_user,
        amount=125_000,
        paid_on=datetime(2026, 12, 1).date(),
    )

    rows = rows_of(export(secretariat_client))

    assert rows[1] == [
        str(application.pk),
        "Bolyst i Hamarregionen",
        "Hamar",
        application.funding_call.title,
        "Under gjennomføring",
        "01.04.2026",  # 23:30 UTC is past midnight in Norway
        "500000",
        "500000",
        "400000",
        "125000",
    ]


def test_an_application_without_recommendation_or_decision_has_empty_cells(
    secretariat_client, make_case
):
    application = make_case(State.SUBMITTED)

    rows = rows_of(export(secretariat_client))

    assert rows[1][0] == str(application.pk)
    assert rows[1][6:] == ["500000", "", "", "0"]


def test_the_file_holds_exactly_the_filtered_list(secretariat_client, make_case, loten):
    other_call = FundingCallFactory(title="Utlysning 2027")
    approved = make_case(State.APPROVED, title="Innvilget i Hamar")
    make_case(State.APPROVED, title="Innvilget i Løten", lead_municipality=loten)
    make_case(State.SUBMITTED, title="Sendt inn i Hamar")
    make_case(State.APPROVED, title="Innvilget i annen utlysning", funding_call=other_call)
    query = (
        f"?status__exact=approved&lead_municipality__id__exact={approved.lead_municipality_id}"
        f"&funding_call__id__exact={approved.funding_call_id}"
    )

    changelist = secretariat_client.get(reverse("admin:projects_application_changelist") + query)
    rows = rows_of(export(secretariat_client, query))

    assert [row[1] for row in rows[1:]] == ["Innvilget i Hamar"]
    assert [a.title for a in changelist.context["cl"].result_list] == ["Innvilget i Hamar"]


def test_the_search_and_the_year_filter_are_respected(secretariat_client, make_case):
    make_case(State.SUBMITTED, title="Sykkelveier", submitted_at=datetime(2025, 5, 1, tzinfo=OSLO))
    make_case(
        State.SUBMITTED, title="Sykkelparkering", submitted_at=datetime(2026, 5, 1, tzinfo=OSLO)
    )
    make_case(State.SUBMITTED, title="Bibliotek", submitted_at=datetime(2026, 6, 1, tzinfo=OSLO))

    searched = rows_of(export(secretariat_client, "?q=sykkel"))
    by_year = rows_of(export(secretariat_client, "?aar=2026&o=1"))

    assert sorted(row[1] for row in searched[1:]) == ["Sykkelparkering", "Sykkelveier"]
    assert [row[1] for row in by_year[1:]] == ["Bibliotek", "Sykkelparkering"]


def test_the_focus_area_filter_is_respected(secretariat_client, make_case):
    first = make_case(State.SUBMITTED, title="Første")
    call = first.funding_call
    second = make_case(State.SUBMITTED, title="Andre", funding_call=call)
    second.focus_areas.set([call.focus_areas.order_by("pk").last()])

    rows = rows_of(
        export(secretariat_client, f"?focus_areas__id__exact={first.focus_areas.get().pk}")
    )

    assert [row[1] for row in rows[1:]] == ["Første"]


def test_the_link_on_the_list_carries_the_lists_filter(secretariat_client, make_case):
    make_case(State.SUBMITTED)

    response = secretariat_client.get(
        reverse("admin:projects_application_changelist") + "?status__exact=submitted&q=bolyst"
    )

    export_links = [
        attrs["href"]
        for _tag, attrs in start_tags(response, "a")
        if attrs.get("href", "").startswith(reverse(EXPORT_URL))
    ]
    assert export_links == [reverse(EXPORT_URL) + "?q=bolyst&status__exact=submitted"]
    assert "Last ned CSV" in page_text(response)


def test_no_contact_details_are_in_the_file(secretariat_client, make_case):
    make_case(State.APPROVED)

    content = export(secretariat_client).content.decode("utf-8-sig")

    for personal in (
        "Kari Nordmann",
        "kari@hamar.example.org",
        "+47 62 00 00 00",
        "Ola Nordmann",
        "kontakt@hamar.example.org",
        "+47 62 00 00 01",
        "hamar-saksbehandler",
    ):
        assert personal not in content


def test_a_title_that_looks_like_a_formula_is_not_run_by_the_spreadsheet(
    secretariat_client, make_case
):
    make_case(State.SUBMITTED, title='=HYPERLINK("http://example.org")')

    rows = rows_of(export(secretariat_client))

    assert rows[1][1] == '\'=HYPERLINK("http://example.org")'


def test_a_bad_filter_goes_back_to_the_list_with_a_message(secretariat_client, make_case):
    make_case(State.SUBMITTED)

    response = export(secretariat_client, "?lead_municipality__id__exact=abc")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:projects_application_changelist")


def test_the_number_of_queries_does_not_grow_with_the_rows(secretariat_client, make_case):
    # Six grants of 500 000 kr: more than the default call's frame holds.
    call = FundingCallFactory(budget_frame=10_000_000)
    make_case(State.APPROVED, funding_call=call)
    with CaptureQueriesContext(connection) as one:
        export(secretariat_client)
    for _ in range(5):
        make_case(State.IN_PROGRESS, funding_call=call)

    with CaptureQueriesContext(connection) as six:
        response = export(secretariat_client)

    assert len(rows_of(response)) == 7
    assert len(six) == len(one)


def test_council_members_may_not_export(council_client, make_case):
    make_case(State.SUBMITTED)

    assert export(council_client).status_code == 403
