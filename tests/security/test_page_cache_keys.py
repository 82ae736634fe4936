"""Random query strings cannot fill the public page cache: a page's key holds only the query
parameters the page reads, and the view never sees the others."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from hamarregion.page_cache import local
from hamarregion.shared_cache import breaker
from tests.factories import FundingCallFactory, funded_project

pytestmark = pytest.mark.django_db

HEADER = "X-Page-Cache"


@pytest.fixture(autouse=True)
def _fresh_process_pages():
    breaker.reset()
    local.local_pages.clear()
    yield
    local.local_pages.clear()


def stored_pages() -> int:
    return len([key for key in cache._cache if ":page-cache:page:" in key])


def test_random_query_strings_are_served_the_one_cached_page(client, programme_fixture):
    home = reverse("programme:home")
    assert client.get(home)[HEADER] == "miss"

    answers = [client.get(home, {f"x{number}": number})[HEADER] for number in range(50)]

    assert set(answers) == {"hit"}
    assert stored_pages() == 1
    assert len(local.local_pages) == 1


def test_the_parameters_a_page_reads_still_make_their_own_pages(client, programme_fixture):
    projects = reverse("publication:project-list")
    client.get(projects)

    searched = client.get(projects, {"q": "mjøs"})
    with_junk = client.get(projects, {"q": "mjøs", "utm_source": "nyhetsbrev", "x": "1"})

    assert searched[HEADER] == "miss"
    assert with_junk[HEADER] == "hit"
    assert stored_pages() == 2


def test_the_order_of_the_parameters_does_not_make_a_new_page(client, programme_fixture):
    call = FundingCallFactory()
    funded_project(funding_call=call)
    projects = reverse("publication:project-list")
    focus_area = call.focus_areas.first().pk

    first = client.get(f"{projects}?q=prosjekt&focus_area={focus_area}")
    second = client.get(f"{projects}?focus_area={focus_area}&q=prosjekt")

    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"


def test_links_on_a_cached_page_carry_no_parameter_the_page_does_not_read(
    client, programme_fixture
):
    response = client.get(reverse("publication:project-list"), {"page": "1", "sporing": "abc123"})

    assert "abc123" not in response.content.decode()
    assert "sporing" not in response.content.decode()
