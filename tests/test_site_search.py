"""The site search (/sok/): one box for the programme text, the commitments, the meetings and the
funded projects, showing only what the public pages show."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from meetings.services import meeting_publish_minutes
from programme.models import Programme
from projects.workflow import State
from tests.factories import (
    AgendaItemFactory,
    ApplicationFactory,
    CommitmentFactory,
    CommitmentUpdateFactory,
    FocusAreaFactory,
    GuestFactory,
    MeetingFactory,
    NarrativeSectionFactory,
    ProgrammeFactory,
    funded_project,
)
from tests.html import element_text, page_text, start_tags
from tests.property.conftest import form_value, one_example

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("search")
GROUPS = ["handlingsprogram", "forpliktelser", "moter", "prosjekter"]
HREF = re.compile(r'<a href="([^"]*)"')
MARK = re.compile(r"</?mark>")
TAG = re.compile(r"<[^>]*>")


def search(client, q, **params):
    response = client.get(SEARCH_URL, {"q": q, **params})
    assert response.status_code == 200
    return response


def section(response, group) -> str:
    """The HTML of one group's section."""
    content = response.content.decode()
    start = content.index(f'<section id="treff-{group}"')
    return content[start : content.index("</section>", start)]


def group_text(response, group) -> str:
    """What a visitor reads in one group's section (the highlighting is inside words)."""
    text = MARK.sub("", section(response, group))
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


def links(response, group) -> list[str]:
    """The links in one group's section, in order."""
    return [html.unescape(href) for href in HREF.findall(section(response, group))]


def count_of(response, group) -> int:
    """The number in the group's heading («Møter 3 treff»)."""
    heading = element_text(response, f"treff-{group}-tittel")
    return int(heading.split()[-2])


def public_meeting(**fields):
    meeting = MeetingFactory(**fields)
    meeting_publish_minutes(meeting=meeting)
    return meeting


# --- What it finds ----------------------------------------------------------------------------


def test_a_sentence_of_the_programme_text_is_found_with_a_link_to_its_section(
    client, programme_fixture
):
    response = search(client, "Stor-Oslo er det området i Norge med størst vekst")

    programme = Programme.objects.published().get()
    section = programme.focus_areas.get(order=1).sections.get()
    assert section.get_absolute_url() in links(response, "handlingsprogram")
    assert "#omtale-" in section.get_absolute_url()
    assert "<mark>Stor</mark>-<mark>Oslo</mark>" in response.content.decode()


def test_the_introduction_and_the_vision_are_found_on_the_programme_page(client, programme_fixture):
    programme = Programme.objects.published().get()

    introduction = search(client, "Partnerskapsavtalen")
    vision = search(client, "foretrukne")

    assert f"{programme.get_absolute_url()}#innledning" in links(introduction, "handlingsprogram")
    assert f"{programme.get_absolute_url()}#visjon" in links(vision, "handlingsprogram")
    assert "Innledning:" in group_text(introduction, "handlingsprogram")


def test_a_theme_and_a_sub_theme_lead_to_the_theme_on_the_focus_area_page(
    client, programme_fixture
):
    programme = Programme.objects.published().get()
    theme = programme.focus_areas.get(order=1).themes.get()
    sub_theme = theme.sub_themes.order_by("order").first()

    found = links(search(client, sub_theme.name), "handlingsprogram")

    assert theme.get_absolute_url() in found
    assert "#tema-" in theme.get_absolute_url()


def test_a_commitment_is_found_with_a_link_to_it_on_its_focus_area_page(client, programme_fixture):
    response = search(client, "regionvekstavtaler Mjøsby")

    assert links(response, "forpliktelser") == [
        "/handlingsprogram/2022-2023/befolkningsvekst/#forpliktelse-regionvekstavtaler"
    ]
    text = group_text(response, "forpliktelser")
    assert "Regionrådet vil jobbe for regionvekstavtaler gjennom Mjøsby samarbeidet." in text
    assert count_of(response, "forpliktelser") == 1


def test_a_commitment_is_found_by_the_text_of_its_update(client, programme_fixture):
    commitment = Programme.objects.published().get().focus_areas.get(order=1).commitments.first()
    CommitmentUpdateFactory(commitment=commitment, text="Avtalen om **hurtigladere** er signert.")

    response = search(client, "hurtigladere")

    assert links(response, "forpliktelser") == [commitment.get_absolute_url()]
    text = group_text(response, "forpliktelser")
    assert "Oppdatering 01.09.2026: Avtalen om hurtigladere er signert." in text
    assert "**" not in text


def test_a_meeting_is_found_by_its_agenda_item_with_a_link_to_the_item(client):
    meeting = MeetingFactory(title="Regionrådsmøte i mars")
    item = AgendaItemFactory(
        meeting=meeting, number=4, title="Høring om nytt dobbeltspor", description="Uttalelse."
    )

    response = search(client, "dobbeltspor")

    assert links(response, "moter") == [item.get_absolute_url()]
    assert item.get_absolute_url().endswith(f"/moter/{meeting.pk}/#sak-4")
    assert "Sak 4: Høring om nytt dobbeltspor" in group_text(response, "moter")


def test_a_meeting_is_found_by_its_guest(client):
    meeting = MeetingFactory(title="Regionrådsmøte i mai")
    AgendaItemFactory(meeting=meeting, guests=[GuestFactory(name="Næringsforeningen Hamar")])

    response = search(client, "Næringsforeningen")

    assert count_of(response, "moter") == 1
    assert "Regionrådsmøte i mai" in group_text(response, "moter")
    assert "Gjester: Næringsforeningen Hamar" in group_text(response, "moter")


def test_published_minutes_are_found_with_a_link_to_the_minutes(client):
    meeting = public_meeting(minutes="Regionrådet vedtok enstemmig å støtte **fiskeoppdrett**.")

    response = search(client, "fiskeoppdrett")

    assert links(response, "moter") == [f"{meeting.get_absolute_url()}#protokoll"]
    assert "Protokoll: Regionrådet vedtok enstemmig å støtte fiskeoppdrett." in group_text(
        response, "moter"
    )


def test_a_funded_project_is_found_and_all_of_them_are_a_link_to_the_catalogue(client):
    project = funded_project(title="Sykkelveier langs Mjøsa", summary="Trygge sykkelveier.")
    funded_project(title="Flere sykkelveier i Stange", status=State.COMPLETED)

    response = search(client, "  sykkelveier  ")

    assert project.get_public_url() in links(response, "prosjekter")
    assert count_of(response, "prosjekter") == 2
    (see_all,) = [
        href for href in links(response, "prosjekter") if href.startswith("/prosjekter/?")
    ]
    assert parse_qs(urlsplit(see_all).query) == {"q": ["sykkelveier"]}
    catalogue = client.get(see_all)
    assert "2 prosjekter passer med utvalget" in page_text(catalogue)
    assert "Se alle 2 prosjektene i prosjektkatalogen" in group_text(response, "prosjekter")


def test_every_word_must_occur_somewhere_in_the_hit(client):
    meeting = MeetingFactory(title="Regionrådsmøte om samferdsel", place="Løten rådhus")
    AgendaItemFactory(meeting=meeting, title="Jernbane")
    MeetingFactory(title="Regionrådsmøte om skole", place="Løten rådhus")

    assert count_of(search(client, "samferdsel Jernbane"), "moter") == 1
    assert count_of(search(client, "samferdsel skole"), "moter") == 0
    assert count_of(search(client, "Løten"), "moter") == 2


# --- What it must never find ------------------------------------------------------------------


def test_a_draft_programme_period_is_never_searched(client, programme_fixture, secretariat_client):
    draft = ProgrammeFactory(
        status=Programme.Status.DRAFT, introduction="Luftslottplanen for neste periode."
    )
    area = FocusAreaFactory(programme=draft, name="Luftslott og annet")
    NarrativeSectionFactory(focus_area=area, body="Luftslottets omtale.")
    CommitmentFactory(focus_area=area, text="Regionrådet vil bygge luftslott.")

    for visitor in (client, secretariat_client):
        response = search(visitor, "luftslott")
        assert count_of(response, "handlingsprogram") == 0
        assert count_of(response, "forpliktelser") == 0
        assert "uftslott" not in page_text(response).replace("luftslott»", "")


def test_unpublished_minutes_are_never_searched_and_published_ones_are_at_once(client):
    meeting = MeetingFactory(
        title="Regionrådsmøte i juni", minutes="Hemmelig: tomtekjøp ved Espern."
    )

    before = search(client, "tomtekjøp")
    meeting_publish_minutes(meeting=meeting)
    after = search(client, "tomtekjøp")

    assert count_of(before, "moter") == 0
    assert "Hemmelig" not in page_text(before)
    # The same address again: the cached page made way for the published minutes.
    assert count_of(after, "moter") == 1
    assert "Hemmelig: tomtekjøp ved Espern." in group_text(after, "moter")


def test_an_unpublished_meeting_found_by_its_title_shows_nothing_of_its_minutes(client):
    MeetingFactory(title="Regionrådsmøte om tomtekjøp", minutes="Hemmelig avtale med grunneier.")

    response = search(client, "tomtekjøp")

    assert count_of(response, "moter") == 1
    assert "Hemmelig" not in page_text(response)
    assert "#protokoll" not in response.content.decode()


@pytest.mark.parametrize(
    "status", [State.DRAFT, State.SUBMITTED, State.RECOMMENDED, State.REJECTED, State.WITHDRAWN]
)
def test_an_application_that_is_not_funded_is_never_found(client, status):
    ApplicationFactory(title="Skjult bølgekraftverk", summary="Bølgekraft i Mjøsa.", status=status)

    response = search(client, "bølgekraftverk")

    assert count_of(response, "prosjekter") == 0
    assert "Skjult" not in page_text(response)


def test_the_contact_person_and_project_leader_of_a_project_are_never_found(no_programme, client):
    funded_project(
        title="Sykkelveier langs Mjøsa",
        contact_name="Kari Kontaktsen",
        contact_email="kari.kontaktsen@hamar.example.org",
        project_leader_name="Per Prosjektleder",
        project_leader_email="per@hamar.example.org",
    )

    for q in ["Kontaktsen", "kari.kontaktsen@hamar.example.org", "Prosjektleder", "per@hamar"]:
        response = search(client, q)
        assert [count_of(response, group) for group in GROUPS] == [0, 0, 0, 0], q
        assert "Kontaktsen" not in page_text(response).replace(q, "")


# --- What the page shows ----------------------------------------------------------------------


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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL")
def test_postgresql_finds_other_forms_of_a_word_and_highlights_them(client):
    meeting = MeetingFactory(title="Regionrådsmøte i august")
    AgendaItemFactory(meeting=meeting, title="Møte med gründerne i Hamar")
    MeetingFactory(title="Regionrådsmøte om grunnskolen")
    CommitmentFactory(
        focus_area=FocusAreaFactory(programme=ProgrammeFactory(status=Programme.Status.ARCHIVED)),
        text="Regionrådet vil hjelpe hver gründer.",
    )

    response = search(client, "gründere")

    assert count_of(response, "moter") == 1
    assert count_of(response, "forpliktelser") == 1
    assert "<mark>gründerne</mark>" in section(response, "moter")
    assert "<mark>gründer</mark>." in section(response, "forpliktelser")


# --- Bad input and the number of queries ------------------------------------------------------


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
