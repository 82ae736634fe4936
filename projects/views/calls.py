from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from hamarregion.content_language import Text
from hamarregion.page_cache import PublicPageMixin, cache_page_until
from hamarregion.ui import BreadcrumbsMixin

from ..models import FundingCall
from ..permissions import can_apply


def cache_until_next_opening_or_deadline(request, calls, now):
    """A call's page says whether it is open: keep a cached copy no longer than that holds."""
    moments = [
        moment for call in calls for moment in (call.opens_at, call.closes_at) if moment > now
    ]
    if moments:
        cache_page_until(request, min(moments))


def calls_crumb():
    return (_("Utlysninger"), reverse("projects:call-list"))


class FundingCallListView(PublicPageMixin, BreadcrumbsMixin, ListView):
    template_name = "projects/fundingcall_list.html"
    context_object_name = "calls"

    def get_queryset(self):
        now = timezone.now()
        return (
            FundingCall.objects.published()
            .select_related("programme")
            .annotate(
                is_open_now=Case(
                    When(opens_at__lte=now, closes_at__gt=now, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .order_by("-is_open_now", "-closes_at")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cache_until_next_opening_or_deadline(self.request, context["calls"], timezone.now())
        return context

    def get_breadcrumbs(self):
        return [(_("Utlysninger"), None)]


class FundingCallDetailView(PublicPageMixin, BreadcrumbsMixin, DetailView):
    template_name = "projects/fundingcall_detail.html"
    context_object_name = "call"

    def get_queryset(self):
        return FundingCall.objects.published().select_related("programme")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        context["is_open"] = self.object.is_open(now)
        context["has_closed"] = self.object.has_closed(now)
        cache_until_next_opening_or_deadline(self.request, [self.object], now)
        # With the programme: each focus area's address needs its slug.
        context["focus_areas"] = self.object.focus_areas.select_related("programme").order_by(
            "order", "pk"
        )
        context["can_apply"] = can_apply(self.request.user)
        return context

    def get_breadcrumbs(self):
        return [calls_crumb(), (Text(self.object.title), None)]
