"""The statistics page: its figures equal the sums in the database, in the tables and in the
charts alike (bar lengths proportional to the values, the values in the bars' titles and
labels); only funded projects count as granted; the period filter narrows every figure; empty
data and bad input give a message, never an error."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from programme.models import Programme
from projects.workflow import State
from tests.factories import (
    ApplicationFactory,
    DecisionFactory,
    FundingCallFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    funded_project,
)
from tests.html import in_english, page_text, start_tags
from tests.property.conftest import form_value, one_example
from tests.publication.statistics_page import (
    SVG,
    amount,
    assert_chart_shows,
    bars,
    chart,
    granted_in_database,
    nok,
    period_options,
    read_table,
    table_rows,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_programme")]

URL = "/statistikk/"

# Planted on applications that are not funded: an amount that must never be counted.
NOT_GRANTED = 777_000


@pytest.fixture
def hamar_and_stange(hamar):
    from projects.models import Municipality

    return hamar, Municipality.objects.get(slug="stange")


@pytest.fixture
def world(hamar_and_stange):
    """Two periods: the published 2024–2025 with two calls and the archived 2022–2023 with
    one. Funded projects in both; and in the published period applications that are not funded
    (rejected, draft, withdrawn, submitted) carrying an approved 777 000 kr decision each, which
    must never be counted as granted."""
    hamar, stange = hamar_and_stange
    partner = MunicipalityFactory(name="Innlandet fylkeskommune", slug="innlandet")
    new = ProgrammeFactory(
        title="Handlingsprogram 2024–2025",
        slug="2024-2025",
        start_year=2024,
        end_year=2025,
        status=Programme.Status.PUBLISHED,
    )
    old = ProgrammeFactory(
        title="Handlingsprogram 2022–2023",
        slug="2022-2023",
        start_year=2022,
        end_year=2023,
        status=Programme.Status.ARCHIVED,
    )
    soon = timezone.now().replace(second=0, microsecond=0)
    spring = FundingCallFactory(
        programme=new, title="Vår 2024", closes_at=soon + timedelta(days=10)
    )
    autumn = FundingCallFactory(
        programme=new,
        title="Høst 2024",
        closes_at=soon + timedelta(days=20),
        focus_areas=list(spring.focus_areas.all()),
    )
    archived_call = FundingCallFactory(programme=old, title="Utviklingsmidler 2022")
    first_area, second_area = spring.focus_areas.order_by("pk")

    both_areas = funded_project(
        funding_call=spring,
        lead_municipality=hamar,
        granted_amount=300_000,
        decided_on=date(2024, 3, 1),
    )
    both_areas.focus_areas.set([first_area, second_area])
    funded_project(
        funding_call=spring,
        lead_municipality=stange,
        granted_amount=150_000,
        decided_on=date(2024, 4, 2),
        status=State.IN_PROGRESS,
    )
    funded_project(
        funding_call=autumn,
        lead_municipality=hamar,
        granted_amount=125_000,
        decided_on=date(2025, 1, 20),
        status=State.COMPLETED,
    )
    funded_project(
        funding_call=autumn,
        lead_municipality=partner,
        granted_amount=50_000,
        decided_on=date(2025, 2, 3),
    )
    funded_project(
        funding_call=archived_call,
        lead_municipality=stange,
        granted_amount=900_000,
        decided_on=date(2022, 6, 1),
    )
    for state, submitted in [
        (State.REJECTED, True),
        (State.REJECTED, True),
        (State.DRAFT, False),
        (State.WITHDRAWN, False),
        (State.WITHDRAWN, True),
        (State.SUBMITTED, True),
    ]:
        application = ApplicationFactory(
            funding_call=autumn,
            lead_municipality=hamar,
            status=state,
            submitted_at=timezone.now() if submitted else None,
        )
        DecisionFactory(
            application=application, granted_amount=NOT_GRANTED, decided_on=date(2024, 10, 1)
        )
    return {
        "new": new,
        "old": old,
        "spring": spring,
        "autumn": autumn,
        "areas": (first_area, second_area),
    }


# --- The figures equal the database -----------------------------------------------------------


def test_granted_by_municipality_in_table_and_chart_equals_the_database(client, world):
    response = client.get(URL)

    expected = granted_in_database(world["new"], key=lambda p: [p.lead_municipality.name])
    # The four members are listed at 0 kr where they have no grant; the largest amount first.
    expected = {**{"Løten": 0, "Ringsaker": 0}, **expected}
    expected = dict(sorted(expected.items(), key=lambda item: (-item[1], item[0])))
    assert expected == {
        "Hamar": 425_000,
        "Stange": 150_000,
        "Innlandet fylkeskommune": 50_000,
        "Løten": 0,
        "Ringsaker": 0,
    }
    rows = table_rows(response, "tabell-kommune")
    assert {label: amount(cells[0]) for label, cells in rows.items()} == expected
    assert list(rows) == list(expected)
    assert rows["Hamar"] == [nok(425_000), "2"]
    assert_chart_shows(chart(response, "diagram-kommune"), expected, nok)


def test_a_project_in_two_focus_areas_counts_in_full_under_each(client, world):
    response = client.get(URL)

    first, second = world["areas"]
    expected = granted_in_database(
        world["new"], key=lambda p: [area.name for area in p.focus_areas.all()]
    )
    assert expected == {first.name: 300_000 + 150_000 + 125_000 + 50_000, second.name: 300_000}
    rows = table_rows(response, "tabell-satsingsomrade")
    shown = {label: amount(cells[0]) for label, cells in rows.items()}
    assert shown == expected
    assert list(shown) == [first.name, second.name]
    assert rows[second.name] == [nok(300_000), "1"]
    assert_chart_shows(chart(response, "diagram-satsingsomrade"), shown, nok)
    # The total counts each project once.
    assert "625 000 kr innvilget til 4 prosjekter" in page_text(response)


def test_granted_by_year_of_the_decision_equals_the_database(client, world):
    response = client.get(URL)

    expected = granted_in_database(world["new"], key=lambda p: [str(p.decision.decided_on.year)])
    assert expected == {"2024": 450_000, "2025": 175_000}
    rows = table_rows(response, "tabell-ar")
    shown = {label: amount(cells[0]) for label, cells in rows.items()}
    assert shown == expected
    assert list(shown) == ["2024", "2025"]
    assert_chart_shows(chart(response, "diagram-ar"), shown, nok)


def test_applications_and_share_approved_per_call(client, world):
    response = client.get(URL)

    rows = table_rows(response, "tabell-utlysning")
    # Spring: two funded. Autumn: two funded, two rejected, one submitted and one withdrawn
    # after it was sent in; the draft and the draft withdrawn unsent are no applications.
    assert rows == {
        "Vår 2024": ["2", "2", "0", "100\u00a0%"],
        "Høst 2024": ["6", "2", "2", "50\u00a0%"],
    }
    assert_chart_shows(chart(response, "diagram-soknader"), {"Vår 2024": 2, "Høst 2024": 6}, str)
    assert_chart_shows(
        chart(response, "diagram-andel"),
        {"Vår 2024": 100, "Høst 2024": 50},
        lambda share: f"{share}\u00a0%",
        scale=100,
    )


def test_rejected_draft_withdrawn_and_undecided_applications_grant_nothing(client, world):
    response = client.get(URL, {"programme": "alle"})

    assert response.status_code == 200
    assert "777" not in page_text(response)
    assert "777" not in response.content.decode()
    total = sum(granted_in_database(key=lambda p: ["all"]).values())
    assert total == 1_525_000
    assert "1 525 000 kr innvilget til 5 prosjekter" in page_text(response)


# --- The period filter ------------------------------------------------------------------------


def test_the_published_period_is_the_default_and_is_selected(client, world):
    response = client.get(URL)

    assert response.context["programme"] == world["new"]
    assert list(period_options(response).items()) == [
        ("2024-2025", True),
        ("2022-2023", False),
        ("alle", False),
    ]


def test_another_period_shows_only_its_own_figures(client, world):
    response = client.get(URL, {"programme": "2022-2023"})

    assert table_rows(response, "tabell-kommune")["Stange"] == [nok(900_000), "1"]
    assert amount(table_rows(response, "tabell-kommune")["Hamar"][0]) == 0
    assert list(table_rows(response, "tabell-utlysning")) == ["Utviklingsmidler 2022"]
    assert table_rows(response, "tabell-ar") == {"2022": [nok(900_000), "1"]}
    assert_chart_shows(chart(response, "diagram-ar"), {"2022": 900_000}, nok)
    assert "2022–2023" in read_table(response, "tabell-ar").caption


def test_all_periods_sum_every_period_and_name_each_focus_area_with_its_period(client, world):
    response = client.get(URL, {"programme": "alle"})

    expected = granted_in_database(key=lambda p: [p.lead_municipality.name])
    rows = table_rows(response, "tabell-kommune")
    assert {label: amount(cells[0]) for label, cells in rows.items() if amount(cells[0])} == (
        expected
    )
    assert rows["Stange"] == [nok(1_050_000), "2"]
    labels = list(table_rows(response, "tabell-satsingsomrade"))
    first, second = world["areas"]
    assert f"{first.name} (2024–2025)" in labels
    assert all(label.endswith(("(2024–2025)", "(2022–2023)")) for label in labels)
    assert set(table_rows(response, "tabell-utlysning")) == {
        "Utviklingsmidler 2022",
        "Vår 2024",
        "Høst 2024",
    }


def test_a_draft_period_is_neither_offered_nor_counted(client, world, hamar):
    draft = ProgrammeFactory(slug="utkast", status=Programme.Status.DRAFT)
    hidden_call = FundingCallFactory(programme=draft, title="Skjult utlysning", is_published=True)
    funded_project(funding_call=hidden_call, lead_municipality=hamar, granted_amount=1_000)

    response = client.get(URL, {"programme": "utkast"})

    assert response.status_code == 200
    assert "Perioden i adressen finnes ikke" in page_text(response)
    assert response.context["programme"] == world["new"]
    everything = client.get(URL, {"programme": "alle"})
    assert "Skjult utlysning" not in page_text(everything)
    assert "1 525 000 kr innvilget til 5 prosjekter" in page_text(everything)
    assert "utkast" not in period_options(everything)


@pytest.mark.parametrize("value", ["finnes-ikke", "<script>", "1" * 300, ""])
def test_a_bad_period_gives_a_message_and_the_default_period(client, world, value):
    response = client.get(URL, {"programme": value})

    assert response.status_code == 200
    assert response.context["programme"] == world["new"]
    assert ("Perioden i adressen finnes ikke" in page_text(response)) == bool(value)
    assert "<script>" not in response.content.decode()


@given(values=st.lists(st.one_of(form_value, st.sampled_from(["alle", "2022-2023"])), max_size=3))
def test_any_period_parameter_gives_a_page_never_a_server_error(client, world, values):
    with one_example():
        response = client.get(URL, {"programme": values, "annet": values})
        assert response.status_code == 200


# --- Empty data -------------------------------------------------------------------------------


def test_with_no_programme_and_no_projects_the_page_says_so(client):
    response = client.get(URL)

    assert response.status_code == 200
    text = page_text(response)
    assert "Ingen prosjekter har fått utviklingsmidler i denne perioden ennå" in text
    assert "Ingen utlysninger er publisert i denne perioden ennå" in text
    assert not start_tags(response, "svg")


def test_a_call_with_nothing_decided_shows_no_share_and_no_bar(client):
    programme = ProgrammeFactory(status=Programme.Status.PUBLISHED)
    call = FundingCallFactory(programme=programme, title="Åpen utlysning")
    ApplicationFactory(funding_call=call, status=State.SUBMITTED)

    response = client.get(URL)

    assert table_rows(response, "tabell-utlysning") == {
        "Åpen utlysning": ["1", "0", "0", "ingen avgjort"]
    }
    (bar,) = bars(chart(response, "diagram-andel"))
    assert (bar["width"], bar["value"]) == (0, "ingen avgjort")


# --- Accessible, and cheap ---------------------------------------------------------------------


def test_each_chart_is_a_named_image_and_each_table_has_a_caption_and_scopes(client, world):
    response = client.get(URL)

    html = response.content.decode()
    charts = start_tags(response, "svg")
    assert len(charts) == 5
    for _tag, attrs in charts:
        assert attrs["role"] == "img"
        svg = chart(response, attrs["id"])
        title = svg.find(f"{SVG}title")
        assert attrs["aria-labelledby"] == title.get("id")
        assert title.text.strip()
    for table_id in ["tabell-satsingsomrade", "tabell-kommune", "tabell-ar", "tabell-utlysning"]:
        table = read_table(response, table_id)
        assert table.caption.strip()
        assert set(table.header_scopes) == {"col", "row"}
    assert "style=" not in html
    assert "<script" not in html
    assert [tag for tag, _attrs in start_tags(response, "h1")] == ["h1"]


def test_the_number_of_queries_does_not_grow_with_the_projects(client, world, hamar):
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    for _ in range(5):
        funded_project(funding_call=world["spring"], lead_municipality=hamar)
    with CaptureQueriesContext(connection) as after:
        client.get(URL)

    assert len(after) == len(before)
    assert len(before) <= 12


def test_the_page_is_linked_from_the_footer(client, world):
    response = client.get(reverse("programme:home"))

    assert URL in [attrs.get("href") for _tag, attrs in start_tags(response, "a")]


def test_the_charts_are_drawn_the_same_in_english(client, world):
    """The English page draws the same bars; neither language puts a decimal comma (127,06) in
    an SVG coordinate, which the float() in bars() would refuse."""
    norwegian = client.get(URL)
    english = client.get(in_english(URL))

    assert english.status_code == 200
    for chart_id in ["diagram-satsingsomrade", "diagram-kommune", "diagram-ar", "diagram-andel"]:
        widths = [bar["width"] for bar in bars(chart(norwegian, chart_id))]
        assert widths == [bar["width"] for bar in bars(chart(english, chart_id))]
    # Stange's 150 000 kr of Hamar's 425 000 kr: a length with decimals, 127.06.
    assert bars(chart(english, "diagram-kommune"))[1]["width"] == pytest.approx(127.06)
