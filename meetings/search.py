"""The meetings' group of the site search: each meeting with its agenda, guests and published
minutes. Registered in MeetingsConfig.ready()."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hamarregion.formatting import format_date
from hamarregion.search.excerpts import Hit, highlight, hit_with_excerpt, plain_text
from hamarregion.search.groups import Kind
from hamarregion.search.matching import Related, text_search
from hamarregion.search.query import Query

from .models import AgendaItem, Guest, Meeting


def meeting_rows(query: Query):
    return text_search(
        Meeting.objects.prefetch_related(
            # The agenda and guests are read for the excerpt only.
            "agenda_items__guests"
        ).order_by("-starts_at", "-pk"),
        query.text,
        fields=("title", "place", "description"),
        related=(
            # The one place the minutes are searched: only those the public may read.
            Related(Meeting.objects.with_public_minutes(), "pk", ("minutes",)),
            Related(AgendaItem.objects.all(), "meeting", ("title", "description")),
            Related(Guest.objects.all(), "agenda_items__meeting", ("name",)),
        ),
    )


def meeting_hit(meeting, query: Query) -> Hit:
    url = meeting.get_absolute_url()
    candidates = [
        (gettext("Sted"), None, meeting.place),
        (None, None, plain_text(meeting.description)),
    ]
    items = sorted(meeting.agenda_items.all(), key=lambda item: (item.number, item.pk))
    for item in items:
        label = str(item)
        candidates += [
            (label, item.get_absolute_url(), item.title),
            (label, item.get_absolute_url(), plain_text(item.description)),
        ]
    for item in items:
        for guest in item.guests.all():
            candidates.append((gettext("Gjester"), item.get_absolute_url(), guest.name))
    if meeting.minutes_are_public:
        candidates.append((gettext("Protokoll"), f"{url}#protokoll", plain_text(meeting.minutes)))
    # The title is the hit's heading; an excerpt is shown only where the words are elsewhere.
    if query.pattern.search(meeting.title):
        candidates = []
    return hit_with_excerpt(
        title=highlight(meeting.title, query),
        url=url,
        context=gettext("%(date)s, %(place)s")
        % {"date": format_date(meeting.starts_at), "place": meeting.place},
        candidates=candidates,
        query=query,
    )


MEETINGS = Kind(
    key="moter",
    heading=_("Møter"),
    rows=meeting_rows,
    hit=meeting_hit,
    order=30,
    more_label=_("Se alle %(count)d møtene som passer"),
)
