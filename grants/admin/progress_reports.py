"""The progress reports for the secretariat to read and mark as read, and the reminders sent."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hamarregion.admin.actions import service_action
from hamarregion.admin.columns import money_column
from projects.admin.case_records import SecretariatReadOnly

from ..models import ProgressReminder, ProgressReport
from ..services.progress_reports import progress_report_acknowledge


class ReadFilter(admin.SimpleListFilter):
    title = _("lest av sekretariatet")
    parameter_name = "lest"

    def lookups(self, request, model_admin):
        return [("nei", _("Ikke lest")), ("ja", _("Lest"))]

    def queryset(self, request, queryset):
        if self.value() == "nei":
            return queryset.unread()
        if self.value() == "ja":
            return queryset.filter(acknowledged_at__isnull=False)
        return queryset


@admin.register(ProgressReport)
class ProgressReportAdmin(SecretariatReadOnly, admin.ModelAdmin):
    """Read-only: the applicant writes the report; the secretariat marks it as read."""

    list_display = ["case", "number", "due_on", "submitted_at", "spent_so_far", "is_read"]
    list_select_related = ["application", "submitted_by", "acknowledged_by"]
    list_filter = [ReadFilter]
    date_hierarchy = "due_on"
    fields = [
        "application",
        "number",
        "due_on",
        "progress",
        "spent",
        "deviations",
        "submitted_by",
        "submitted_at",
        "acknowledged_by",
        "acknowledged_at",
    ]
    readonly_fields = fields

    spent_so_far = money_column("spent", _("brukt så langt"))

    @admin.display(description=_("lest"), boolean=True, ordering="acknowledged_at")
    def is_read(self, obj):
        return obj.is_acknowledged

    actions = [
        service_action(
            lambda report, user: progress_report_acknowledge(report=report, user=user),
            name="acknowledge",
            description=_("Marker som lest"),
            done_message=lambda count: ngettext(
                "%(count)d framdriftsrapport er markert som lest.",
                "%(count)d framdriftsrapporter er markert som lest.",
                count,
            ),
            permissions=("view",),
            as_user=True,
        )
    ]


@admin.register(ProgressReminder)
class ProgressReminderAdmin(SecretariatReadOnly, admin.ModelAdmin):
    """Each row is the record of a reminder mail sent."""

    list_display = ["case", "sent_on"]
    date_hierarchy = "sent_on"
    fields = ["application", "sent_on"]
