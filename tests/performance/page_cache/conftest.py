"""Every page cache test starts with a closed circuit breaker and no pages kept in the process
(hamarregion/page_cache/)."""

import pytest
from django.urls import reverse

from hamarregion.page_cache import local
from hamarregion.shared_cache import breaker
from tests.factories import FundingCallFactory, funded_project
from tests.performance.page_cache.helpers import FOCUS_AREA_PATH, PROGRAMME_PATH


@pytest.fixture(autouse=True)
def _closed_circuit_breaker():
    """The breaker is per process: one test's failure must not leave the cache off for the next."""
    breaker.reset()
    yield
    breaker.reset()


@pytest.fixture(autouse=True)
def _no_pages_in_the_process():
    """Pages this process kept from another test would be stale by their version anyway; an
    empty store makes each test's hits its own."""
    local.local_pages.clear()
    yield
    local.local_pages.clear()


@pytest.fixture
def public_paths(programme_fixture):
    """Every page marked public, with content to show."""
    project = funded_project(title="Felles kulturkort")
    call = FundingCallFactory(title="Utviklingsmidler 2027")
    return [
        reverse("programme:home"),
        reverse("programme:programme-list"),
        PROGRAMME_PATH,
        FOCUS_AREA_PATH,
        reverse("programme:goal-list"),
        reverse("programme:goal-detail", kwargs={"number": 11}),
        reverse("publication:project-list"),
        reverse("publication:project-list") + "?q=kultur",
        reverse("publication:project-detail", kwargs={"pk": project.pk}),
        reverse("projects:call-list"),
        call.get_absolute_url(),
        reverse("accessibility-statement"),
        reverse("privacy-statement"),
        reverse("meetings:calendar"),
    ]
