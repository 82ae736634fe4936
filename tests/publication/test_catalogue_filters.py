"""The public catalogue's filters: they combine, live in the address and offer only what the
funded projects use; bad parameters give a message at their field and never break the page."""

from datetime import date

import pytest

from projects.workflow import PUBLIC_STATES, State
from tests.factories import (
    DecisionFactory,
    MunicipalityFactory,
    SubThemeFactory,
    SustainableDevelopmentGoalFactory,
    complete_application,
    funded_project,
)
from tests.html import element_text, page_text, start_tags
from tests.publication.catalogue_page import (
    LIST_URL,
    get_list,
    listed_titles,
    options,
    project_in,
    title_for,
)

pytestmark = pytest.mark.django_db


# --- Filters --------------------------------------------------------------------------------


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
        "accepted",
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


def test_filter_choices_offer_only_what_funded_projects_use(client, two_programme_areas):
    call, first, second = two_programme_areas
    county = MunicipalityFactory(name="Innlandet fylkeskommune", slug="innlandet")
    project_in(call, first, "Finansiert")
    draft = complete_application(funding_call=call, lead_municipality=county, status=State.DRAFT)
    draft.focus_areas.set([second])

    response = get_list(client)

    assert list(options(response, "focus_area")) == ["", str(first.pk)]
    assert "innlandet" not in options(response, "municipality")


def test_the_four_members_are_always_in_the_municipality_filter(client):
    response = get_list(client)

    assert list(options(response, "municipality")) == ["", "hamar", "loten", "ringsaker", "stange"]
    assert "Ringsaker" in element_text(response, "id_municipality")


def test_a_partner_with_funded_projects_joins_the_members_in_the_filter(client, hamar):
    county = MunicipalityFactory(name="Innlandet fylkeskommune", slug="innlandet")
    funded_project(title="Med fylket", lead_municipality=hamar).partner_municipalities.set([county])

    response = get_list(client, municipality="innlandet")

    assert list(options(response, "municipality")) == [
        "",
        "hamar",
        "loten",
        "ringsaker",
        "stange",
        "innlandet",
    ]
    assert listed_titles(response) == ["Med fylket"]


@pytest.mark.parametrize("slug", ["ringsaker", "stange", "loten", "hamar"])
def test_a_member_without_projects_is_a_filter_that_finds_none(client, one_per_state, slug):
    # one_per_state's projects belong to partners the factory makes, none to a member.
    response = get_list(client, municipality=slug)

    assert response.status_code == 200
    assert options(response, "municipality")[slug] is True
    assert listed_titles(response) == []
    assert "0 prosjekter passer med utvalget" in element_text(response, "treff-status")
    assert "Ingen prosjekter passer med søket og filtrene." in page_text(response)
    assert "Velg en kommune fra listen." not in page_text(response)
