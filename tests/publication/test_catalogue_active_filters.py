"""The catalogue tells what it shows: the count and the filters that apply are in a status region
screen readers announce, each filter with a link that removes it; and any combination of the
filters lists the projects that each of them alone would let through."""

import re
from datetime import date
from html import unescape
from itertools import combinations

import pytest

from projects.workflow import State
from tests.factories import SustainableDevelopmentGoalFactory, funded_project
from tests.html import element_text, start_tags
from tests.publication.catalogue_page import LIST_URL, get_list, listed_titles, project_in

pytestmark = pytest.mark.django_db


def status_region(response) -> dict:
    (attrs,) = [attrs for _tag, attrs in start_tags(response) if attrs.get("id") == "treff-status"]
    return attrs


# An active filter's link: its address, then «Label: value» before the hidden × and words.
REMOVAL_LINK = re.compile(r'<a class="[^"]*" href="([^"]*)">([^<]*)<span aria-hidden')


def removal_links(response) -> dict[str, str]:
    """{«Label: value»: address} of the active filters' links."""
    page = response.content.decode()
    start = page.index('id="aktive-filtre"')
    listing = page[start : page.index("</ul>", start)]
    return {unescape(text): unescape(href) for href, text in REMOVAL_LINK.findall(listing)}


def test_the_count_is_in_a_polite_status_region(client):
    funded_project(title="Et prosjekt")

    response = get_list(client)

    attrs = status_region(response)
    assert (attrs["role"], attrs["aria-live"]) == ("status", "polite")
    assert element_text(response, "treff-status") == "1 prosjekt"


def test_the_active_filters_are_announced_with_the_count(client, hamar):
    funded_project(title="Bolyst i Hamar", lead_municipality=hamar, decided_on=date(2026, 3, 1))

    response = get_list(client, municipality="hamar", year="2026", q="  bolyst ")

    text = element_text(response, "treff-status")
    assert text.startswith("1 prosjekt passer med utvalget Aktive filtre:")
    for shown in ("Søk: bolyst", "Kommune: Hamar", "Vedtaksår: 2026"):
        assert shown in text


def test_each_active_filter_links_to_the_catalogue_without_it(client, hamar, loten):
    funded_project(title="I Hamar 2026", lead_municipality=hamar, decided_on=date(2026, 3, 1))
    funded_project(title="I Hamar 2025", lead_municipality=hamar, decided_on=date(2025, 3, 1))
    funded_project(title="I Løten 2026", lead_municipality=loten, decided_on=date(2026, 3, 1))

    response = get_list(client, municipality="hamar", year="2026", page="1")

    links = removal_links(response)
    assert links == {
        "Kommune: Hamar": f"{LIST_URL}?year=2026",
        "Vedtaksår: 2026": f"{LIST_URL}?municipality=hamar",
    }
    without_year = client.get(links["Vedtaksår: 2026"])
    assert sorted(listed_titles(without_year)) == ["I Hamar 2025", "I Hamar 2026"]
    assert removal_links(without_year) == {"Kommune: Hamar": LIST_URL}
    assert listed_titles(client.get(LIST_URL)) != []


def test_a_filter_that_could_not_be_used_is_not_listed_as_active(client, hamar):
    funded_project(title="I Hamar", lead_municipality=hamar)

    response = get_list(client, municipality="hamar", year="abc")

    assert removal_links(response) == {"Kommune: Hamar": LIST_URL}


def test_without_filters_no_filter_is_listed(client):
    funded_project(title="Et prosjekt")

    response = get_list(client)

    assert 'id="aktive-filtre"' not in response.content.decode()


@pytest.fixture
def varied_projects(two_programme_areas, hamar, loten):
    """Projects that differ in every filter, so that each combination picks its own."""
    call, first, second = two_programme_areas
    climate = SustainableDevelopmentGoalFactory(number=13)
    cities = SustainableDevelopmentGoalFactory(number=11)
    values = [
        (first, hamar, State.APPROVED, date(2026, 1, 5), climate, "Sykkel"),
        (first, loten, State.IN_PROGRESS, date(2025, 1, 5), cities, "Sykkel"),
        (second, hamar, State.IN_PROGRESS, date(2026, 1, 5), cities, "Bolig"),
        (second, loten, State.COMPLETED, date(2026, 1, 5), climate, "Sykkel"),
        (first, hamar, State.COMPLETED, date(2025, 1, 5), cities, "Bolig"),
        (second, hamar, State.APPROVED, date(2025, 1, 5), climate, "Sykkel"),
    ]
    for number, (area, owner, status, decided, goal, word) in enumerate(values):
        project = project_in(
            call,
            area,
            f"{word} {number}",
            lead_municipality=owner,
            status=status,
            decided_on=decided,
        )
        project.sustainable_development_goals.set([goal])
    return {
        "q": "sykkel",
        "focus_area": first.pk,
        "sub_theme": first.themes.get().sub_themes.get().pk,
        "municipality": "hamar",
        "year": 2026,
        "status": State.APPROVED.value,
        "goal": 13,
    }


def test_every_combination_of_filters_lists_what_each_filter_alone_lets_through(
    client, varied_projects
):
    alone = {
        name: set(listed_titles(get_list(client, **{name: value})))
        for name, value in varied_projects.items()
    }
    everything = set(listed_titles(get_list(client)))
    assert all(titles and titles != everything for titles in alone.values()), alone

    for size in range(2, len(varied_projects) + 1):
        for names in combinations(varied_projects, size):
            response = get_list(client, **{name: varied_projects[name] for name in names})
            expected = set.intersection(*(alone[name] for name in names))
            assert response.status_code == 200
            assert set(listed_titles(response)) == expected, names
            assert len(removal_links(response)) == size, names
