from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubmittedYearFilter(admin.SimpleListFilter):
    """The year an application was sent in, in Norwegian time."""

    title = _("år sendt inn")
    parameter_name = "aar"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .filter(submitted_at__isnull=False)
            .datetimes("submitted_at", "year", tzinfo=timezone.get_current_timezone())
        )
        return [(str(year.year), str(year.year)) for year in sorted(set(years), reverse=True)]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit() or len(value) != 4:
            return queryset.none()
        return queryset.filter(submitted_at__year=int(value))
