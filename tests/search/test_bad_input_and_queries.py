"""The site search with bad input: a Norwegian message and no search, signs searched as words,
never a server error; and a number of queries that does not grow with the number of hits."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from programme.models import Programme
from tests.factories import (
    AgendaItemFactory,
    ApplicationFactory,
    CommitmentFactory,
    CommitmentUpdateFactory,
    FocusAreaFactory,
    GuestFactory,
    NarrativeSectionFactory,
    ProgrammeFactory,
    funded_project,
)
from tests.html import element_text, page_text
from tests.property.conftest import form_value, one_example
from tests.search.helpers import SEARCH_URL, public_meeting, search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("x" * 10_000, "Søket kan være høyst 200 tegn."),
        ("null\x00tegn", "Null-tegn er ikke tillatt."),
        ("&|!:*", "Skriv minst ett ord med bokstaver eller tall."),
        ('"', "Skriv minst ett ord med bokstaver eller tall."),
        ("   ", None),
        ("", None),
    ],
)
def test_bad_input_gives_a_norwegian_message_and_no_search(client, q, message):
    response = search(client, q)

    assert "treff for" not in page_text(response)
    if message:
        assert message in element_text(response, "id_q_feil")
    else:
        assert "Skriv ett eller flere ord." in page_text(response)


@pytest.mark.parametrize(
    "q",
    [
        "'gründer':* & !hamar | (x)",
        "a:* <-> b",
        "\\ % _ '",
        "a " * 100,
        "æøå" * 66,
        "og",
        "x" * 200,
    ],
)
def test_signs_and_odd_words_are_searched_as_words_without_an_error(client, q):
    funded_project(title="Sykkelveier langs Mjøsa")

    response = search(client, q)

    assert "treff for" in page_text(response)


@pytest.fixture
def something_of_each(programme_fixture):
    """The programme, a meeting with published minutes and a funded project."""
    AgendaItemFactory(meeting=public_meeting(title="Regionrådsmøte"), guests=[GuestFactory()])
    funded_project(title="Sykkelveier langs Mjøsa")


@given(params=st.dictionaries(st.sampled_from(["q", "gruppe", "page"]), form_value))
def test_any_search_answers_without_a_server_error(client, something_of_each, params):
    with one_example():
        assert client.get(SEARCH_URL, params).status_code == 200


def queries_for(client, q) -> int:
    with CaptureQueriesContext(connection) as captured:
        search(client, q)
    return len(captured)


def add_hits(number):
    """`number` hits of every kind for the word «felles»."""
    programme = ProgrammeFactory(status=Programme.Status.ARCHIVED)
    for n in range(number):
        area = FocusAreaFactory(programme=programme, name=f"Felles område {n}")
        NarrativeSectionFactory(focus_area=area, body="Et felles løft.")
        commitment = CommitmentFactory(focus_area=area, text=f"Felles tiltak {n}.")
        CommitmentUpdateFactory(commitment=commitment, text="Felles arbeid.")
        meeting = public_meeting(title=f"Møte {n}", minutes="Et felles vedtak.")
        AgendaItemFactory(meeting=meeting, title="Felles sak", guests=[GuestFactory()])
        funded_project(title=f"Felles prosjekt {n}", summary="Felles.")
        ApplicationFactory(title=f"Felles utkast {n}")


def test_the_number_of_queries_does_not_grow_with_the_number_of_hits(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    add_hits(1)
    few = queries_for(client, "felles")
    add_hits(14)
    many = queries_for(client, "felles")

    assert few == many
    assert many <= 15
