from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hamarregion.formatting import format_nok
from programme.admin import HistoryAdmin

from ..models import FundingCall
from ..services import funding_call_frame_check


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
    fieldsets = [
        (None, {"fields": ["programme", "title", "slug", "is_published"]}),
        (_("Frist"), {"fields": ["opens_at", "closes_at"]}),
        (_("Økonomi"), {"fields": ["budget_frame", "max_amount", "max_share_percent"]}),
        (_("Innhold"), {"fields": ["description", "focus_areas"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_budget()

    @admin.display(description=_("ramme"), ordering="budget_frame")
    def budget(self, obj):
        return format_nok(obj.budget_frame)

    @admin.display(description=_("anbefalt"), ordering="recommended_sum")
    def recommended(self, obj):
        return format_nok(obj.recommended_sum)

    @admin.display(description=_("innvilget"), ordering="granted_sum")
    def granted(self, obj):
        return format_nok(obj.granted_sum)

    @admin.display(description=_("utbetalt"), ordering="paid_sum")
    def paid(self, obj):
        return format_nok(obj.paid_sum)

    @admin.display(description=_("gjenstår av rammen"), ordering="left_sum")
    def left(self, obj):
        return format_nok(obj.left_sum)
