"""Fixtures shared by the tests of the projects app."""

from datetime import datetime

import pytest

from tests.factories import FundingCallFactory, case_in, complete_application
from tests.projects.acceptance_world import granted
from tests.projects.application_pages import OSLO


@pytest.fixture
def hamar_application(hamar, hamar_user):
    return complete_application(lead_municipality=hamar, created_by=hamar_user)


@pytest.fixture
def make_case(secretariat_user, hamar, hamar_user):
    def make(state, **fields):
        return case_in(
            state,
            secretariat=secretariat_user,
            lead_municipality=hamar,
            created_by=hamar_user,
            **fields,
        )

    return make


@pytest.fixture
def grant(make_case, secretariat_user):
    """Makes Hamar's grant waiting for its acceptance (acceptance_world.granted)."""

    def make(**options):
        return granted(make_case, secretariat_user, **options)

    return make


@pytest.fixture
def actors(hamar_user, secretariat_user):
    """Who takes each action: the applicant submits and withdraws, the secretariat returns."""
    return {"submit": hamar_user, "withdraw": hamar_user, "return": secretariat_user}


@pytest.fixture
def call():
    return FundingCallFactory(
        title="Utviklingsmidler 2027",
        max_amount=700_000,
        max_share_percent=50,
        closes_at=datetime(2099, 3, 1, 12, 0, tzinfo=OSLO),
    )
