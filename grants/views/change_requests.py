"""The change requests on the follow-up page, and the page where the applicant asks for one
kind of change."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from hamarregion.ui import add_service_error, has_errors, service_error_message
from projects.permissions import is_member_of

from ..forms.change_requests import BudgetChangeForm, EndDateChangeForm, ProjectLeaderChangeForm
from ..models import ChangeRequest
from ..permissions import can_follow_up
from ..services.change_requests import (
    change_request_refusal,
    change_request_submit,
)
from .access import follow_up_crumbs, granted_application

Kind = ChangeRequest.Kind

# The address of each kind's page, and its form.
KIND_SLUGS = {
    "sluttdato": Kind.END_DATE,
    "budsjett": Kind.BUDGET,
    "prosjektleder": Kind.PROJECT_LEADER,
}
FORMS = {
    Kind.END_DATE: EndDateChangeForm,
    Kind.BUDGET: BudgetChangeForm,
    Kind.PROJECT_LEADER: ProjectLeaderChangeForm,
}


def change_requests_context(user, application) -> dict:
    requests = list(
        application.change_requests.prefetch_related(
            "budget_lines__cost_line", "budget_lines__funding_line"
        )
    )
    may_ask = can_follow_up(user, application)
    return {
        "change_requests": [
            (change_request, change_request.letter()) for change_request in requests
        ],
        "change_kinds": [
            (Kind(kind).label, reverse("grants:change-request", args=[application.pk, slug]))
            for slug, kind in KIND_SLUGS.items()
        ]
        if may_ask
        else [],
    }


class ChangeRequestView(LoginRequiredMixin, View):
    """The applicant of the owning municipality asks for a change while the project can change
    (the page says why not, otherwise); others who may see the project get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.application = granted_application(request, kwargs["pk"])
        if kwargs["kind"] not in KIND_SLUGS:
            raise Http404
        self.kind = KIND_SLUGS[kwargs["kind"]]
        if not is_member_of(request.user, self.application.lead_municipality):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        return FORMS[self.kind](data, application=self.application)

    def get(self, request, pk, kind):
        return self.render_page(request, self.form())

    def post(self, request, pk, kind):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_page(request, form)
        try:
            change_request_submit(
                application=self.application,
                user=request.user,
                kind=self.kind,
                justification=form.cleaned_data["justification"],
                **form.change(),
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, service_error_message(error))
                return redirect("grants:follow-up", pk=self.application.pk)
            if isinstance(form, BudgetChangeForm):
                for key in form.table_errors:
                    form.table_errors[key] = ValidationError(error.error_dict.get(key, [])).messages
            add_service_error(form, error)
            return self.render_page(request, form)
        messages.success(
            request,
            _("Endringssøknaden er sendt. Sekretariatet har fått beskjed og svarer dere her."),
        )
        return redirect("grants:follow-up", pk=self.application.pk)

    def render_page(self, request, form):
        title = Kind(self.kind).label
        context = {
            "application": self.application,
            "kind": self.kind,
            "title": title,
            "form": form,
            "refusal": change_request_refusal(application=self.application, kind=self.kind),
            "has_errors": has_errors(form),
            "breadcrumbs": follow_up_crumbs(
                self.application, here=_("Endringssøknad: %(kind)s") % {"kind": title}
            ),
        }
        return render(request, "grants/change_requests/change_request_form.html", context)
