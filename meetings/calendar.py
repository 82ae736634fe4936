"""The public calendar (iCalendar, RFC 5545): the council's meetings and the deadlines of the
published funding calls, for a calendar program to subscribe to. Only what the public pages
show: no unpublished call, nothing of a case.

Each event keeps its UID for as long as its meeting or call exists, so a subscribed calendar
updates the event instead of adding a copy. Times are given in Europe/Oslo with its VTIMEZONE.
The feed is a public page (PublicPageMixin): cached like the others and made again when a
meeting or a call changes (both apps register their models with the content version).
"""

from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views import View
from icalendar import Calendar, Event

from hamarregion.page_cache import PublicPageMixin
from hamarregion.site_address import absolute_url, site_address

from .selectors import calendar_calls, calendar_meetings

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT_ID = "-//Hamarregionen IPR//Kalender//NB"
# How often a calendar program should fetch the feed again (RFC 7986 REFRESH-INTERVAL).
REFRESH_INTERVAL = timedelta(hours=12)


def _uid(kind: str, pk: int) -> str:
    host = urlsplit(site_address()).hostname or "hamarregionen"
    return f"{kind}-{pk}@{host}"


def _meeting_event(meeting, zone) -> Event:
    event = Event()
    event.add("uid", _uid("meeting", meeting.pk))
    event.add("dtstamp", meeting.updated_at)
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    # The council's titles say what the meeting is («Regionrådsmøte», «Diskusjonsarena: ...»).
    event.add("summary", meeting.title)
    event.add("categories", [_("Møte")])
    event.add("location", meeting.place)
    url = absolute_url(meeting.get_absolute_url())
    parts = [meeting.description.strip(), _("Saksliste og protokoll: %(url)s") % {"url": url}]
    event.add("description", "\n\n".join(part for part in parts if part))
    event.add("url", url)
    return event


def _deadline_event(call, zone) -> Event:
    event = Event()
    event.add("uid", _uid("call-deadline", call.pk))
    # A call loaded without history (fixtures) has no recorded change: its opening stands in.
    changed_at = call.changed_at or call.opens_at
    event.add("dtstamp", changed_at)
    event.add("last-modified", changed_at)
    event.add("dtstart", call.closes_at.astimezone(zone))
    # A deadline takes no time in anyone's day.
    event.add("transp", "TRANSPARENT")
    event.add("summary", _("Søknadsfrist: %(title)s") % {"title": call.title})
    event.add("categories", [_("Søknadsfrist")])
    url = absolute_url(call.get_absolute_url())
    event.add(
        "description",
        _(
            "Søknadsfristen for utlysningen «%(title)s» under %(programme)s. Søknader må "
            "sendes inn før dette tidspunktet.\n\nUtlysningen: %(url)s"
        )
        % {"title": call.title, "programme": call.programme.title, "url": url},
    )
    event.add("url", url)
    return event


def public_calendar() -> Calendar:
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    name = _("Hamarregionen IPR: møter og søknadsfrister")
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add(
        "x-wr-caldesc",
        _("Regionrådets møter og søknadsfristene for utviklingsmidler i Hamarregionen."),
    )
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    events = [_meeting_event(meeting, zone) for meeting in calendar_meetings()]
    events += [_deadline_event(call, zone) for call in calendar_calls()]
    for event in events:
        calendar.add_component(event)
    if events:
        starts = [event.start.date() for event in events]
        # Only the years the events fall in: the zone's rules for those, not for decades.
        calendar.add_missing_timezones(
            first_date=min(starts) - timedelta(days=366),
            last_date=max(starts) + timedelta(days=366),
        )
    return calendar


class CalendarFeedView(PublicPageMixin, View):
    """The public calendar as an .ics file."""

    def get(self, request, *args, **kwargs):
        response = HttpResponse(public_calendar().to_ical(), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = 'inline; filename="hamarregionen.ics"'
        return response
