"""The map of funded projects (/prosjekter/kart/): each member municipality drawn from
Kartverket's boundaries as a link to the catalogue filtered by it, with the number of public
funded projects it owns or takes part in, the same figures as a table, and the credit the data's
licence asks for."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from projects.models import Municipality
from projects.workflow import State
from publication.project_map import CREDIT, member_outlines
from tests.factories import DecisionFactory, MunicipalityFactory, complete_application
from tests.factories import funded_project as make_funded
from tests.html import element_text, in_english, page_text, start_tags
from tests.publication.catalogue_page import listed_titles

pytestmark = pytest.mark.django_db

MAP_URL = "/prosjekter/kart/"
MEMBERS = {"Hamar": "hamar", "Løten": "loten", "Ringsaker": "ringsaker", "Stange": "stange"}


def map_links(response) -> dict[str, dict]:
    """The links drawn in the map, by their accessible name."""
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    links = re.findall(r"<a ([^>]*)>", svg)
    found = {}
    for attributes in links:
        named = dict(re.findall(r'([\w-]+)="([^"]*)"', attributes))
        found[named["aria-label"]] = named
    return found


def table_rows(response) -> dict[str, int]:
    """{municipality: projects} as the table beside the map lists them."""
    text = element_text(response, "tabell-kommuner")
    rows = re.findall(r"(Hamar|Løten|Ringsaker|Stange) (\d+)", text)
    return {name: int(count) for name, count in rows}


@pytest.fixture
def region_projects(hamar, loten):
    """Hamar owns two funded projects, Løten one with Hamar and a county as partners; Stange and
    Ringsaker none. Applications that are not public never count."""
    county = MunicipalityFactory(name="Innlandet fylkeskommune", slug="innlandet")
    make_funded(title="Bolyst i Hamar", lead_municipality=hamar)
    make_funded(title="Næringshage i Hamar", lead_municipality=hamar, status=State.COMPLETED)
    shared = make_funded(title="Felles Løten og Hamar", lead_municipality=loten)
    shared.partner_municipalities.set([hamar, county])
    for status in (State.DRAFT, State.SUBMITTED, State.WITHDRAWN):
        complete_application(
            title=f"Ikke offentlig {status}", lead_municipality=hamar, status=status
        )
    rejected = complete_application(title="Avslått", lead_municipality=loten, status=State.REJECTED)
    DecisionFactory(application=rejected, outcome="rejected")
    stange = Municipality.objects.get(slug="stange")
    complete_application(title="Utkast i Stange", lead_municipality=stange, status=State.DRAFT)


def test_the_figures_are_the_public_funded_projects_of_each_member(client, region_projects):
    response = client.get(MAP_URL)

    assert response.status_code == 200
    expected = {"Hamar": 3, "Løten": 1, "Ringsaker": 0, "Stange": 0}
    assert table_rows(response) == expected
    assert set(map_links(response)) == {
        "Hamar: 3 prosjekter",
        "Løten: 1 prosjekt",
        "Ringsaker: 0 prosjekter",
        "Stange: 0 prosjekter",
    }
    # The partner that is not a member has no area on the map and no row.
    assert "Innlandet fylkeskommune" not in page_text(response)


def test_each_count_is_written_on_the_map_as_visible_text(client, region_projects):
    response = client.get(MAP_URL)

    text = element_text(response, "kart")
    for name, count in [("Hamar", "3 prosjekter"), ("Løten", "1 prosjekt"), ("Stange", "0")]:
        assert name in text and count in text


def test_the_four_members_are_on_the_map_with_no_projects_at_all(client):
    response = client.get(MAP_URL)

    assert table_rows(response) == dict.fromkeys(MEMBERS, 0)
    assert len(map_links(response)) == 4


def test_each_link_leads_to_the_catalogue_filtered_by_its_municipality(client, region_projects):
    response = client.get(MAP_URL)
    expected = {"Hamar": 3, "Løten": 1, "Ringsaker": 0, "Stange": 0}

    table_links = {
        attrs["href"]
        for _tag, attrs in start_tags(response, "a")
        if "municipality=" in attrs["href"]
    }
    for label, attributes in map_links(response).items():
        name = label.split(":")[0]
        assert attributes["href"] == f"/prosjekter/?municipality={MEMBERS[name]}"
        assert attributes["href"] in table_links
        catalogue = client.get(attributes["href"])
        assert catalogue.status_code == 200
        # The catalogue lists as many projects as the map counts, and names the filter.
        assert len(listed_titles(catalogue)) == expected[name]
        assert f"Kommune: {name}" in element_text(catalogue, "treff-status")


def test_every_member_is_drawn_from_its_own_boundary(client):
    response = client.get(MAP_URL)

    outlines = member_outlines()
    numbers = dict(Municipality.objects.members().values_list("name", "number"))
    paths = [attrs["d"] for _tag, attrs in start_tags(response, "path")]
    assert sorted(paths) == sorted(outlines.by_number[numbers[name]].path for name in MEMBERS)
    for name in MEMBERS:
        assert outlines.by_number[numbers[name]].name == name


def test_the_map_scales_with_the_page_and_loads_nothing_from_another_host(client):
    response = client.get(MAP_URL)

    ((_tag, svg),) = start_tags(response, "svg")
    assert svg["width"] == "100%"
    assert re.fullmatch(r"0 0 600 \d+", svg["viewbox"])
    assert svg["role"] == "group" and svg["aria-labelledby"] == "kart-tittel"
    html = response.content.decode()
    assert "<script" not in html[html.index("<main") :]
    sources = [attrs.get("src") or "" for _tag, attrs in start_tags(response)]
    stylesheets = [
        attrs["href"]
        for _tag, attrs in start_tags(response, "link")
        if attrs.get("rel") != "alternate"
    ]
    assert not [url for url in sources + stylesheets if "//" in url]


def test_the_map_credits_kartverket_as_the_licence_asks(client):
    response = client.get(MAP_URL)

    assert element_text(response, "kartdata") == CREDIT == "Kartdata: © Kartverket (CC BY 4.0)"


def test_the_page_is_there_in_both_languages(client, region_projects):
    norwegian = client.get(MAP_URL)
    english = client.get(in_english(MAP_URL))

    assert (norwegian.status_code, english.status_code) == (200, 200)
    assert start_tags(norwegian, "html")[0][1]["lang"] == "nb"
    assert start_tags(english, "html")[0][1]["lang"] == "en"
    assert "Skip to main content" in page_text(english)
    assert table_rows(english) == table_rows(norwegian)
    # The credit is Norwegian whatever the interface, and says so in English.
    assert element_text(english, "kartdata") == CREDIT
    (credit,) = [attrs for _tag, attrs in start_tags(english) if attrs.get("id") == "kartdata"]
    assert credit["lang"] == "nb"


def test_a_new_funded_project_shows_on_the_map_at_once(client, hamar):
    assert table_rows(client.get(MAP_URL))["Ringsaker"] == 0

    make_funded(
        title="Nytt i Ringsaker", lead_municipality=Municipality.objects.get(slug="ringsaker")
    )

    assert table_rows(client.get(MAP_URL))["Ringsaker"] == 1


def test_the_page_reads_its_figures_in_one_query(
    client, region_projects, django_assert_num_queries
):
    cache.clear()
    with django_assert_num_queries(1):
        response = client.get(MAP_URL)
    assert response.status_code == 200


def test_the_catalogue_links_to_the_map(client):
    catalogue = client.get(reverse("publication:project-list"))

    assert MAP_URL in [attrs["href"] for _tag, attrs in start_tags(catalogue, "a")]
