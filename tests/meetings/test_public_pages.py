"""The public meeting list and meeting page: date, place, agenda, guests, focus areas and the
projects funded in the meeting, and nothing the public may not see."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programme.models import Programme
from projects.workflow import State
from tests.factories import (
    AgendaItemFactory,
    ApplicationFactory,
    DecisionFactory,
    FocusAreaFactory,
    GuestFactory,
    MeetingFactory,
    funded_project,
)
from tests.html import element_text, page_text, start_tags

pytestmark = pytest.mark.django_db

LIST_URL = reverse("meetings:meeting-list")


def days_from_now(days):
    return timezone.now().replace(second=0, microsecond=0) + timedelta(days=days)


def test_the_list_shows_upcoming_meetings_soonest_first_then_past_ones_newest_first(client):
    MeetingFactory(title="Møte om to uker", starts_at=days_from_now(14))
    MeetingFactory(title="Møte i morgen", starts_at=days_from_now(1))
    MeetingFactory(title="Møte for en måned siden", starts_at=days_from_now(-30))
    MeetingFactory(title="Møte i går", starts_at=days_from_now(-1))

    response = client.get(LIST_URL)

    assert response.status_code == 200
    upcoming = element_text(response, "kommende-moter-liste")
    past = element_text(response, "tidligere-moter-liste")
    assert upcoming.index("Møte i morgen") < upcoming.index("Møte om to uker")
    assert past.index("Møte i går") < past.index("Møte for en måned siden")
    assert "Møte i går" not in upcoming
    assert "Møte i morgen" not in past
    assert [attrs.get("id") for _tag, attrs in start_tags(response, "h1")] == [None]


def test_the_past_meetings_come_by_page_and_a_bad_page_number_still_shows_meetings(client):
    for day in range(1, 23):
        MeetingFactory(title=f"Møte {day} dager siden", starts_at=days_from_now(-day))
    MeetingFactory(title="Kommende møte", starts_at=days_from_now(3))

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})
    letters = client.get(LIST_URL, {"page": "abc"})

    assert "Møte 20 dager siden" in page_text(first)
    assert "Møte 21 dager siden" not in page_text(first)
    assert "Møte 21 dager siden" in page_text(second)
    assert "Møte 22 dager siden" in page_text(second)
    assert "Kommende møte" in page_text(first)
    # The upcoming meetings head the first page only.
    assert "Kommende møte" not in page_text(second)
    assert letters.status_code == 200
    assert "Møte 1 dager siden" in page_text(letters)


def test_the_list_says_so_when_there_are_no_meetings(client):
    text = page_text(client.get(LIST_URL))

    assert "Ingen kommende møter er satt opp ennå." in text
    assert "Ingen møter er holdt ennå." in text


def test_the_main_menu_links_to_the_meetings(client):
    response = client.get(LIST_URL)

    links = [attrs for _tag, attrs in start_tags(response, "a") if attrs.get("href") == LIST_URL]
    assert any(attrs.get("aria-current") == "page" for attrs in links)


def test_the_meeting_page_shows_time_place_agenda_and_guests(client, programme_fixture):
    meeting = MeetingFactory(
        title="Regionrådsmøte i mars",
        starts_at=timezone.make_aware(timezone.datetime(2026, 3, 12, 10, 0)),
        place="Stange rådhus",
    )
    AgendaItemFactory(
        meeting=meeting,
        number=2,
        title="Kompetansebehov i arbeidslivet",
        description="Innledning ved **LO** og NHO.",
        guests=[
            GuestFactory(name="LO", role="regionleder"),
            GuestFactory(name="NHO"),
        ],
    )
    AgendaItemFactory(meeting=meeting, number=1, title="Godkjenning av saksliste")

    response = client.get(meeting.get_absolute_url())

    assert response.status_code == 200
    text = page_text(response)
    assert "Regionrådsmøte i mars" in text
    assert "12.03.2026 kl. 10:00" in text
    assert "Stange rådhus" in text
    assert text.index("Sak 1: Godkjenning av saksliste") < text.index(
        "Sak 2: Kompetansebehov i arbeidslivet"
    )
    assert "<strong>LO</strong>" in response.content.decode()
    assert element_text(response, "gjester") == "LO (regionleder), NHO"
    assert response.context["breadcrumbs"] == [("Møter", LIST_URL), (str(meeting), None)]


def test_an_agenda_item_links_its_focus_areas_of_public_programmes_only(client, programme_fixture):
    programme = Programme.objects.published().get()
    public_area = programme.focus_areas.order_by("order").last()
    draft_area = FocusAreaFactory(name="Satsingsområde i et utkast")
    item = AgendaItemFactory(focus_areas=[public_area, draft_area])

    response = client.get(item.meeting.get_absolute_url())

    hrefs = [attrs.get("href") for _tag, attrs in start_tags(response, "a")]
    assert public_area.get_absolute_url() in hrefs
    assert public_area.name in page_text(response)
    assert "Satsingsområde i et utkast" not in page_text(response)
    assert draft_area.get_absolute_url() not in hrefs


def test_an_agenda_item_shows_only_the_funded_projects_among_its_applications(client):
    funded = funded_project(title="Reiselivsstrategi", status=State.IN_PROGRESS)
    rejected = ApplicationFactory(title="Avslått kulturkalender", status=State.REJECTED)
    DecisionFactory(application=rejected, outcome="rejected")
    pending = ApplicationFactory(title="Søknad til behandling", status=State.RECOMMENDED)
    item = AgendaItemFactory(applications=[funded, rejected, pending])

    response = client.get(item.meeting.get_absolute_url())

    text = page_text(response)
    assert "Reiselivsstrategi" in text
    assert "Avslått kulturkalender" not in text
    assert "Søknad til behandling" not in text
    hrefs = [attrs.get("href") for _tag, attrs in start_tags(response, "a")]
    assert funded.get_public_url() in hrefs


def test_the_meeting_page_lists_the_projects_funded_in_the_meeting_and_no_rejection(client):
    meeting = MeetingFactory()
    funded = funded_project(title="Felles næringsarealer", granted_amount=250_000)
    funded.decision.meeting = meeting
    funded.decision.save()
    rejected = DecisionFactory(
        application__title="Avslått søknad", application__status=State.REJECTED,
        outcome="rejected", meeting=meeting,
    )  # fmt: skip
    funded_elsewhere = funded_project(title="Vedtatt i et annet møte")

    response = client.get(meeting.get_absolute_url())

    funded_list = element_text(response, "vedtak-liste")
    assert "Felles næringsarealer" in funded_list
    assert "250 000 kr" in funded_list
    assert rejected.application.title not in page_text(response)
    assert funded_elsewhere.title not in page_text(response)


def test_an_unknown_meeting_is_not_found(client):
    assert client.get(reverse("meetings:meeting-detail", args=[4242])).status_code == 404
