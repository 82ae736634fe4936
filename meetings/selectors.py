"""The meetings' reads that the public pages share: what the public may see of an agenda, the
projects funded at a meeting, and the events of the public calendar."""

from django.db.models import OuterRef, Prefetch, Subquery

from programme.models import FocusArea
from projects.models import Application, FundingCall

from .models import AgendaItem, Meeting


def public_agenda_items():
    """Agenda items with what the public may see of them: focus areas of public programme
    periods, funded projects only (never a rejected or pending application), the guests."""
    return AgendaItem.objects.order_by("number", "pk").prefetch_related(
        Prefetch(
            "focus_areas",
            queryset=FocusArea.objects.public()
            .select_related("programme")
            .order_by("programme", "order", "pk"),
        ),
        Prefetch(
            "applications",
            queryset=Application.objects.funded()
            .select_related("lead_municipality")
            .order_by("title", "pk"),
        ),
        "guests",
    )


def funded_at(meeting):
    """The projects the council funded at the meeting, by title."""
    return (
        Application.objects.funded()
        .filter(decision__meeting=meeting)
        .select_related("lead_municipality", "decision")
        .order_by("title", "pk")
    )


def calendar_meetings():
    """Every registered meeting, for the public calendar: meetings are public once registered."""
    return Meeting.objects.order_by("starts_at", "pk")


def calendar_calls():
    """The published funding calls, for their deadlines in the public calendar, each with
    `changed_at`: the moment of its last recorded change (None when it has no history)."""
    history = FundingCall.history.model
    return (
        FundingCall.objects.published()
        .select_related("programme")
        .annotate(
            changed_at=Subquery(
                history.objects.filter(id=OuterRef("pk"))
                .order_by("-history_date")
                .values("history_date")[:1]
            )
        )
        .order_by("closes_at", "pk")
    )
