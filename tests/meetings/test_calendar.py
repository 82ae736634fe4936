"""The public calendar (meetings/calendar.py): the council's meetings and the deadlines of the
published calls as iCalendar, nothing unpublished, cached like the other public pages, and linked
from the calls page and the meetings page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from programme.models import Programme
from tests.factories import FundingCallFactory, MeetingFactory
from tests.html import in_english, start_tags

pytestmark = pytest.mark.django_db

CALENDAR_URL = reverse("meetings:calendar")
OSLO = ZoneInfo("Europe/Oslo")


def feed(client, path=CALENDAR_URL) -> Calendar:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_a_meeting_is_an_event_at_its_time_in_oslo_with_place_and_absolute_link(client):
    meeting = MeetingFactory(
        title="Regionrådsmøte i mars",
        starts_at=datetime(2027, 3, 11, 9, 30, tzinfo=OSLO),
        place="Stange rådhus",
        description="Budsjett og nye søknader.",
    )

    calendar = feed(client)

    event = events_by_uid(calendar)[f"meeting-{meeting.pk}@portal.example.org"]
    assert event.start == datetime(2027, 3, 11, 9, 30, tzinfo=OSLO)
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert [zone.tz_name for zone in calendar.timezones] == ["Europe/Oslo"]
    assert str(event["SUMMARY"]) == "Regionrådsmøte i mars"
    assert event.categories == ["Møte"]
    assert str(event["LOCATION"]) == "Stange rådhus"
    url = f"https://portal.example.org/moter/{meeting.pk}/"
    assert str(event["URL"]) == url
    assert "Budsjett og nye søknader." in str(event["DESCRIPTION"])
    assert f"Saksliste og protokoll: {url}" in str(event["DESCRIPTION"])
    assert event["DTSTAMP"].dt == meeting.updated_at.replace(microsecond=0)


def test_a_published_calls_deadline_is_an_event_at_the_deadline(client):
    call = FundingCallFactory(
        title="Utviklingsmidler 2027",
        closes_at=datetime(2027, 4, 1, 12, 0, tzinfo=OSLO),
        opens_at=datetime(2027, 2, 1, 12, 0, tzinfo=OSLO),
    )

    event = events_by_uid(feed(client))[f"call-deadline-{call.pk}@portal.example.org"]

    assert event.start == datetime(2027, 4, 1, 12, 0, tzinfo=OSLO)
    assert str(event["SUMMARY"]) == "Søknadsfrist: Utviklingsmidler 2027"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert event.categories == ["Søknadsfrist"]
    url = f"https://portal.example.org/utlysninger/{call.slug}/"
    assert str(event["URL"]) == url
    description = str(event["DESCRIPTION"])
    assert "Søknader må sendes inn før dette tidspunktet." in description
    assert url in description
    assert "DTSTAMP" in event


def test_an_unpublished_call_or_one_of_a_draft_programme_is_not_in_the_calendar(client):
    published = FundingCallFactory(title="Publisert utlysning")
    FundingCallFactory(title="Upublisert utlysning", is_published=False)
    FundingCallFactory(title="Utkast", programme__status=Programme.Status.DRAFT)

    calendar = feed(client)

    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert summaries == [f"Søknadsfrist: {published.title}"]
    assert b"Upublisert" not in client.get(CALENDAR_URL).content
    assert b"Utkast" not in client.get(CALENDAR_URL).content


def test_the_uids_stay_the_same_when_a_meeting_changes(client):
    meeting = MeetingFactory(title="Før")
    before = set(events_by_uid(feed(client)))

    meeting.title = "Etter"
    meeting.starts_at += timedelta(days=1)
    meeting.save()
    after = feed(client)

    assert set(events_by_uid(after)) == before
    assert [str(event["SUMMARY"]) for event in after.walk("VEVENT")] == ["Etter"]


def test_the_calendar_is_cached_like_a_public_page_and_made_again_when_a_call_changes(client):
    call = FundingCallFactory(title="Gammel tittel")

    first = client.get(CALENDAR_URL)
    second = client.get(CALENDAR_URL)
    held = client.get(CALENDAR_URL, headers={"if-none-match": first["ETag"]})
    call.title = "Ny tittel"
    call.save()
    changed = client.get(CALENDAR_URL)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert set(first["Cache-Control"].split(", ")) == {
        "public",
        "max-age=60",
        "stale-while-revalidate=30",
    }
    assert first["ETag"].startswith('"')
    assert held.status_code == 304
    assert changed["X-Page-Cache"] == "miss"
    assert changed["ETag"] != first["ETag"]
    assert "Søknadsfrist: Ny tittel" in changed.content.decode()
    assert not first.cookies


def test_the_calendar_takes_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for day in range(5):
        MeetingFactory(starts_at=timezone.now() + timedelta(days=day))
        FundingCallFactory()

    with django_assert_max_num_queries(2):
        calendar = feed(client)

    assert len(calendar.walk("VEVENT")) == 10


def test_an_empty_calendar_is_still_a_valid_calendar_with_its_norwegian_name(client):
    calendar = feed(client)

    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == "Hamarregionen IPR: møter og søknadsfrister"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])


def test_the_english_calendar_has_the_same_events(client):
    meeting = MeetingFactory()

    calendar = feed(client, in_english(CALENDAR_URL))

    assert f"meeting-{meeting.pk}@portal.example.org" in events_by_uid(calendar)


@pytest.mark.parametrize("url_name", ["projects:call-list", "meetings:meeting-list"])
def test_the_calls_and_meetings_pages_link_the_calendar_in_head_and_text(client, url_name):
    response = client.get(reverse(url_name))

    alternates = [
        attrs
        for _tag, attrs in start_tags(response, "link")
        if attrs.get("rel") == "alternate" and attrs.get("type") == "text/calendar"
    ]
    assert [attrs["href"] for attrs in alternates] == [CALENDAR_URL]
    assert alternates[0]["title"] == "Kalender med møter og søknadsfrister"
    anchors = [attrs["href"] for _tag, attrs in start_tags(response, "a") if "href" in attrs]
    assert anchors.count(CALENDAR_URL) == 1
    assert "Abonner på kalenderen" in response.content.decode()
