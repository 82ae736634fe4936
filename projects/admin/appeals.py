"""The appeal route the decision letters state, which the secretariat keeps, and the appeals
received, read-only: they are registered and moved on from the application's case view."""

from django.contrib import admin
from django.template.defaultfilters import linebreaks_filter
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hamarregion.admin.history import HistoryAdmin

from ..models import Appeal, AppealRoute
from ..permissions import is_secretariat
from .case_records import CaseRecordAdmin


@admin.register(AppealRoute)
class AppealRouteAdmin(HistoryAdmin):
    """One row: the text every decision letter states from the next one sent. Letters already
    sent keep the text they were frozen with."""

    list_display = ["__str__", "appeal_body", "weeks", "updated_at"]
    fields = ["appeal_body", "weeks", "text", "example"]
    readonly_fields = ["example"]

    def has_module_permission(self, request):
        return is_secretariat(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return (
            is_secretariat(request.user)
            and super().has_add_permission(request)
            and not AppealRoute.objects.exists()
        )

    def has_change_permission(self, request, obj=None):
        return is_secretariat(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("slik det står i et brev sendt i dag"))
    def example(self, obj):
        # As stored: the form's object holds what was typed, refused or not.
        obj = AppealRoute.current()
        return linebreaks_filter(obj.text_for(timezone.localdate()), autoescape=True)


@admin.register(Appeal)
class AppealAdmin(CaseRecordAdmin):
    list_display = [
        "case",
        "received_on",
        "within_deadline",
        "appealed_outcome",
        "outcome",
        "decided_on",
    ]
    list_filter = ["outcome", "within_deadline", "appealed_outcome"]
    list_select_related = ["application"]
    date_hierarchy = "received_on"
    fields = [
        "application",
        "decision_letter",
        "appealed_outcome",
        "received_on",
        "deadline",
        "within_deadline",
        "grounds",
        "grounds_attachment",
        "registered_by",
        "registered_at",
        "forwarded_on",
        "outcome",
        "decided_on",
        "decided_by_body",
    ]
