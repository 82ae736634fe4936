"""The public catalogue of funded projects: only approved, running and completed projects, never
anyone's contact data, the same for everyone; paging; a fixed number of queries however many
projects. The filters and bad parameters are in test_catalogue_filters.py."""

from datetime import date
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Application, StatusChange
from projects.workflow import PUBLIC_STATES, State
from tests.factories import (
    FundingCallFactory,
    MunicipalityFactory,
    SustainableDevelopmentGoalFactory,
    complete_application,
    funded_project,
)
from tests.html import page_text, start_tags
from tests.publication.catalogue_page import (
    FUNDED_IN_ORDER,
    LIST_URL,
    get_list,
    listed_titles,
    personal_data,
    title_for,
    titles_on,
)

pytestmark = pytest.mark.django_db


# --- What the public sees ---------------------------------------------------------------------


def test_catalogue_has_its_own_address_a_heading_breadcrumbs_and_a_nav_item(client):
    response = client.get(reverse("publication:project-list"))

    assert reverse("publication:project-list") == LIST_URL
    assert response.status_code == 200
    assert [element for element, _attrs in start_tags(response, "h1")] == ["h1"]
    assert "Forside Prosjekter" in page_text(response)
    nav_links = [
        attrs for _tag, attrs in start_tags(response, "a") if attrs.get("href") == LIST_URL
    ]
    assert any(attrs.get("aria-current") == "page" for attrs in nav_links)


@pytest.mark.parametrize("state", list(State), ids=lambda state: state.value)
def test_catalogue_lists_an_application_only_in_a_public_state(client, one_per_state, state):
    response = get_list(client)

    assert response.status_code == 200
    shown = title_for(state) in page_text(response)
    assert shown == (state in PUBLIC_STATES)


# The badge's colour by state: done green, just granted blue, under way the site's primary.
BADGES = {State.COMPLETED: "text-bg-success", State.APPROVED: "text-bg-info"}


@pytest.mark.parametrize("state", sorted(PUBLIC_STATES), ids=lambda state: state.value)
def test_each_project_shows_its_state_as_a_badge_on_its_card_and_its_page(
    client, one_per_state, state
):
    badge = f'<span class="badge {BADGES.get(state, "text-bg-primary")}">{state.label}</span>'
    project = one_per_state[state]

    assert badge in get_list(client).content.decode()
    assert badge in client.get(project.get_public_url()).content.decode()


def test_catalogue_lists_exactly_the_approved_running_and_completed_projects(client, one_per_state):
    response = get_list(client)

    assert titles_on(response) == {title_for(state) for state in PUBLIC_STATES}
    assert f"{len(PUBLIC_STATES)} prosjekter" in page_text(response)


@pytest.mark.parametrize("state", list(State), ids=lambda state: state.value)
def test_catalogue_never_shows_anyones_name_email_or_phone(client, one_per_state, state):
    response = get_list(client)

    html = response.content.decode()
    for value in personal_data(state).values():
        assert value not in html
        assert value not in page_text(response)


def test_each_listed_project_links_to_its_public_page(client, one_per_state):
    response = get_list(client)

    hrefs = {attrs.get("href") for _tag, attrs in start_tags(response, "a")}
    for state in State:
        application = one_per_state[state]
        assert (application.get_public_url() in hrefs) == (state in PUBLIC_STATES)
        # The applicants' own page is never linked from the public catalogue.
        assert application.get_absolute_url() not in hrefs


def test_catalogue_entry_shows_owner_partners_focus_area_amount_and_decision_date(client, hamar):
    partner = MunicipalityFactory(name="Innlandet fylkeskommune")
    project = funded_project(
        title="Bolyst i regionen",
        lead_municipality=hamar,
        status=State.IN_PROGRESS,
        granted_amount=1_250_000,
        decided_on=date(2026, 11, 27),
    )
    project.partner_municipalities.add(partner)

    text = page_text(get_list(client))

    focus_area = project.focus_areas.get()
    for expected in [
        "Bolyst i regionen",
        "Under gjennomføring",
        "Hamar",
        "Innlandet fylkeskommune",
        focus_area.name,
        "1 250 000 kr",
        "27.11.2026",
    ]:
        assert expected in text


def test_catalogue_without_funded_projects_says_so(client):
    complete_application(status=State.SUBMITTED, title="Ikke behandlet ennå")

    text = page_text(get_list(client))

    assert "0 prosjekter" in text
    assert "Ingen prosjekter har fått utviklingsmidler ennå" in text
    assert "Ikke behandlet ennå" not in text


def test_newest_decisions_come_first(client):
    for title, decided_on in [
        ("Eldst", date(2024, 5, 1)),
        ("Nyest", date(2026, 5, 1)),
        ("Midt", date(2025, 5, 1)),
    ]:
        funded_project(title=title, decided_on=decided_on)

    assert listed_titles(get_list(client)) == ["Nyest", "Midt", "Eldst"]


# --- Who may see it -------------------------------------------------------------------------


def test_everyone_sees_the_same_catalogue_whoever_they_are(visitors, hamar, one_per_state):
    # The Hamar user's own municipality owns every application, the Løten user's none; the
    # council member may read open cases and the secretariat everything in the admin.
    Application.objects.update(lead_municipality=hamar)

    seen = {}
    for who, client in visitors.items():
        response = get_list(client)
        assert response.status_code == 200, who
        seen[who] = titles_on(response)

    assert all(titles == {title_for(s) for s in PUBLIC_STATES} for titles in seen.values()), seen


# --- Paging ---------------------------------------------------------------------------------


def page_links(response) -> dict[str, dict]:
    """The pagination's links, by their query parameters."""
    links = {}
    for _tag, attrs in start_tags(response, "a"):
        href = attrs.get("href", "")
        if "page=" in href:
            links[href] = parse_qs(urlsplit(href).query)
    return links


def test_the_list_is_paged_twenty_at_a_time(client):
    for number in range(21):
        funded_project(title=f"Prosjekt nummer {number:02d}", decided_on=date(2026, 1, number + 1))

    first = get_list(client)
    second = get_list(client, page=2)

    assert len(listed_titles(first)) == 20
    assert listed_titles(second) == ["Prosjekt nummer 00"]
    assert "21 prosjekter" in page_text(first)
    assert "Side 1 av 2" in page_text(first)


def test_page_links_keep_the_filters(client, hamar, loten):
    for number in range(23):
        funded_project(
            title=f"Hamar {number:02d}",
            lead_municipality=hamar,
            decided_on=date(2026, 1, number + 1),
        )
    funded_project(title="Løten sitt", lead_municipality=loten)

    first = get_list(client, municipality="hamar", q="Hamar", status="approved")

    links = page_links(first)
    assert links, "no page links"
    for params in links.values():
        assert params["municipality"] == ["hamar"]
        assert params["q"] == ["Hamar"]
        assert params["status"] == ["approved"]
    next_href = next(href for href, params in links.items() if params["page"] == ["2"])
    second = client.get(LIST_URL + next_href.replace("&amp;", "&"))
    assert listed_titles(second) == ["Hamar 02", "Hamar 01", "Hamar 00"]
    assert "Løten sitt" not in page_text(second)


def test_a_page_past_the_end_shows_the_last_page(client):
    for number in range(21):
        funded_project(title=f"Prosjekt {number:02d}", decided_on=date(2026, 1, number + 1))

    response = get_list(client, page=999)

    assert response.status_code == 200
    assert listed_titles(response) == ["Prosjekt 00"]
    assert response.context["page_obj"].number == 2


@pytest.mark.parametrize("page", ["abc", "", "1.5", "nan", "%00", "1e3"])
def test_a_page_that_is_not_a_number_shows_the_first_page(client, page):
    for number in range(21):
        funded_project(title=f"Prosjekt {number:02d}", decided_on=date(2026, 1, number + 1))

    response = get_list(client, page=page)

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert "Prosjekt 20" in listed_titles(response)


# --- Queries --------------------------------------------------------------------------------


def rich_projects(count, call, hamar, loten):
    """Projects with partners, several focus areas, sub-themes and goals: what could multiply
    the queries if the list read them one project at a time."""
    goals = [SustainableDevelopmentGoalFactory(number=n) for n in (8, 11)]
    for number in range(count):
        project = funded_project(
            funding_call=call,
            title=f"Prosjekt {number}",
            lead_municipality=hamar,
            status=FUNDED_IN_ORDER[number % len(FUNDED_IN_ORDER)],
        )
        project.partner_municipalities.set([loten])
        project.focus_areas.set(call.focus_areas.all())
        project.sustainable_development_goals.set(goals)


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = get_list(client, **params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"municipality": "hamar", "goal": 8, "year": 2026, "q": "prosjekt"},
        {"status": "approved"},
        {"page": 2},
    ],
    ids=["all", "filtered", "status", "page-2"],
)
def test_the_number_of_queries_does_not_grow_with_the_number_of_projects(
    client, hamar, loten, params, django_assert_max_num_queries
):
    call = FundingCallFactory()
    rich_projects(3, call, hamar, loten)
    with_three = count_queries(client, params)
    rich_projects(27, call, hamar, loten)
    assert Application.objects.funded().count() == 30

    with django_assert_max_num_queries(with_three):
        response = get_list(client, **params)

    assert len(listed_titles(response)) > 3


def test_the_catalogue_never_reads_the_timeline_with_its_actors_and_comments(client):
    funded_project(status=State.COMPLETED)

    with CaptureQueriesContext(connection) as captured:
        get_list(client)

    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert StatusChange._meta.db_table not in tables


# --- Demo data ------------------------------------------------------------------------------


def test_demo_data_fills_the_catalogue_with_each_kind_of_project_but_not_the_rejection(
    client, settings, programme_fixture
):
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=StringIO())
    call_command("create_demo_data", stdout=StringIO())
    call_command("create_demo_follow_up", stdout=StringIO())

    response = get_list(client)

    shown = {project.title: project.status for project in response.context["projects"]}
    assert sorted(shown.values()) == sorted([State.APPROVED, State.IN_PROGRESS, State.COMPLETED])
    rejected = Application.objects.get(status=State.REJECTED)
    assert rejected.title not in page_text(response)
    assert client.get(rejected.get_public_url()).status_code == 404
    completed = Application.objects.get(status=State.COMPLETED)
    assert completed.final_report.results[:40] in page_text(client.get(completed.get_public_url()))
    for application in Application.objects.funded():
        # Paid once accepted; the approved one waits for its acceptance.
        assert application.payments.exists() == (application.status != State.APPROVED)
        assert application.decision.granted_amount > 0
