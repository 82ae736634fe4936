"""Fixtures of the catalogue's tests."""

import pytest

from projects.workflow import PUBLIC_STATES, State
from tests.conftest import logged_in_client
from tests.factories import (
    DecisionFactory,
    FundingCallFactory,
    complete_application,
    funded_project,
)
from tests.publication.catalogue_page import personal_data, title_for


@pytest.fixture
def one_per_state(db):
    return make_one_per_state()


def make_one_per_state():
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


@pytest.fixture
def two_programme_areas():
    """Two focus areas of one call, each with a sub-theme."""
    call = FundingCallFactory()
    first, second = call.focus_areas.order_by("pk")
    return call, first, second


@pytest.fixture
def visitors(client, hamar_user, loten_user, secretariat_user, council_client):
    """One client of each kind of visitor, by the name a failure reports."""
    return {
        "anonym": client,
        "kommunebruker": logged_in_client(hamar_user),
        "annen kommune": logged_in_client(loten_user),
        "rådsmedlem": council_client,
        "sekretariatet": logged_in_client(secretariat_user),
    }
