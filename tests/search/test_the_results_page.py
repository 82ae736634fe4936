"""The site search's page: HTML in a hit or in the search shown escaped, the first ten hits of a
group and the rest on a page of their own, one h1 and labelled search forms, the search box in
every page's header, and each search cached for anonymous visitors."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from tests.factories import MeetingFactory, funded_project
from tests.html import element_text, page_text, start_tags
from tests.search.helpers import SEARCH_URL, count_of, group_text, links, search

pytestmark = pytest.mark.django_db


def test_a_title_planted_with_html_is_shown_escaped_and_highlighted(client):
    funded_project(
        title="Hacket <script>alert(1)</script> sykkelprosjekt",
        summary='Et <img src=x onerror="alert(2)"> sykkelprosjekt.',
    )

    response = search(client, "sykkelprosjekt")

    content = response.content.decode()
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert "Hacket &lt;script&gt;alert(1)&lt;/script&gt; <mark>sykkelprosjekt</mark>" in content
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in content


def test_html_typed_into_the_search_is_shown_escaped(client):
    response = search(client, '"><script>alert(1)</script>')

    content = response.content.decode()
    assert "<script>alert" not in content
    assert "script alert 1 script" in page_text(response)


def test_the_first_ten_hits_are_shown_and_the_rest_on_a_page_of_their_own(client):
    for day in range(1, 13):
        MeetingFactory(title=f"Drøftingsmøte nummer {day}")

    overview = search(client, "drøftingsmøte")
    expanded = search(client, "drøftingsmøte", gruppe="moter")

    assert count_of(overview, "moter") == 12
    assert len(links(overview, "moter")) == 10 + 1
    more = links(overview, "moter")[-1]
    assert parse_qs(urlsplit(more).query) == {"q": ["drøftingsmøte"], "gruppe": ["moter"]}
    assert "Se alle 12 møtene som passer" in group_text(overview, "moter")
    assert len(links(expanded, "moter")) == 12
    assert "treff-prosjekter" not in expanded.content.decode()
    junk = search(client, "drøftingsmøte", gruppe="\x00ukjent", page="abc")
    assert count_of(junk, "moter") == 12


def test_the_page_has_one_h1_breadcrumbs_and_a_labelled_search_form(client):
    response = search(client, "vekst")

    assert len(start_tags(response, "h1")) == 1
    assert "Forside Søk" in element_text(response, "hovedinnhold")
    forms = [attrs for _tag, attrs in start_tags(response, "form") if attrs.get("role")]
    assert [(form["role"], form["action"], form["method"]) for form in forms] == [
        ("search", SEARCH_URL, "get"),
        ("search", SEARCH_URL, "get"),
    ]
    labels = {attrs["for"] for _tag, attrs in start_tags(response, "label")}
    inputs = [attrs for _tag, attrs in start_tags(response, "input") if attrs.get("name") == "q"]
    assert [attrs["id"] for attrs in inputs] == ["nettstedsok", "id_q"]
    assert {"nettstedsok", "id_q"} <= labels
    assert inputs[1]["value"] == "vekst"


def test_every_page_has_the_search_box_in_its_header(client, programme_fixture):
    response = client.get(reverse("programme:home"))

    (form,) = [attrs for _tag, attrs in start_tags(response, "form") if attrs.get("role")]
    assert (form["role"], form["action"], form["aria-label"]) == (
        "search",
        SEARCH_URL,
        "Søk i nettstedet",
    )


def test_the_search_page_is_cached_per_search_for_anonymous_visitors(client):
    MeetingFactory(title="Regionrådsmøte om vannkraft")

    first = search(client, "vannkraft")
    again = search(client, "vannkraft")
    other = search(client, "vindkraft")

    assert (first["X-Page-Cache"], again["X-Page-Cache"], other["X-Page-Cache"]) == (
        "miss",
        "hit",
        "miss",
    )
    assert count_of(again, "moter") == 1
    assert count_of(other, "moter") == 0
