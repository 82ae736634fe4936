"""The public meeting pages. The minutes are read only through Meeting.minutes_are_public:
until the secretariat publishes them they appear on no public page."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from hamarregion.content_language import Text
from hamarregion.page_cache import PublicPageMixin, cache_page_until
from hamarregion.pagination import TolerantPaginationMixin
from hamarregion.ui import BreadcrumbsMixin

from .models import Meeting
from .permissions import can_read_meeting_pack
from .selectors import funded_at, minutes_disqualifications, public_agenda_items

PAGE_SIZE = 20
UPCOMING_MEETINGS_ON_FRONT_PAGE = 3


def meetings_crumb():
    return (_("Møter"), reverse("meetings:meeting-list"))


def front_page_part(request) -> dict:
    """The front page's upcoming meetings (registered with hamarregion.front_page)."""
    upcoming = list(Meeting.objects.upcoming()[:UPCOMING_MEETINGS_ON_FRONT_PAGE])
    if upcoming:
        # The next meeting leaves the list when it starts, without anyone editing.
        cache_page_until(request, upcoming[0].starts_at)
    return {"upcoming_meetings": upcoming}


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
        if meeting.minutes_are_public:
            # The minutes name who did not take part in each item; council members are elected
            # officials, whose names are public.
            disqualified = minutes_disqualifications(meeting)
            for item in agenda_items:
                item.disqualified_names = disqualified.get(item.pk, [])
            context["disqualified_items"] = [
                item for item in agenda_items if item.disqualified_names
            ]
        guests = {guest.pk: guest for item in agenda_items for guest in item.guests.all()}
        context["agenda_items"] = agenda_items
        context["guests"] = sorted(guests.values(), key=lambda guest: guest.name)
        context["funded_projects"] = funded_at(meeting)
        context["minutes"] = meeting.minutes if meeting.minutes_are_public else ""
        # Only for those who may read it: an anonymous visitor's page, the one cached, has none.
        if can_read_meeting_pack(self.request.user):
            context["pack_url"] = reverse("meetings:meeting-pack", args=[meeting.pk])
        if meeting.is_upcoming:
            cache_page_until(self.request, meeting.starts_at)
        return context

    def get_breadcrumbs(self):
        return [meetings_crumb(), (Text(str(self.object)), None)]
