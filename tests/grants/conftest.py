"""Fixtures of the follow-up tests: granted Hamar applications made by the services."""

import pytest

from projects.workflow import State
from tests.factories import CostLineFactory, case_in, project_under_way


@pytest.fixture
def make_case(secretariat_user, hamar, hamar_user):
    """A Hamar application moved to `state` by the services, with a cost plan of two lines."""

    def make(state=State.IN_PROGRESS):
        application = case_in(
            state, secretariat=secretariat_user, lead_municipality=hamar, created_by=hamar_user
        )
        CostLineFactory(application=application, item="Reise og møter", amount=200_000)
        return application

    return make


@pytest.fixture
def granted(make_case):
    return make_case()


@pytest.fixture
def project(secretariat_user, hamar, hamar_user):
    """Hamar's project under way, three years long, its first progress report due in ten
    days."""
    return project_under_way(
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Bolyst i Hamarregionen",
    )
