"""A UN goal's page: the focus areas linked to it, the sub-themes and commitments under them and
the funded projects that name the goal, each a link with a count, in a fixed number of queries;
never a project the public may not see, nor a draft period's programme."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.models import Programme, SustainableDevelopmentGoal
from projects.workflow import PUBLIC_STATES, State
from tests.factories import (
    CommitmentFactory,
    FocusAreaFactory,
    FundingCallFactory,
    MunicipalityFactory,
    SubThemeFactory,
    complete_application,
    funded_project,
)
from tests.html import element_text, page_text, start_tags

pytestmark = pytest.mark.django_db

NON_PUBLIC_STATES = [state for state in State if state not in PUBLIC_STATES]


def goal(number):
    return SustainableDevelopmentGoal.objects.get(number=number)


def goal_page(client, number):
    return client.get(reverse("programme:goal-detail", kwargs={"number": number}))


def links(response) -> set[str]:
    return {attrs.get("href") for _tag, attrs in start_tags(response, "a")}


@pytest.fixture
def served(programme_fixture):
    """Goal 13 served by a focus area of an archived period, with a theme, two sub-themes and a
    commitment followed up by a funded project, and by a project that names the goal."""
    call = FundingCallFactory()
    focus_area = call.focus_areas.order_by("pk").first()
    focus_area.name = "Klima og energi"
    focus_area.save()
    focus_area.sustainable_development_goals.add(goal(13))
    first = focus_area.themes.get().sub_themes.get()
    first.name = "Ladestruktur"
    first.save()
    second = SubThemeFactory(theme=first.theme, name="Fornybar energi")
    commitment = CommitmentFactory(
        focus_area=focus_area, text="Regionrådet vil bygge ladestasjoner.", slug="lading"
    )
    project = funded_project(funding_call=call, title="Ladestasjoner i Stange", granted_amount=300)
    project.sustainable_development_goals.add(goal(13))
    commitment.projects.add(project)
    return {
        "call": call,
        "focus_area": focus_area,
        "sub_themes": [first, second],
        "commitment": commitment,
        "project": project,
    }


def test_goal_page_lists_what_serves_the_goal_each_a_link_with_counts(client, served):
    response = goal_page(client, 13)
    text = page_text(response)

    assert response.status_code == 200
    assert "1 satsingsområde bidrar til målet." in text
    assert "Klima og energi" in element_text(response, "satsingsomrader-liste")
    assert "2 delområder under satsingsområdene bidrar til målet." in text
    assert "Ladestruktur" in element_text(response, "delomrader-liste")
    assert "Fornybar energi" in element_text(response, "delomrader-liste")
    assert "1 forpliktelse under satsingsområdene bidrar til målet." in text
    assert "Regionrådet vil bygge ladestasjoner." in element_text(response, "forpliktelser-liste")
    assert "1 prosjekt som har fått utviklingsmidler, bidrar til målet." in text
    assert "Totalt innvilget: 300 kr." in text
    assert "Ladestasjoner i Stange" in element_text(response, "prosjekter-liste")
    assert {
        served["focus_area"].get_absolute_url(),
        *(sub_theme.get_absolute_url() for sub_theme in served["sub_themes"]),
        served["commitment"].get_absolute_url(),
        served["project"].get_public_url(),
    } <= links(response)


def test_goal_page_with_nothing_serving_it_says_so_in_every_section(client, programme_fixture):
    text = page_text(goal_page(client, 14))

    assert "Ingen satsingsområder er knyttet til dette målet ennå." in text
    assert "Ingen delområder bidrar til dette målet ennå." in text
    assert "Ingen forpliktelser bidrar til dette målet ennå." in text
    assert "Ingen prosjekter som har fått utviklingsmidler, har oppgitt dette målet ennå." in text


def test_goal_page_never_shows_a_project_the_public_may_not_see(client, served):
    for state in NON_PUBLIC_STATES:
        application = complete_application(
            funding_call=served["call"], title=f"Ikke offentlig {state.value}", status=state
        )
        application.sustainable_development_goals.add(goal(13))
    assert {State.DRAFT, State.SUBMITTED, State.REJECTED, State.WITHDRAWN} <= set(NON_PUBLIC_STATES)

    text = page_text(goal_page(client, 13))

    assert "Ikke offentlig" not in text
    assert "1 prosjekt som har fått utviklingsmidler, bidrar til målet." in text


def test_goal_page_leaves_out_a_draft_periods_focus_areas_sub_themes_and_commitments(
    client, programme_fixture
):
    draft = SubThemeFactory(
        name="Hemmelig delområde", theme__focus_area__programme__status=Programme.Status.DRAFT
    )
    focus_area = draft.theme.focus_area
    focus_area.sustainable_development_goals.add(goal(6))
    CommitmentFactory(focus_area=focus_area, text="Hemmelig forpliktelse.")

    text = page_text(goal_page(client, 6))

    assert "Hemmelig" not in text
    assert "Ingen delområder bidrar til dette målet ennå." in text


def test_a_project_that_does_not_name_the_goal_is_not_listed_under_it(client, served):
    funded_project(
        funding_call=served["call"], title="Annet mål"
    ).sustainable_development_goals.add(goal(4))

    assert "Annet mål" not in page_text(goal_page(client, 13))
    assert "Annet mål" in element_text(goal_page(client, 4), "prosjekter-liste")


def test_goal_page_links_to_the_catalogue_filtered_by_the_goal(client, served):
    response = goal_page(client, 13)

    assert "/prosjekter/?goal=13" in links(response)
    listed = client.get("/prosjekter/?goal=13").context["projects"]
    assert [project.title for project in listed] == ["Ladestasjoner i Stange"]


def test_a_visitor_follows_a_goal_to_its_focus_area_and_on_to_a_project(client, served):
    """goal → focus area → project: the links on each page lead to the next."""
    focus_area_url = served["focus_area"].get_absolute_url()
    assert focus_area_url in links(goal_page(client, 13))

    focus_area_page = client.get(focus_area_url)

    assert served["project"].get_public_url() in links(focus_area_page)
    assert client.get(served["project"].get_public_url()).status_code == 200


def test_goal_page_reads_a_fixed_number_of_queries(client, served, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as captured:
        goal_page(client, 13)
    focus_area = FocusAreaFactory(programme=served["focus_area"].programme)
    focus_area.sustainable_development_goals.add(goal(13))
    for _ in range(3):
        SubThemeFactory(theme__focus_area=focus_area)
        CommitmentFactory(focus_area=focus_area)
    for _ in range(12):
        project = funded_project(
            funding_call=served["call"], lead_municipality=MunicipalityFactory()
        )
        project.sustainable_development_goals.add(goal(13))

    with django_assert_max_num_queries(len(captured)):
        response = goal_page(client, 13)

    assert "13 prosjekter som har fått utviklingsmidler, bidrar til målet." in page_text(response)
    assert "De 10 sist vedtatte av 13 prosjekter:" in page_text(response)
