from datetime import MAXYEAR, MINYEAR

from django.contrib import admin
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..permissions import secretariat_people


class SubmittedYearFilter(admin.SimpleListFilter):
    """The year an application was sent in, in Norwegian time: the list's one way to pick a
    year (no date_hierarchy, whose list of years is a DISTINCT over the whole table on every
    page, followed by a MIN/MAX of its own).

    The years offered run from the first application sent in to the last. Reading the two ends
    is one aggregate; listing exactly the years that occur would read every application on
    every page. A year in between without applications gives an empty list, as any year does
    when combined with another filter."""

    title = _("år sendt inn")
    parameter_name = "aar"

    def lookups(self, request, model_admin):
        span = (
            model_admin.applications_visible_to(request)
            .order_by()
            .aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
        )
        if span["first"] is None:
            return []
        first, last = (timezone.localtime(span[end]).year for end in ("first", "last"))
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        # Not year 1 either: its first hour in Norway falls in year 0 by UTC, before Python's
        # calendar starts.
        if not (value.isdigit() and len(value) == 4 and MINYEAR < int(value) <= MAXYEAR):
            return queryset.none()
        return queryset.filter(submitted_at__year=int(value))


class CaseHandlerFilter(admin.SimpleListFilter):
    """«Saksbehandler»: the user's own cases, those not assigned, or one person's."""

    title = _("saksbehandler")
    parameter_name = "saksbehandler"
    MINE = "mine"
    NONE = "ingen"

    def lookups(self, request, model_admin):
        people = secretariat_people().order_by("first_name", "last_name", "username")
        return [
            (self.MINE, _("Mine")),
            (self.NONE, _("Ikke tildelt")),
            *(
                (str(person.pk), person.get_full_name() or person.get_username())
                for person in people
            ),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == self.MINE:
            return queryset.filter(case_handler=request.user)
        if value == self.NONE:
            return queryset.filter(case_handler__isnull=True)
        if not (value.isdigit() and len(value) <= 18):
            return queryset.none()
        return queryset.filter(case_handler_id=int(value))
