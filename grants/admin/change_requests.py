"""The change requests for the secretariat: read-only lists and pages, and the decision page,
which approves (and makes the change) or rejects through grants.services."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamarregion.ui import add_service_error, service_error_message
from projects.admin.case_records import SecretariatReadOnly
from projects.permissions import is_secretariat

from ..forms.change_requests import ChangeDecisionForm
from ..models import BudgetChangeLine, ChangeRequest
from ..services.change_requests import change_request_decide


class BudgetChangeLineInline(admin.TabularInline):
    model = BudgetChangeLine
    fields = ["line", "previous_amount", "new_amount"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user)

    @admin.display(description=gettext_lazy("linje"))
    def line(self, obj):
        return obj.line


@admin.register(ChangeRequest)
class ChangeRequestAdmin(SecretariatReadOnly, admin.ModelAdmin):
    list_display = ["case", "kind", "status", "submitted_at", "decided_at"]
    list_select_related = ["application"]
    inlines = [BudgetChangeLineInline]
    list_filter = ["status", "kind"]
    date_hierarchy = "submitted_at"
    readonly_fields = [
        "application",
        "kind",
        "status",
        "what",
        "justification",
        "previous_end_date",
        "new_end_date",
        "project_leader_name",
        "project_leader_email",
        "project_leader_phone",
        "submitted_by",
        "submitted_at",
        "decided_by",
        "decided_at",
        "decision_reason",
        "decision",
    ]
    # The fields of the other kinds of change are left out of a request's page.
    FIELDS_OF_KIND = {
        ChangeRequest.Kind.END_DATE: ["previous_end_date", "new_end_date"],
        ChangeRequest.Kind.PROJECT_LEADER: [
            "project_leader_name",
            "project_leader_email",
            "project_leader_phone",
        ],
    }

    def get_fields(self, request, obj=None):
        others = {
            name
            for kind, names in self.FIELDS_OF_KIND.items()
            if obj is None or kind != obj.kind
            for name in names
        }
        return [name for name in self.readonly_fields if name not in others]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None and obj.kind == ChangeRequest.Kind.BUDGET else []

    @admin.display(description=gettext_lazy("endring"))
    def what(self, obj):
        return obj.summary()

    @admin.display(description=gettext_lazy("vedtak"))
    def decision(self, obj):
        if obj.is_pending:
            url = reverse("admin:grants_changerequest_decide", args=[obj.pk])
            return format_html('<a class="button" href="{}">{}</a>', url, _("Avgjør søknaden"))
        letter = obj.letter()
        if letter is None:
            return obj.get_status_display()
        return format_html(
            '{} · <a href="{}">{}</a>',
            obj.get_status_display(),
            letter.get_absolute_url(),
            letter.get_kind_display(),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/vedtak/",
                self.admin_site.admin_view(self.decide_view),
                name="grants_changerequest_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id):
        if not is_secretariat(request.user):
            raise PermissionDenied
        change_request = self.get_object(request, unquote(object_id))
        if change_request is None:
            raise Http404
        change_url = reverse("admin:grants_changerequest_change", args=[change_request.pk])
        if not change_request.is_pending:
            self.message_user(request, _("Endringssøknaden er allerede avgjort."), messages.ERROR)
            return redirect(change_url)
        form = ChangeDecisionForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                change_request_decide(
                    change_request=change_request,
                    user=request.user,
                    approve=form.approves(),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict") or not set(error.error_dict) <= {"reason"}:
                    # The change no longer fits the project (say, the plans changed since): the
                    # request stays pending, and the message says why.
                    self.message_user(request, service_error_message(error), messages.ERROR)
                    return redirect(change_url)
                add_service_error(form, error)
            else:
                self.message_user(
                    request,
                    _("Endringssøknaden for «%(title)s» er %(status)s.")
                    % {
                        "title": change_request.application,
                        "status": ChangeRequest.Status(form.cleaned_data["decision"]).label.lower(),
                    },
                    messages.SUCCESS,
                )
                return redirect(change_url)
        return TemplateResponse(
            request,
            "admin/grants/changerequest/decide.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": change_request,
                "change_url": change_url,
                "title": _("Avgjør endringssøknad"),
                "form": form,
                "budget_lines": change_request.budget_lines.select_related(
                    "cost_line", "funding_line"
                ),
            },
        )
