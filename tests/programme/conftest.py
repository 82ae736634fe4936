"""Fixtures shared by the programme tests."""

from datetime import date

import pytest
from django.test import Client

from programme.models import Commitment, Programme, SustainableDevelopmentGoal
from projects.workflow import State
from tests.factories import (
    ApplicationFactory,
    CommitmentFactory,
    CommitmentUpdateFactory,
    FundingCallFactory,
    UserFactory,
    funded_project,
    staff_in_group,
)
from tests.programme.expected import PROGRAMME_SLUG
from tests.second_factor import log_in

Status = Commitment.Status


@pytest.fixture
def followed_up():
    """A focus area in an archived (public) period with a commitment under way, its update,
    a funded project and an application still in the case handling."""
    call = FundingCallFactory()
    focus_area = call.focus_areas.order_by("pk").first()
    commitment = CommitmentFactory(
        focus_area=focus_area,
        text="Regionrådet vil bygge ladestasjoner.",
        slug="ladestasjoner",
        status=Status.UNDER_WAY,
        progress=45,
    )
    CommitmentFactory(
        focus_area=focus_area,
        text="Regionrådet vil lage en ny app.",
        status=Status.DROPPED,
        progress=5,
    )
    writer = UserFactory(first_name="Skjult", last_name="Sekretær")
    CommitmentUpdateFactory(
        commitment=commitment,
        date=date(2026, 10, 3),
        text="Fem **ladestasjoner** er bygd.\n\n<script>alert(1)</script>",
        created_by=writer,
    )
    public = funded_project(funding_call=call, title="Ladestasjoner i Stange")
    pending = ApplicationFactory(funding_call=call, status=State.IN_REVIEW, title="Til behandling")
    commitment.projects.add(public, pending)
    return {"focus_area": focus_area, "commitment": commitment, "public": public}


@pytest.fixture
def followed_up_programme(programme_fixture):
    """The 2022–2023 programme with goals on a focus area and a commitment followed up: done,
    with an update and a funded project."""
    programme = Programme.objects.get(slug=PROGRAMME_SLUG)
    befolkningsvekst = programme.focus_areas.get(slug="befolkningsvekst")
    befolkningsvekst.sustainable_development_goals.set(
        SustainableDevelopmentGoal.objects.filter(number__in=[8, 11])
    )
    call = FundingCallFactory(programme=programme, focus_areas=[befolkningsvekst])
    project = funded_project(funding_call=call, title="Tilflytterguide for Hamarregionen")
    commitment = Commitment.objects.get(slug="okt-tilflytting")
    commitment.status = Commitment.Status.DONE
    commitment.progress = 100
    commitment.save()
    commitment.projects.add(project)
    CommitmentUpdateFactory(commitment=commitment, text="Guiden er lansert.")
    return programme


@pytest.fixture
def secretariat():
    """A client of its own, so that a test can use `client` as an anonymous visitor alongside."""
    client = Client()
    log_in(client, staff_in_group("Sekretariat"))
    return client
