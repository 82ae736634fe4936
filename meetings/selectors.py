"""The meetings' reads that the public pages share: what the public may see of an agenda, and
the projects funded at a meeting."""

from django.db.models import Prefetch

from programme.models import FocusArea
from projects.models import Application

from .models import AgendaItem


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
