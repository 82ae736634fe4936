"""Fixtures shared by the tests of the follow-up after a grant."""

import pytest

from tests.factories import project_under_way


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
