"""Every page cache test starts with a closed circuit breaker and no pages kept in the process
(hamarregion/page_cache/)."""

import pytest

from hamarregion.page_cache import local
from hamarregion.shared_cache import breaker


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
