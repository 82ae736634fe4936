"""The catalogue's filters on projects made for each test: a repeated parameter, a bad filter
beside a good one, a search too long, and a wildcard. Apart from test_catalogue_bad_input.py,
whose tests all read the same projects, kept for the whole module."""

from datetime import date

import pytest

from tests.factories import funded_project
from tests.html import element_text, page_text
from tests.publication.catalogue_page import LIST_URL, get_list, listed_titles
from tests.publication.test_catalogue_bad_input import field_message

pytestmark = pytest.mark.django_db


def test_a_repeated_parameter_is_read_as_its_last_value(client, hamar, loten):
    funded_project(title="I Hamar", lead_municipality=hamar)
    funded_project(title="I Løten", lead_municipality=loten)

    good_last = client.get(f"{LIST_URL}?municipality=finnes-ikke&municipality=hamar")
    bad_last = client.get(f"{LIST_URL}?municipality=hamar&municipality=finnes-ikke")

    assert (good_last.status_code, bad_last.status_code) == (200, 200)
    assert listed_titles(good_last) == ["I Hamar"]
    assert sorted(listed_titles(bad_last)) == ["I Hamar", "I Løten"]
    assert "Velg en kommune fra listen." in field_message(bad_last, "municipality")


def test_a_bad_filter_does_not_undo_the_good_ones(client, hamar, loten):
    funded_project(title="I Hamar", lead_municipality=hamar, decided_on=date(2026, 1, 1))
    funded_project(title="I Løten", lead_municipality=loten, decided_on=date(2026, 1, 1))

    response = get_list(client, municipality="hamar", year="tjuetjueseks")

    assert listed_titles(response) == ["I Hamar"]
    assert "Velg et år fra listen." in page_text(response)
    assert "kunne ikke brukes" in page_text(response)


def test_a_long_search_is_refused_with_a_message_at_the_field(client):
    funded_project(title="Noe")

    response = get_list(client, q="ø" * 10_000)

    assert response.status_code == 200
    assert "Søket kan være høyst 200 tegn." in element_text(response, "sok-og-filtrer-skjema")


def test_a_wildcard_search_matches_literally(client):
    funded_project(title="Vanlig navn")
    funded_project(title="100% fornybart")

    assert listed_titles(get_list(client, q="%")) == ["100% fornybart"]
    assert listed_titles(get_list(client, q="_")) == []
