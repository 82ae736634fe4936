"""The Atom feed of newly funded projects (valid XML, funded projects only, newest decision
first, linked from the catalogue) and sitemap.xml (every public page, never a draft programme,
an unpublished call or an application that is not a funded project), with robots.txt."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.urls import reverse

from programme.models import Programme
from projects.workflow import PUBLIC_STATES, State
from publication import sitemaps
from tests.factories import (
    FundingCallFactory,
    MeetingFactory,
    ProgrammeFactory,
    SubThemeFactory,
    complete_application,
    funded_project,
)
from tests.html import start_tags

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
FEED = "/prosjekter/feed/"


def parse(response) -> ET.Element:
    return ET.fromstring(response.content)  # noqa: S314 - the portal's own response


def path_of(url: str) -> str:
    assert url.startswith("http://testserver/"), url
    return url.removeprefix("http://testserver")


@pytest.fixture
def call():
    return FundingCallFactory(title="Utviklingsmidler 2026")


@pytest.fixture
def one_per_state(call):
    """One application in every state, the funded ones decided on different days."""
    applications = {}
    for day, state in enumerate(State, start=1):
        title = f"Tilstand {state.value}"
        if state in PUBLIC_STATES:
            applications[state] = funded_project(
                funding_call=call,
                status=state,
                title=title,
                decided_on=date(2026, 1, day),
                contact_name=f"Kontakten Kåre {state.value}",
                contact_email=f"kare-{state.value}@kommune.example.org",
            )
        else:
            applications[state] = complete_application(funding_call=call, status=state, title=title)
    return applications


# --- The feed ---------------------------------------------------------------------------------


def test_the_feed_is_atom_with_the_funded_projects_only_newest_decision_first(
    client, one_per_state
):
    response = client.get(FEED)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    funded = sorted(
        (one_per_state[state] for state in PUBLIC_STATES),
        key=lambda project: project.decision.decided_on,
        reverse=True,
    )
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [p.title for p in funded]
    assert [path_of(entry.find(f"{ATOM}link").get("href")) for entry in entries] == [
        reverse("publication:project-detail", args=[p.pk]) for p in funded
    ]
    updated = [entry.find(f"{ATOM}updated").text[:10] for entry in entries]
    assert updated == [p.decision.decided_on.isoformat() for p in funded]
    # An Atom feed names an author: the council, never a person.
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Hamarregionen IPR"
    content = response.content.decode()
    assert "Kontakten Kåre" not in content
    assert "kommune.example.org" not in content


def test_the_feed_summary_is_escaped_and_names_the_owner_and_the_grant(client, call):
    funded_project(
        funding_call=call, summary="<script>alert(1)</script> & mer", granted_amount=250_000
    )

    entry = parse(client.get(FEED)).find(f"{ATOM}entry")

    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # Once the reader unescapes the XML, the HTML it gets still has the script as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; mer" in summary.text
    assert "250\u00a0000\u00a0kr" in summary.text


def test_an_empty_feed_is_still_valid(client):
    feed = parse(client.get(FEED))

    assert feed.findall(f"{ATOM}entry") == []
    assert feed.find(f"{ATOM}title").text


def test_the_catalogue_links_the_feed_in_its_head_and_in_its_text(client):
    response = client.get(reverse("publication:project-list"))

    alternates = [
        attrs
        for _tag, attrs in start_tags(response, "link")
        if attrs.get("rel") == "alternate" and attrs.get("type") == "application/atom+xml"
    ]
    assert [attrs["href"] for attrs in alternates] == [FEED]
    assert alternates[0].get("title")
    assert FEED in [attrs.get("href") for _tag, attrs in start_tags(response, "a")]


# --- The sitemap ------------------------------------------------------------------------------


def sitemap_paths(client) -> list[str]:
    """Every page the sitemap lists, through the index and each of its sections' pages."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    paths = []
    for location in parse(index).iter(f"{SITEMAP}loc"):
        section = client.get(path_of(location.text))
        assert section.status_code == 200, location.text
        paths += [path_of(loc.text) for loc in parse(section).iter(f"{SITEMAP}loc")]
    return paths


@pytest.fixture
def public_and_hidden(programme_fixture, one_per_state):
    """The published 2022–2023 programme, an archived and a draft period, a published call, an
    unpublished one, one in the draft period, and a meeting."""
    archived = ProgrammeFactory(slug="2020-2021", status=Programme.Status.ARCHIVED)
    archived_area = SubThemeFactory(theme__focus_area__programme=archived).theme.focus_area
    draft = ProgrammeFactory(slug="utkast-2024-2025", status=Programme.Status.DRAFT)
    draft_area = SubThemeFactory(theme__focus_area__programme=draft).theme.focus_area
    hidden_call = FundingCallFactory(slug="ikke-publisert", is_published=False)
    draft_call = FundingCallFactory(slug="i-utkastet", programme=draft, is_published=True)
    return {
        "archived": archived,
        "archived_area": archived_area,
        "draft": draft,
        "draft_area": draft_area,
        "hidden_call": hidden_call,
        "draft_call": draft_call,
        "meeting": MeetingFactory(),
    }


def test_the_sitemap_lists_every_public_page(client, public_and_hidden, one_per_state, call):
    paths = sitemap_paths(client)

    programme = Programme.objects.published().get()
    expected = [
        "/",
        "/tilgjengelighet/",
        "/personvern/",
        "/handlingsprogram/",
        "/barekraftsmal/",
        "/barekraftsmal/17/",
        "/utlysninger/",
        "/prosjekter/",
        "/prosjekter/kart/",
        "/statistikk/",
        "/apne-data/",
        reverse("meetings:meeting-list"),
        reverse("archive:journal"),
        public_and_hidden["meeting"].get_absolute_url(),
        programme.get_absolute_url(),
        public_and_hidden["archived"].get_absolute_url(),
        public_and_hidden["archived_area"].get_absolute_url(),
        call.get_absolute_url(),
        *[area.get_absolute_url() for area in programme.focus_areas.all()],
        *[one_per_state[state].get_public_url() for state in PUBLIC_STATES],
    ]
    assert not [path for path in expected if path not in paths]
    assert len(paths) == len(set(paths))


def test_the_sitemap_lists_each_page_in_both_languages_and_names_the_alternates(
    client, programme_fixture
):
    pages = parse(client.get("/sitemap-sider.xml"))

    paths = [path_of(location.text) for location in pages.iter(f"{SITEMAP}loc")]
    alternates = {
        (link.get("hreflang"), path_of(link.get("href")))
        for link in pages.iter("{http://www.w3.org/1999/xhtml}link")
    }
    assert {"/", "/en/", "/prosjekter/", "/en/prosjekter/"} <= set(paths)
    assert {("nb", "/prosjekter/"), ("en", "/en/prosjekter/"), ("x-default", "/prosjekter/")} <= (
        alternates
    )


def test_the_sitemap_lists_no_draft_unpublished_call_or_application_not_funded(
    client, public_and_hidden, one_per_state
):
    paths = sitemap_paths(client)

    hidden = [
        public_and_hidden["draft"].get_absolute_url(),
        public_and_hidden["draft_area"].get_absolute_url(),
        public_and_hidden["hidden_call"].get_absolute_url(),
        public_and_hidden["draft_call"].get_absolute_url(),
    ]
    hidden += [
        reverse("publication:project-detail", args=[application.pk])
        for state, application in one_per_state.items()
        if state not in PUBLIC_STATES
    ]
    assert not [path for path in hidden if path in paths]
    assert not [path for path in paths if "/soknader/" in path or "/admin/" in path]
    # Every listed page answers an anonymous visitor.
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_the_projects_run_over_several_sitemap_pages(client, one_per_state, monkeypatch):
    monkeypatch.setattr(sitemaps.ProjectSitemap, "limit", 3)

    index = [loc.text for loc in parse(client.get("/sitemap.xml")).iter(f"{SITEMAP}loc")]
    paths = sitemap_paths(client)

    assert "http://testserver/sitemap-prosjekter.xml?p=2" in index
    funded = {one_per_state[state].get_public_url() for state in PUBLIC_STATES}
    assert funded <= set(paths)


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
