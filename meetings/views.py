"""The public meeting pages. The minutes are read only through Meeting.minutes_are_public:
until the secretariat publishes them they appear on no public page."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from hamarregion.page_cache import PublicPageMixin, cache_page_until
from hamarregion.pagination import TolerantPaginationMixin
from hamarregion.ui import BreadcrumbsMixin
from programme.models import FocusArea
from projects.models import Application

from .models import AgendaItem, Meeting

PAGE_SIZE = 20


def meetings_crumb():
    return (_("Møter"), reverse("meetings:meeting-list"))


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


class MeetingListView(PublicPageMixin, BreadcrumbsMixin, TolerantPaginationMixin, ListView):
    """Upcoming meetings first, soonest first, then the past ones, newest first, by page."""

    template_name = "meetings/meeting_list.html"
    context_object_name = "past_meetings"
    paginate_by = PAGE_SIZE
    cache_query_params = ("page",)

    def get(self, request, *args, **kwargs):
        self.now = timezone.now()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Meeting.objects.past(now=self.now)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        upcoming = list(Meeting.objects.upcoming(now=self.now)) if page.number == 1 else []
        if upcoming:
            # The next meeting moves to the past ones when it starts, without anyone editing.
            cache_page_until(self.request, upcoming[0].starts_at)
        context["upcoming_meetings"] = upcoming
        return context

    def get_breadcrumbs(self):
        return [(_("Møter"), None)]


class MeetingDetailView(PublicPageMixin, BreadcrumbsMixin, DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.prefetch_related(
            Prefetch("agenda_items", queryset=public_agenda_items())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        agenda_items = list(meeting.agenda_items.all())
        guests = {guest.pk: guest for item in agenda_items for guest in item.guests.all()}
        context["agenda_items"] = agenda_items
        context["guests"] = sorted(guests.values(), key=lambda guest: guest.name)
        context["funded_projects"] = (
            Application.objects.funded()
            .filter(decision__meeting=meeting)
            .select_related("lead_municipality", "decision")
            .order_by("title", "pk")
        )
        context["minutes"] = meeting.minutes if meeting.minutes_are_public else ""
        if meeting.is_upcoming:
            cache_page_until(self.request, meeting.starts_at)
        return context

    def get_breadcrumbs(self):
        return [meetings_crumb(), (str(self.object), None)]
