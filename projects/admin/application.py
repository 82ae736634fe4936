from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.urls import path
from django.utils.translation import gettext_lazy as _

from hamarregion.admin.columns import money_column
from hamarregion.admin.history import HistoryAdmin
from programme.admin_filters import FocusAreaFilter

from ..models import Application, CostLine, FundingLine
from ..permissions import is_council_member, is_secretariat
from ..selectors import search
from ..workflow import OPEN_CASE_STATES
from .assessment import AssessmentViewsMixin, assessment_context
from .case_handler_views import CaseHandlerViewsMixin
from .case_views import CaseViewsMixin, case_application, case_context
from .correspondence import CorrespondenceViewsMixin, correspondence_context
from .export import CsvExportMixin
from .filters import CaseHandlerFilter, SubmittedYearFilter
from .grant_views import GrantViewsMixin


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CostLineInline(ReadOnlyInline):
    model = CostLine
    fields = ["item", "amount"]


class FundingLineInline(ReadOnlyInline):
    model = FundingLine
    fields = ["source", "description", "amount"]


def plain_field(entry):
    """A field of the case page as a council member reads it (ApplicationAdmin.get_fieldsets)."""
    if isinstance(entry, tuple):
        return tuple(plain_field(field) for field in entry)
    return ApplicationAdmin.COUNCIL_PLAIN_FIELDS.get(entry, entry)


@admin.register(Application)
class ApplicationAdmin(
    AssessmentViewsMixin,
    CaseHandlerViewsMixin,
    CaseViewsMixin,
    CorrespondenceViewsMixin,
    GrantViewsMixin,
    CsvExportMixin,
    HistoryAdmin,
):
    """The change page is the case view: the application as submitted, read-only, with the
    case around it (recommendation, decision, payments, final report, the call's budget). The
    status changes only through the workflow buttons, each a page of its own that calls the
    services.

    Council members see the open cases only, read-only, and none of the secretariat's pages."""

    list_display = [
        "title",
        "lead_municipality",
        "funding_call",
        "status",
        "handler",
        "submitted_at",
        "applied",
        "recommended",
        "granted",
    ]
    list_filter = [
        "funding_call",
        "status",
        CaseHandlerFilter,
        "lead_municipality",
        ("focus_areas", FocusAreaFilter),
        SubmittedYearFilter,
    ]
    list_select_related = ["lead_municipality", "funding_call", "case_handler"]
    # The box searches as the catalogue does (get_search_results): these fields are what
    # Django's own search would read, and what makes the admin show the box.
    search_fields = ["title", "summary", "lead_municipality__name"]
    # A year is picked with SubmittedYearFilter, not date_hierarchy (filters.py says why). The
    # count of all applications next to the filtered count would be a second COUNT over the
    # whole table on every page; the list shows the filtered count and a link to all.
    show_full_result_count = False
    # Attachments and the timeline follow the plans, in the case view
    # (templates/admin/projects/application/includes/case.html).
    inlines = [CostLineInline, FundingLineInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "status",
                    "handler",
                    "funding_call",
                    "lead_municipality",
                    "summary",
                ]
            },
        ),
        (
            _("Samarbeid og kontakt"),
            {
                "fields": [
                    "partner_municipalities",
                    "partner_organisations",
                    ("project_leader_name", "project_leader_email", "project_leader_phone"),
                    ("contact_name", "contact_email", "contact_phone"),
                ]
            },
        ),
        (
            _("Prosjektet"),
            {
                "fields": [
                    "phase",
                    ("start_date", "end_date"),
                    "background",
                    "main_goal",
                    "sub_goals",
                    "expected_results",
                    "target_group",
                    "anchoring",
                    "organisation",
                ]
            },
        ),
        (
            _("Handlingsprogrammet"),
            {"fields": ["focus_areas", "sub_themes", "sustainable_development_goals"]},
        ),
        (
            _("Historikk"),
            {"fields": ["created_by", "created_at", "updated_at", "submitted_at"]},
        ),
    ]

    def get_queryset(self, request):
        return self.applications_visible_to(request).with_amounts()

    def get_search_results(self, request, queryset, search_term):
        """The catalogue's search (title, summary, the owner's and the partners' names; on
        PostgreSQL Norwegian full text through its index), so that the secretariat finds what
        the public finds. It returns each application once."""
        if not search_term.strip():
            return queryset, False
        return search(queryset, search_term), False

    def applications_visible_to(self, request):
        """The applications the user may see here, without the sums: the secretariat all of
        them, a council member the open cases. SubmittedYearFilter reads its MIN and MAX here:
        the joins of the sums would keep PostgreSQL from reading them off the ends of an index."""
        queryset = super().get_queryset(request)
        if is_secretariat(request.user):
            return queryset
        if is_council_member(request.user):
            return queryset.filter(status__in=OPEN_CASE_STATES)
        return queryset.none()

    # Django draws a read-only relation as a link to the related object's admin page, without
    # asking whether the reader may open it: a council member is shown the names as text.
    COUNCIL_PLAIN_FIELDS = {
        "funding_call": "funding_call_text",
        "lead_municipality": "lead_municipality_text",
        "created_by": "created_by_text",
    }

    def get_fieldsets(self, request, obj=None):
        if is_secretariat(request.user):
            return self.fieldsets
        return [
            (name, {**options, "fields": [plain_field(entry) for entry in options["fields"]]})
            for name, options in self.fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        return [
            field
            for fieldset in self.get_fieldsets(request, obj)
            for entry in fieldset[1]["fields"]
            for field in (entry if isinstance(entry, tuple) else (entry,))
        ]

    @admin.display(description=Application._meta.get_field("funding_call").verbose_name)
    def funding_call_text(self, obj):
        return str(obj.funding_call)

    @admin.display(description=Application._meta.get_field("lead_municipality").verbose_name)
    def lead_municipality_text(self, obj):
        return str(obj.lead_municipality)

    @admin.display(description=Application._meta.get_field("created_by").verbose_name)
    def created_by_text(self, obj):
        person = obj.created_by
        return (person.get_full_name() or person.get_username()) if person else "-"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_history_or_change_history_permission(self, request, obj=None):
        return is_secretariat(request.user)

    @admin.display(description=_("saksbehandler"), ordering="case_handler__first_name")
    def handler(self, application):
        person = application.case_handler
        return (person.get_full_name() or person.get_username()) if person else None

    applied = money_column("applied_sum", _("søknadsbeløp"))
    recommended = money_column("recommended_sum", _("anbefalt"))
    granted = money_column("granted_sum", _("innvilget"))

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "eksport/csv/",
                view(self.export_csv_view),
                name="projects_application_export_csv",
            ),
            path(
                "<int:pk>/behandle/<str:action>/",
                view(self.transition_view),
                name="projects_application_transition",
            ),
            path(
                "<int:pk>/vurdering/",
                view(self.assessment_view),
                name="projects_application_assessment",
            ),
            path(
                "<int:pk>/utbetaling/",
                view(self.payment_view),
                name="projects_application_payment",
            ),
            path(
                "<int:pk>/aksept-frist/",
                view(self.acceptance_deadline_view),
                name="projects_application_acceptance_deadline",
            ),
            path(
                "<int:pk>/vedtaksbrev/",
                view(self.decision_letter_view),
                name="projects_application_decision_letter",
            ),
            *self.correspondence_urls(view),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "is_secretariat": is_secretariat(request.user)}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if self.get_object(request, unquote(object_id)) is not None:
            application = case_application(unquote(object_id))
            extra_context.update(case_context(request, application))
            extra_context.update(assessment_context(request, application))
            extra_context.update(correspondence_context(request, application))
        return super().change_view(request, object_id, form_url, extra_context)
