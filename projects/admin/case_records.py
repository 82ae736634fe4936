"""The case's records on their own lists, read-only, for the secretariat: each with its
«Historikk» of who wrote or changed what, and when. They are written only through the
services, from the application's case view."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from hamarregion.admin.columns import money_column
from hamarregion.admin.history import HistoryAdmin

from ..models import (
    AcceptanceReminder,
    Decision,
    FinalReport,
    GrantAcceptance,
    Payment,
    Recommendation,
    ReportReminder,
)
from ..permissions import is_secretariat


class SecretariatReadOnly:
    list_select_related = ["application"]
    search_fields = ["application__title"]

    def has_module_permission(self, request):
        return is_secretariat(request.user)

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_list_display_links(self, request, list_display):
        # Not the case column: its own link to the case inside the link to the row is a link
        # in a link, which the browser splits into an empty one.
        links = [name for name in list_display if name != "case"][:1]
        return links or None

    @admin.display(description=_("søknad"), ordering="application__title")
    def case(self, obj):
        url = reverse("admin:projects_application_change", args=[obj.application_id])
        return format_html('<a href="{}">{}</a>', url, obj.application)


class CaseRecordAdmin(SecretariatReadOnly, HistoryAdmin):
    def get_readonly_fields(self, request, obj=None):
        # Every field, also those no form can edit (written_at, recorded_at): the history view
        # builds a form from the fields, and a non-editable one in it is a FieldError.
        return self.fields or []


@admin.register(Recommendation)
class RecommendationAdmin(CaseRecordAdmin):
    list_display = ["case", "amount", "written_by", "written_at"]
    list_select_related = ["application", "written_by"]
    fields = ["application", "assessment", "recommended_amount", "written_by", "written_at"]

    amount = money_column("recommended_amount", _("anbefalt beløp"))


@admin.register(Decision)
class DecisionAdmin(CaseRecordAdmin):
    list_display = [
        "case",
        "case_number",
        "outcome",
        "amount",
        "decided_on",
        "acceptance_due_on",
        "report_due_on",
    ]
    list_filter = ["outcome"]
    search_fields = ["application__title", "case_number"]
    fields = [
        "application",
        "outcome",
        "granted_amount",
        "decided_on",
        "meeting",
        "case_number",
        "conditions",
        "decision_text",
        "acceptance_due_on",
        "report_due_on",
        "recorded_by",
        "recorded_at",
    ]

    amount = money_column("granted_amount", _("innvilget beløp"))


@admin.register(GrantAcceptance)
class GrantAcceptanceAdmin(SecretariatReadOnly, admin.ModelAdmin):
    """Written once by the applicant through projects.services.grant_accept, never changed."""

    list_display = ["case", "accepted", "accepted_at", "accepted_by"]
    list_select_related = ["application", "accepted_by"]
    date_hierarchy = "accepted_at"
    fields = ["application", "granted_amount", "conditions", "accepted_by", "accepted_at"]

    accepted = money_column("granted_amount", _("akseptert beløp"))


@admin.register(Payment)
class PaymentAdmin(CaseRecordAdmin):
    list_display = ["case", "amount_paid", "paid_on", "reference", "recorded_by"]
    list_select_related = ["application", "recorded_by"]
    search_fields = ["application__title", "reference"]
    date_hierarchy = "paid_on"
    fields = ["application", "amount", "paid_on", "reference", "recorded_by", "recorded_at"]

    amount_paid = money_column("amount", _("beløp"))


@admin.register(FinalReport)
class FinalReportAdmin(CaseRecordAdmin):
    list_display = ["case", "cost", "updated_at"]
    fields = ["application", "results", "actual_cost", "cost_comment", "updated_at"]

    cost = money_column("actual_cost", _("faktiske kostnader"))


@admin.register(ReportReminder)
class ReportReminderAdmin(SecretariatReadOnly, admin.ModelAdmin):
    """Reminders keep no history of their own: each row is the record of a mail sent."""

    list_display = ["case", "sent_on"]
    date_hierarchy = "sent_on"
    fields = ["application", "sent_on"]


@admin.register(AcceptanceReminder)
class AcceptanceReminderAdmin(SecretariatReadOnly, admin.ModelAdmin):
    list_display = ["case", "kind", "due_on", "sent_on"]
    list_filter = ["kind"]
    date_hierarchy = "sent_on"
    fields = ["application", "kind", "due_on", "sent_on"]
