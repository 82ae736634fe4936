"""Commitments and projects lead to each other: a commitment's entry on its focus area's page
lists the funded projects that follow it up, and a project's public page lists the commitments
it follows up and the UN goals it names, each a link."""

import pytest
from django.urls import reverse

from programme.models import Programme, SustainableDevelopmentGoal
from projects.workflow import State
from tests.factories import CommitmentFactory, FundingCallFactory, complete_application
from tests.factories import funded_project as make_funded_project
from tests.html import element_text, page_text, start_tags

pytestmark = pytest.mark.django_db


def links(response) -> set[str]:
    return {attrs.get("href") for _tag, attrs in start_tags(response, "a")}


@pytest.fixture
def linked(programme_fixture):
    call = FundingCallFactory()
    focus_area = call.focus_areas.order_by("pk").first()
    commitment = CommitmentFactory(
        focus_area=focus_area, text="Regionrådet vil styrke kollektivtilbudet.", slug="kollektiv"
    )
    project = make_funded_project(funding_call=call, title="Bussruter på tvers")
    project.sustainable_development_goals.set(
        SustainableDevelopmentGoal.objects.filter(number__in=[9, 11])
    )
    commitment.projects.add(project)
    return {"call": call, "commitment": commitment, "project": project}


def test_project_page_lists_its_commitments_and_goals_each_a_link(client, linked):
    response = client.get(linked["project"].get_public_url())

    assert "Regionrådet vil styrke kollektivtilbudet." in element_text(response, "forpliktelser")
    assert linked["commitment"].get_absolute_url() in links(response)
    for number in (9, 11):
        assert reverse("programme:goal-detail", kwargs={"number": number}) in links(response)


def test_a_visitor_follows_a_commitment_to_its_project_and_back(client, linked):
    commitment_url = linked["commitment"].get_absolute_url()
    focus_area_page = client.get(commitment_url.split("#")[0])

    assert "Bussruter på tvers" in element_text(focus_area_page, "forpliktelse-kollektiv")
    assert linked["project"].get_public_url() in links(focus_area_page)
    assert commitment_url in links(client.get(linked["project"].get_public_url()))


def test_a_visitor_follows_a_project_to_a_goal_that_lists_it(client, linked):
    goal_url = reverse("programme:goal-detail", kwargs={"number": 11})
    assert goal_url in links(client.get(linked["project"].get_public_url()))

    goal_page = client.get(goal_url)

    assert "Bussruter på tvers" in element_text(goal_page, "prosjekter-liste")
    assert linked["project"].get_public_url() in links(goal_page)


def test_project_page_leaves_out_the_commitments_of_a_draft_period(client, linked):
    draft = CommitmentFactory(
        focus_area__programme__status=Programme.Status.DRAFT, text="Hemmelig forpliktelse."
    )
    draft.projects.add(linked["project"])

    text = page_text(client.get(linked["project"].get_public_url()))

    assert "Hemmelig forpliktelse." not in text
    assert "Regionrådet vil styrke kollektivtilbudet." in text


def test_project_page_without_commitments_says_none(client, programme_fixture):
    project = make_funded_project(funding_call=FundingCallFactory())

    response = client.get(project.get_public_url())

    assert element_text(response, "forpliktelser") == "Ingen"


def test_a_commitment_lists_only_its_public_projects_and_says_so_when_it_has_none(client, linked):
    for state in (State.DRAFT, State.SUBMITTED, State.REJECTED):
        pending = complete_application(
            funding_call=linked["call"], title=f"Skjult {state.value}", status=state
        )
        linked["commitment"].projects.add(pending)
    CommitmentFactory(focus_area=linked["commitment"].focus_area, slug="uten-prosjekter")

    page = client.get(linked["commitment"].get_absolute_url().split("#")[0])

    assert "Skjult" not in page_text(page)
    assert "Ingen prosjekter med utviklingsmidler følger opp forpliktelsen ennå." in element_text(
        page, "forpliktelse-uten-prosjekter"
    )
