"""The catalogue's filters never answer an error, whatever the address holds: a value a filter
cannot use (unknown, garbage, a huge number, the wrong type, repeated) gives a message at its
field, is left out of the filtering, and the page answers 200 with the filters that could be
used; an empty value is no filter at all.

Every test here reads one_per_state's projects and changes nothing: they are made once for the
module (tests that make projects of their own are in test_catalogue_bad_input_own_projects.py)."""

import pytest
from django.db import transaction
from django.test import override_settings

from projects.workflow import PUBLIC_STATES
from tests.html import element_text, page_text
from tests.publication.catalogue_page import (
    LIST_URL,
    NON_PUBLIC_STATES,
    get_list,
    title_for,
    titles_on,
)
from tests.publication.conftest import make_one_per_state

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def kept_one_per_state(django_db_setup, django_db_blocker, tmp_path_factory):
    """make_one_per_state's rows, made the way Django's TestCase.setUpTestData makes them: in a
    transaction each test's own runs inside (as a savepoint), rolled back after the module."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")),
    ):
        yield make_one_per_state()
        transaction.set_rollback(True)


@pytest.fixture
def one_per_state(kept_one_per_state, db):
    return kept_one_per_state


# The message each choice filter gives for a value not in its list.
NOT_IN_THE_LIST = {
    "focus_area": "Velg et satsingsområde fra listen.",
    "sub_theme": "Velg et delområde fra listen.",
    "municipality": "Velg en kommune fra listen.",
    "year": "Velg et år fra listen.",
    "status": "Velg en status fra listen.",
    "goal": "Velg et bærekraftsmål fra listen.",
}
# Values no filter offers: unknown ids and slugs, garbage, huge and negative numbers, numbers
# written as other types, markup and whitespace.
BAD_VALUES = [
    "finnes-ikke",
    "999999",
    "9" * 400,
    "-1",
    "1.5",
    "1e3",
    "0x10",
    "true",
    "[1]",
    "<b>hamar</b>",
    " ",
    "Ringsaker ",
    "ø" * 300,
]
NULL_CHARACTER = "Null-tegn er ikke tillatt."


def field_message(response, name) -> str:
    return element_text(response, f"div_id_{name}")


# One test per filter, each bad value in turn on the same projects: a failure names them all.
@pytest.mark.parametrize("name", NOT_IN_THE_LIST)
def test_every_bad_value_of_every_filter_gives_a_message_at_its_field_and_a_page(
    client, one_per_state, name
):
    funded = {title_for(state) for state in PUBLIC_STATES}
    wrong = []
    for value in BAD_VALUES:
        response = get_list(client, **{name: value})
        answer = (
            response.status_code,
            NOT_IN_THE_LIST[name] in field_message(response, name),
            "kunne ikke brukes" in page_text(response),
            titles_on(response) == funded,
            # A filter left out is not listed among those that apply.
            response.context["active_filters"],
        )
        if answer != (200, True, True, True, []):
            wrong.append(f"{value[:20]!r}: {answer}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", [*NOT_IN_THE_LIST, "q"])
def test_a_null_character_in_any_filter_gives_a_message_and_a_page(client, one_per_state, name):
    response = get_list(client, **{name: "ham\x00ar"})

    assert response.status_code == 200
    # The year and the status are plain choices: for them it is simply not in the list.
    message = NOT_IN_THE_LIST[name] if name in ("year", "status") else NULL_CHARACTER
    assert message in field_message(response, name)
    assert titles_on(response) == {title_for(state) for state in PUBLIC_STATES}


@pytest.mark.parametrize("name", [*NOT_IN_THE_LIST, "q"])
def test_an_empty_filter_is_no_filter_and_no_message(client, one_per_state, name):
    response = get_list(client, **{name: ""})

    assert response.status_code == 200
    assert "kunne ikke brukes" not in page_text(response)
    assert titles_on(response) == {title_for(state) for state in PUBLIC_STATES}
    assert response.context["active_filters"] == []


BAD_PARAMETERS = [
    ({"year": "abc"}, "Velg et år fra listen."),
    ({"year": "1999"}, "Velg et år fra listen."),
    ({"year": "9" * 30}, "Velg et år fra listen."),
    ({"focus_area": "abc"}, "Velg et satsingsområde fra listen."),
    ({"focus_area": "999999"}, "Velg et satsingsområde fra listen."),
    ({"focus_area": "9" * 30}, "Velg et satsingsområde fra listen."),
    ({"focus_area": "-1"}, "Velg et satsingsområde fra listen."),
    ({"sub_theme": "1.5"}, "Velg et delområde fra listen."),
    ({"sub_theme": "\x00"}, "Null-tegn er ikke tillatt."),
    ({"municipality": "finnes-ikke"}, "Velg en kommune fra listen."),
    ({"municipality": "ham\x00ar"}, "Null-tegn er ikke tillatt."),
    ({"status": "draft"}, "Velg en status fra listen."),
    ({"status": "rejected"}, "Velg en status fra listen."),
    ({"status": "withdrawn"}, "Velg en status fra listen."),
    ({"goal": "18"}, "Velg et bærekraftsmål fra listen."),
    ({"goal": "abc"}, "Velg et bærekraftsmål fra listen."),
    ({"q": "x" * 10_000}, "Søket kan være høyst 200 tegn."),
    ({"q": "null\x00tegn"}, "Null-tegn er ikke tillatt."),
]


def test_a_bad_parameter_gives_a_message_at_the_field_and_is_left_out(client, one_per_state):
    funded = {title_for(state) for state in PUBLIC_STATES}
    wrong = []
    for params, message in BAD_PARAMETERS:
        response = get_list(client, **params)
        # The filter is left out: every funded project is listed, and nothing else.
        answer = (
            response.status_code,
            message in element_text(response, "sok-og-filtrer-skjema"),
            titles_on(response) == funded,
        )
        if answer != (200, True, True):
            wrong.append(f"{repr(params)[:40]}: {answer}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "query",
    [
        "year=2026&year=abc",
        "focus_area[]=1",
        "q=%FF%FE",
        "status=approved&status=draft",
        "page=2&page=abc",
        "goal=%00&municipality=%00&year=%00&focus_area=%00&sub_theme=%00&status=%00&page=%00",
        "q=" + "%25" * 300,
        "q=_",
    ],
)
def test_odd_query_strings_never_give_a_server_error(client, one_per_state, query):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert titles_on(response) <= {title_for(state) for state in PUBLIC_STATES}


def test_a_non_public_state_in_the_address_never_reveals_those_applications(client, one_per_state):
    for state in NON_PUBLIC_STATES:
        response = get_list(client, status=state.value)
        assert title_for(state) not in page_text(response)
