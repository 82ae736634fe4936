"""The site search shows only what the public pages show: never a draft programme period,
unpublished minutes, an application that is not funded, or a project's contact people."""

import pytest

from meetings.services import meeting_publish_minutes
from programme.models import Programme
from projects.workflow import State
from tests.factories import (
    ApplicationFactory,
    CommitmentFactory,
    FocusAreaFactory,
    MeetingFactory,
    NarrativeSectionFactory,
    ProgrammeFactory,
    funded_project,
)
from tests.html import page_text
from tests.search.helpers import GROUPS, count_of, group_text, search

pytestmark = pytest.mark.django_db


def test_a_draft_programme_period_is_never_searched(client, programme_fixture, secretariat_client):
    draft = ProgrammeFactory(
        status=Programme.Status.DRAFT, introduction="Luftslottplanen for neste periode."
    )
    area = FocusAreaFactory(programme=draft, name="Luftslott og annet")
    NarrativeSectionFactory(focus_area=area, body="Luftslottets omtale.")
    CommitmentFactory(focus_area=area, text="Regionrådet vil bygge luftslott.")

    for visitor in (client, secretariat_client):
        response = search(visitor, "luftslott")
        assert count_of(response, "handlingsprogram") == 0
        assert count_of(response, "forpliktelser") == 0
        assert "uftslott" not in page_text(response).replace("luftslott»", "")


def test_unpublished_minutes_are_never_searched_and_published_ones_are_at_once(client):
    meeting = MeetingFactory(
        title="Regionrådsmøte i juni", minutes="Hemmelig: tomtekjøp ved Espern."
    )

    before = search(client, "tomtekjøp")
    meeting_publish_minutes(meeting=meeting)
    after = search(client, "tomtekjøp")

    assert count_of(before, "moter") == 0
    assert "Hemmelig" not in page_text(before)
    # The same address again: the cached page made way for the published minutes.
    assert count_of(after, "moter") == 1
    assert "Hemmelig: tomtekjøp ved Espern." in group_text(after, "moter")


def test_an_unpublished_meeting_found_by_its_title_shows_nothing_of_its_minutes(client):
    MeetingFactory(title="Regionrådsmøte om tomtekjøp", minutes="Hemmelig avtale med grunneier.")

    response = search(client, "tomtekjøp")

    assert count_of(response, "moter") == 1
    assert "Hemmelig" not in page_text(response)
    assert "#protokoll" not in response.content.decode()


@pytest.mark.parametrize(
    "status", [State.DRAFT, State.SUBMITTED, State.RECOMMENDED, State.REJECTED, State.WITHDRAWN]
)
def test_an_application_that_is_not_funded_is_never_found(client, status):
    ApplicationFactory(title="Skjult bølgekraftverk", summary="Bølgekraft i Mjøsa.", status=status)

    response = search(client, "bølgekraftverk")

    assert count_of(response, "prosjekter") == 0
    assert "Skjult" not in page_text(response)


def test_the_contact_person_and_project_leader_of_a_project_are_never_found(no_programme, client):
    funded_project(
        title="Sykkelveier langs Mjøsa",
        contact_name="Kari Kontaktsen",
        contact_email="kari.kontaktsen@hamar.example.org",
        project_leader_name="Per Prosjektleder",
        project_leader_email="per@hamar.example.org",
    )

    for q in ["Kontaktsen", "kari.kontaktsen@hamar.example.org", "Prosjektleder", "per@hamar"]:
        response = search(client, q)
        assert [count_of(response, group) for group in GROUPS] == [0, 0, 0, 0], q
        assert "Kontaktsen" not in page_text(response).replace(q, "")
