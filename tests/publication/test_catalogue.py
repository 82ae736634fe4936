"""The public catalogue of funded projects: only approved, running and completed projects, never
anyone's contact data; filters that combine, live in the address and survive paging; bad
parameters that never break the page; a fixed number of queries however many projects."""

from datetime import date
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Application, StatusChange
from projects.workflow import PUBLIC_STATES, State
from tests.conftest import logged_in_client
from tests.factories import (
    DecisionFactory,
    FundingCallFactory,
    MunicipalityFactory,
    SubThemeFactory,
    SustainableDevelopmentGoalFactory,
    UserFactory,
    complete_application,
    funded_project,
)
from tests.html import element_text, page_text, start_tags

pytestmark = pytest.mark.django_db

LIST_URL = "/prosjekter/"
COUNCIL_GROUP = "Rådsmedlem"
NON_PUBLIC_STATES = [state for state in State if state not in PUBLIC_STATES]
FUNDED_IN_ORDER = [state for state in State if state in PUBLIC_STATES]


def personal_data(state) -> dict:
    """Names, addresses and numbers that appear nowhere else, so that a leak is unmistakable."""
    number = list(State).index(state)
    return {
        "project_leader_name": f"Lederen Lise {state.value}",
        "project_leader_email": f"leder-{state.value}@kommune.example.org",
        "project_leader_phone": f"+47 911 11 1{number:02d}",
        "contact_name": f"Kontakten Knut {state.value}",
        "contact_email": f"kontakt-{state.value}@kommune.example.org",
        "contact_phone": f"+47 922 22 2{number:02d}",
    }


def title_for(state) -> str:
    return f"Prosjekt i tilstand {state.value}"


@pytest.fixture
def one_per_state(db):
    """One application in every state of the workflow, each with its own title and contacts.
    The decided ones have a decision: approved for the funded states, a rejection otherwise."""
    call = FundingCallFactory()
    applications = {}
    for state in State:
        fields = {"funding_call": call, "title": title_for(state), **personal_data(state)}
        if state in PUBLIC_STATES:
            applications[state] = funded_project(status=state, **fields)
        else:
            applications[state] = complete_application(status=state, **fields)
            if state == State.REJECTED:
                DecisionFactory(application=applications[state], outcome="rejected")
    return applications


def titles_on(response) -> set[str]:
    text = page_text(response)
    return {title_for(state) for state in State if title_for(state) in text}


def listed_titles(response) -> list[str]:
    """The project titles the page lists, in order (the cards' headings)."""
    return [project.title for project in response.context["projects"]]


def get_list(client, **params):
    return client.get(LIST_URL, params)


def options(response, select_name) -> dict[str, bool]:
    """The options of one select in the page: {value: selected}."""
    found, current = {}, None
    for tag, attrs in start_tags(response):
        if tag == "select":
            current = attrs.get("name")
        elif tag == "option" and current == select_name:
            found[attrs.get("value")] = "selected" in attrs
    return found


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


def test_catalogue_lists_exactly_the_approved_running_and_completed_projects(client, one_per_state):
    response = get_list(client)

    assert titles_on(response) == {title_for(state) for state in PUBLIC_STATES}
    assert "4 prosjekter" in page_text(response)


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


@pytest.fixture
def visitors(client, hamar_user, loten_user, secretariat_user):
    council_member = UserFactory(
        username="radsmedlem", is_staff=True, groups=[Group.objects.get(name=COUNCIL_GROUP)]
    )
    return {
        "anonym": client,
        "kommunebruker": logged_in_client(hamar_user),
        "annen kommune": logged_in_client(loten_user),
        "rådsmedlem": logged_in_client(council_member),
        "sekretariatet": logged_in_client(secretariat_user),
    }


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


# --- Filters --------------------------------------------------------------------------------


@pytest.fixture
def two_programme_areas():
    """Two focus areas of one call, each with a sub-theme."""
    call = FundingCallFactory()
    first, second = call.focus_areas.order_by("pk")
    return call, first, second


def project_in(call, focus_area, title, **fields):
    project = funded_project(funding_call=call, title=title, **fields)
    project.focus_areas.set([focus_area])
    project.sub_themes.set([focus_area.themes.get().sub_themes.order_by("pk").first()])
    return project


def test_filter_by_focus_area(client, two_programme_areas):
    call, first, second = two_programme_areas
    project_in(call, first, "Under det første")
    project_in(call, second, "Under det andre")

    assert listed_titles(get_list(client, focus_area=first.pk)) == ["Under det første"]
    assert listed_titles(get_list(client, focus_area=second.pk)) == ["Under det andre"]


def test_filter_by_sub_theme(client, two_programme_areas):
    call, first, _second = two_programme_areas
    extra = SubThemeFactory(theme=first.themes.get(), name="Et annet delområde")
    project_in(call, first, "Vanlig delområde")
    other = project_in(call, first, "Annet delområde")
    other.sub_themes.set([extra])

    assert listed_titles(get_list(client, sub_theme=extra.pk)) == ["Annet delområde"]
    sub_theme = first.themes.get().sub_themes.exclude(pk=extra.pk).get()
    assert listed_titles(get_list(client, sub_theme=sub_theme.pk)) == ["Vanlig delområde"]


def test_filter_by_municipality_finds_it_as_owner_and_as_partner_once_each(client, hamar, loten):
    stange = MunicipalityFactory(slug="stange")
    funded_project(title="Hamar eier", lead_municipality=hamar)
    partnered = funded_project(title="Løten eier, Hamar og Stange er med", lead_municipality=loten)
    partnered.partner_municipalities.set([hamar, stange])
    funded_project(title="Stange eier", lead_municipality=stange)

    assert sorted(listed_titles(get_list(client, municipality="hamar"))) == [
        "Hamar eier",
        "Løten eier, Hamar og Stange er med",
    ]
    assert listed_titles(get_list(client, municipality="loten")) == [
        "Løten eier, Hamar og Stange er med"
    ]
    assert "2 prosjekter" in page_text(get_list(client, municipality="stange"))


def test_filter_by_decision_year(client):
    funded_project(title="Vedtatt i 2025", decided_on=date(2025, 12, 31))
    funded_project(title="Vedtatt i 2026", decided_on=date(2026, 1, 1))

    assert listed_titles(get_list(client, year=2025)) == ["Vedtatt i 2025"]
    assert listed_titles(get_list(client, year="2026")) == ["Vedtatt i 2026"]


def test_year_choices_are_the_years_projects_were_decided(client):
    funded_project(decided_on=date(2024, 6, 1))
    funded_project(decided_on=date(2026, 6, 1))
    DecisionFactory(
        application=complete_application(status=State.REJECTED),
        outcome="rejected",
        decided_on=date(2019, 6, 1),
    )

    response = get_list(client)

    assert list(options(response, "year")) == ["", "2026", "2024"]


@pytest.mark.parametrize("state", sorted(PUBLIC_STATES), ids=str)
def test_filter_by_state(client, state):
    for each in PUBLIC_STATES:
        funded_project(status=each, title=title_for(each))

    assert listed_titles(get_list(client, status=state)) == [title_for(state)]


def test_status_choices_are_only_the_public_states(client):
    response = get_list(client)

    assert list(options(response, "status")) == [
        "",
        "approved",
        "in_progress",
        "report_submitted",
        "completed",
    ]


def test_filter_by_sustainable_development_goal(client):
    climate = SustainableDevelopmentGoalFactory(number=13, name="Stoppe klimaendringene")
    cities = SustainableDevelopmentGoalFactory(number=11, name="Bærekraftige byer")
    funded_project(title="For klimaet").sustainable_development_goals.set([climate])
    funded_project(title="For byene").sustainable_development_goals.set([cities, climate])

    assert listed_titles(get_list(client, goal=11)) == ["For byene"]
    assert sorted(listed_titles(get_list(client, goal=13))) == ["For byene", "For klimaet"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ladestasjoner", ["Ladestasjoner langs riksveien"]),
        ("LADESTASJONER RIKSVEIEN", ["Ladestasjoner langs riksveien"]),
        ("turisme", ["Vinterturisme"]),  # in the summary only
        ("fylkeskommune", ["Vinterturisme"]),  # the owner's name
        ("Hamar", ["Ladestasjoner langs riksveien", "Vinterturisme"]),  # partner and owner
        ("  vinter  gjester ", ["Vinterturisme"]),  # every word, in any field
        ("vinter ladestasjoner", []),
        ("finnes ikke", []),
    ],
)
def test_free_text_search_over_title_summary_and_municipality(client, hamar, q, expected):
    county = MunicipalityFactory(name="Innlandet fylkeskommune")
    funded_project(
        title="Ladestasjoner langs riksveien", summary="Strøm til bilene.", lead_municipality=hamar
    )
    funded_project(
        title="Vinterturisme",
        summary="Flere gjester om vinteren gir mer turisme.",
        lead_municipality=county,
    ).partner_municipalities.add(hamar)
    complete_application(title="Ladestasjoner i et utkast", status=State.DRAFT)

    assert sorted(listed_titles(get_list(client, q=q))) == sorted(expected)


def test_filters_combine(client, two_programme_areas, hamar, loten):
    call, first, second = two_programme_areas
    goal = SustainableDevelopmentGoalFactory(number=8)
    wanted = project_in(
        call,
        first,
        "Næringshage i Hamar",
        lead_municipality=hamar,
        status=State.IN_PROGRESS,
        decided_on=date(2026, 2, 1),
    )
    wanted.sustainable_development_goals.set([goal])
    # Each of these differs from the wanted project in one filter only.
    project_in(
        call,
        second,
        "Næringshage, annet område",
        lead_municipality=hamar,
        status=State.IN_PROGRESS,
        decided_on=date(2026, 2, 1),
    )
    project_in(
        call,
        first,
        "Næringshage i Løten",
        lead_municipality=loten,
        status=State.IN_PROGRESS,
        decided_on=date(2026, 2, 1),
    )
    project_in(
        call,
        first,
        "Næringshage vedtatt før",
        lead_municipality=hamar,
        status=State.IN_PROGRESS,
        decided_on=date(2025, 2, 1),
    )
    project_in(
        call,
        first,
        "Næringshage avsluttet",
        lead_municipality=hamar,
        status=State.COMPLETED,
        decided_on=date(2026, 2, 1),
    )
    project_in(
        call,
        first,
        "Annet navn i Hamar",
        lead_municipality=hamar,
        status=State.IN_PROGRESS,
        decided_on=date(2026, 2, 1),
    ).sustainable_development_goals.set([SustainableDevelopmentGoalFactory(number=9)])
    filters = {
        "q": "næringshage",
        "focus_area": first.pk,
        "sub_theme": first.themes.get().sub_themes.get().pk,
        "municipality": "hamar",
        "year": 2026,
        "status": State.IN_PROGRESS.value,
    }

    assert listed_titles(get_list(client, **filters)) == ["Næringshage i Hamar"]
    assert listed_titles(get_list(client, **filters, goal=8)) == ["Næringshage i Hamar"]
    assert listed_titles(get_list(client, **filters, goal=9)) == []
    # Without the municipality the one in Løten is among them again.
    del filters["municipality"]
    assert sorted(listed_titles(get_list(client, **filters))) == [
        "Næringshage i Hamar",
        "Næringshage i Løten",
    ]


def test_filter_form_is_a_labelled_get_form_that_keeps_the_chosen_values(
    client, two_programme_areas
):
    call, first, _second = two_programme_areas
    project_in(call, first, "Et prosjekt", lead_municipality=MunicipalityFactory(slug="hamar"))

    response = get_list(client, focus_area=first.pk, municipality="hamar", q="prosjekt")

    # The header's site search is the page's other search form.
    (form,) = [
        attrs
        for _tag, attrs in start_tags(response, "form")
        if attrs.get("id") == "sok-og-filtrer-skjema"
    ]
    assert (form["method"], form["action"], form["role"]) == ("get", LIST_URL, "search")
    labels = {attrs.get("for") for _tag, attrs in start_tags(response, "label")}
    for name in ["q", "focus_area", "sub_theme", "municipality", "year", "status", "goal"]:
        assert f"id_{name}" in labels
    assert options(response, "focus_area")[str(first.pk)] is True
    assert options(response, "municipality")["hamar"] is True
    assert options(response, "status")[""] is True
    inputs = {attrs.get("name"): attrs for _tag, attrs in start_tags(response, "input")}
    assert inputs["q"]["value"] == "prosjekt"
    buttons = [attrs for _tag, attrs in start_tags(response, "button") if attrs.get("type")]
    assert any(attrs["type"] == "submit" for attrs in buttons)


def test_filter_choices_offer_only_what_funded_projects_use(client, two_programme_areas, loten):
    call, first, second = two_programme_areas
    project_in(call, first, "Finansiert")
    draft = complete_application(funding_call=call, lead_municipality=loten, status=State.DRAFT)
    draft.focus_areas.set([second])

    response = get_list(client)

    assert list(options(response, "focus_area")) == ["", str(first.pk)]
    assert "loten" not in options(response, "municipality")


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


# --- Bad input ------------------------------------------------------------------------------


BAD_PARAMETERS = [
    ({"year": "abc"}, "Velg et år fra listen."),
    ({"year": "1999"}, "Velg et år fra listen."),
    ({"year": "9" * 30}, "Velg et år fra listen."),
    ({"focus_area": "abc"}, "Velg et satsingsområde fra listen."),
    ({"focus_area": "999999"}, "Velg et satsingsområde fra listen."),
    ({"focus_area": "9" * 30}, "Velg et satsingsområde fra listen."),
    ({"focus_area": "-1"}, "Velg et satsingsområde fra listen."),
    ({"sub_theme": "1.5"}, "Velg et delområde fra listen."),
    ({"sub_theme": "\x00"}, "Null-tegn er ikke tillatt."),
    ({"municipality": "finnes-ikke"}, "Velg en kommune fra listen."),
    ({"municipality": "ham\x00ar"}, "Null-tegn er ikke tillatt."),
    ({"status": "draft"}, "Velg en status fra listen."),
    ({"status": "rejected"}, "Velg en status fra listen."),
    ({"status": "withdrawn"}, "Velg en status fra listen."),
    ({"goal": "18"}, "Velg et bærekraftsmål fra listen."),
    ({"goal": "abc"}, "Velg et bærekraftsmål fra listen."),
    ({"q": "x" * 10_000}, "Søket kan være høyst 200 tegn."),
    ({"q": "null\x00tegn"}, "Null-tegn er ikke tillatt."),
]


@pytest.mark.parametrize(("params", "message"), BAD_PARAMETERS, ids=lambda v: repr(v)[:40])
def test_a_bad_parameter_gives_a_message_at_the_field_and_is_left_out(
    client, one_per_state, params, message
):
    response = get_list(client, **params)

    assert response.status_code == 200
    assert message in element_text(response, "sok-og-filtrer-skjema")
    # The filter is left out: every funded project is listed, and nothing else.
    assert titles_on(response) == {title_for(state) for state in PUBLIC_STATES}


def test_a_bad_filter_does_not_undo_the_good_ones(client, hamar, loten):
    funded_project(title="I Hamar", lead_municipality=hamar, decided_on=date(2026, 1, 1))
    funded_project(title="I Løten", lead_municipality=loten, decided_on=date(2026, 1, 1))

    response = get_list(client, municipality="hamar", year="tjuetjueseks")

    assert listed_titles(response) == ["I Hamar"]
    assert "Velg et år fra listen." in page_text(response)
    assert "kunne ikke brukes" in page_text(response)


def test_a_long_search_is_refused_with_a_message_at_the_field(client):
    funded_project(title="Noe")

    response = get_list(client, q="ø" * 10_000)

    assert response.status_code == 200
    assert "Søket kan være høyst 200 tegn." in element_text(response, "sok-og-filtrer-skjema")


@pytest.mark.parametrize(
    "query",
    [
        "year=2026&year=abc",
        "focus_area[]=1",
        "q=%FF%FE",
        "status=approved&status=draft",
        "page=2&page=abc",
        "goal=%00&municipality=%00&year=%00&focus_area=%00&sub_theme=%00&status=%00&page=%00",
        "q=" + "%25" * 300,
        "q=_",
    ],
)
def test_odd_query_strings_never_give_a_server_error(client, one_per_state, query):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert titles_on(response) <= {title_for(state) for state in PUBLIC_STATES}


def test_a_non_public_state_in_the_address_never_reveals_those_applications(client, one_per_state):
    for state in NON_PUBLIC_STATES:
        response = get_list(client, status=state.value)
        assert title_for(state) not in page_text(response)


def test_a_wildcard_search_matches_literally(client):
    funded_project(title="Vanlig navn")
    funded_project(title="100% fornybart")

    assert listed_titles(get_list(client, q="%")) == ["100% fornybart"]
    assert listed_titles(get_list(client, q="_")) == []


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

    response = get_list(client)

    shown = {project.title: project.status for project in response.context["projects"]}
    assert sorted(shown.values()) == sorted([State.APPROVED, State.IN_PROGRESS, State.COMPLETED])
    rejected = Application.objects.get(status=State.REJECTED)
    assert rejected.title not in page_text(response)
    assert client.get(rejected.get_public_url()).status_code == 404
    completed = Application.objects.get(status=State.COMPLETED)
    assert completed.final_report.results[:40] in page_text(client.get(completed.get_public_url()))
    for application in Application.objects.funded():
        assert application.payments.exists()
        assert application.decision.granted_amount > 0
