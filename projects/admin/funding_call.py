from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hamarregion.admin.columns import money_column
from hamarregion.admin.history import HistoryAdmin

from ..models import FundingCall
from ..services import funding_call_frame_check
from ..services.assessment import funding_call_add_standard_criteria
from .assessment import AssessmentCriterionInline


class FundingCallForm(forms.ModelForm):
    class Meta:
        model = FundingCall
        fields = [
            "programme",
            "title",
            "slug",
            "is_published",
            "opens_at",
            "closes_at",
            "budget_frame",
            "max_amount",
            "max_share_percent",
            "description",
            "focus_areas",
        ]

    def clean_budget_frame(self):
        """The grants of a call never add up to more than its frame: not when a decision is
        made (projects.services.application_decide), nor when the frame is lowered here. The
        admin saves in the transaction this check runs in, with the call's row locked."""
        frame = self.cleaned_data.get("budget_frame")
        if self.instance.pk and frame is not None:
            funding_call_frame_check(funding_call=self.instance, budget_frame=frame)
        return frame


@admin.register(FundingCall)
class FundingCallAdmin(HistoryAdmin):
    """Each call with its budget: the frame, what is recommended, granted and paid, and what
    is left of the frame to grant."""

    list_display = [
        "title",
        "programme",
        "opens_at",
        "closes_at",
        "budget",
        "recommended",
        "granted",
        "paid",
        "left",
        "is_published",
    ]
    form = FundingCallForm
    list_filter = ["is_published", "programme"]
    list_select_related = ["programme"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["focus_areas"]
    date_hierarchy = "closes_at"
    inlines = [AssessmentCriterionInline]
    fieldsets = [
        (None, {"fields": ["programme", "title", "slug", "is_published"]}),
        (_("Frist"), {"fields": ["opens_at", "closes_at"]}),
        (_("Økonomi"), {"fields": ["budget_frame", "max_amount", "max_share_percent"]}),
        (_("Innhold"), {"fields": ["description", "focus_areas"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_budget()

    def save_related(self, request, form, formsets, change):
        """A new call gets the programme's standard criteria besides its own (those first)."""
        super().save_related(request, form, formsets, change)
        if not change:
            funding_call_add_standard_criteria(funding_call=form.instance)

    budget = money_column("budget_frame", _("ramme"))
    recommended = money_column("recommended_sum", _("anbefalt"))
    granted = money_column("granted_sum", _("innvilget"))
    paid = money_column("paid_sum", _("utbetalt"))
    left = money_column("left_sum", _("gjenstår av rammen"))
