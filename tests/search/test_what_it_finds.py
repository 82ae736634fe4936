"""The site search (/sok/) finds the programme text, the commitments, the meetings and the funded
projects, each with a link to where the hit is shown; every word must occur in the hit."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection

from programme.models import Programme
from projects.workflow import State
from tests.factories import (
    AgendaItemFactory,
    CommitmentFactory,
    CommitmentUpdateFactory,
    FocusAreaFactory,
    GuestFactory,
    MeetingFactory,
    ProgrammeFactory,
    funded_project,
)
from tests.html import page_text
from tests.search.helpers import count_of, group_text, links, public_meeting, search, section

pytestmark = pytest.mark.django_db


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
