"""Whatever a link carries, the public pages answer without a server error and write nothing:
the catalogue's filters and page number, and the slugs and numbers in the programme's, the goals',
the calls' and the projects' addresses."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from projects.workflow import State
from tests.factories import FundingCallFactory, funded_project
from tests.property.conftest import form_value, one_example, stored_rows

pytestmark = pytest.mark.django_db

FILTERS = ("q", "focus_area", "sub_theme", "municipality", "year", "status", "goal", "page")

# What the URL converters let through: <slug:...> and <int:...>.
slugs = st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True)
numbers = st.one_of(
    st.integers(min_value=0, max_value=10**6), st.integers(min_value=2**31, max_value=10**40)
)


@pytest.fixture
def catalogue(programme_fixture, hamar):
    """Funded projects in every public state, so that every filter has choices to check."""
    call = FundingCallFactory()
    for state in (State.APPROVED, State.IN_PROGRESS, State.COMPLETED):
        funded_project(status=state, lead_municipality=hamar, funding_call=call)
    return call


filters = st.dictionaries(
    st.sampled_from(FILTERS),
    st.one_of(form_value, st.sampled_from(["1", "2", "2026", "hamar", "approved", "0", "999"])),
    max_size=len(FILTERS),
)


@given(params=filters)
def test_the_catalogue_answers_any_filters_without_a_server_error(client, catalogue, params):
    with one_example():
        before = stored_rows()
        response = client.get(reverse("publication:project-list"), params)
        assert response.status_code == 200
        assert stored_rows() == before


@given(params=st.dictionaries(st.sampled_from(FILTERS), st.lists(form_value, max_size=3)))
def test_the_catalogue_answers_repeated_parameters_without_a_server_error(
    client, catalogue, params
):
    with one_example():
        response = client.get(reverse("publication:project-list"), params)
        assert response.status_code == 200


@given(number=numbers)
def test_a_project_page_for_any_number_is_found_or_not_found(client, catalogue, number):
    response = client.get(reverse("publication:project-detail", args=[number]))
    assert response.status_code in (200, 404)


@given(slug=slugs, page=form_value)
def test_a_call_page_for_any_slug_is_found_or_not_found(client, catalogue, slug, page):
    for url in (reverse("projects:call-detail", args=[slug]), reverse("projects:call-list")):
        response = client.get(url, {"page": page, "q": page})
        assert response.status_code in (200, 404)


@given(programme_slug=slugs, slug=slugs)
def test_programme_and_focus_area_pages_for_any_slug_are_found_or_not_found(
    client, programme_fixture, programme_slug, slug
):
    for url in (
        reverse("programme:programme-detail", args=[programme_slug]),
        reverse("programme:focus-area-detail", args=[programme_slug, slug]),
        reverse("programme:focus-area-detail", args=["2022-2023", slug]),
    ):
        assert client.get(url).status_code in (200, 404)


@given(number=numbers)
def test_a_goal_page_for_any_number_is_found_or_not_found(client, programme_fixture, number):
    response = client.get(reverse("programme:goal-detail", args=[number]))
    assert response.status_code in (200, 404)
