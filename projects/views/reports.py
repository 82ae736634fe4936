"""The applicant's follow-up of a granted project: accepting the grant, registering that the
project has started, and the final report (sluttrapport) with its attachments."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from hamarregion.ui import add_service_error, has_errors, service_error_message

from ..file_types import MAX_ATTACHMENTS_PER_APPLICATION
from ..forms import AttachmentForm
from ..forms_reports import FinalReportForm, GrantAcceptanceForm
from ..models import Attachment
from ..permissions import can_write_report, is_member_of
from ..services import (
    TransitionNotAllowed,
    application_transition,
    final_report_save,
    grant_accept,
)
from ..workflow import Action
from .applications import (
    ApplicationDetailView,
    application_crumb,
    my_applications_crumb,
    visible_application,
)
from .follow_up import report_return_request


def render_report_page(request, application, *, form=None, upload=None):
    """The final report: a form while the applicant may write it, otherwise read-only."""
    editable = can_write_report(request.user, application)
    report = application.final_report_or_none()
    attachments = application.attachments.filter(kind=Attachment.Kind.FINAL_REPORT)
    context = {
        "application": application,
        "decision": application.decision_or_none(),
        "report": report,
        "editable": editable,
        "is_applicant": is_member_of(request.user, application.lead_municipality),
        "form": (form or FinalReportForm.for_report(report)) if editable else None,
        "attachment_form": upload or AttachmentForm(),
        "attachments": attachments,
        "max_attachments": MAX_ATTACHMENTS_PER_APPLICATION,
        "report_return": report_return_request(application),
        "total_cost": application.total_cost(),
        "breadcrumbs": [
            my_applications_crumb(),
            application_crumb(application),
            (_("Sluttrapport"), None),
        ],
        "has_errors": has_errors(form, upload),
    }
    return render(request, "projects/report_form.html", context)


class FinalReportView(LoginRequiredMixin, View):
    """The final report page: written by the owning municipality while the project is under way,
    read by them and by the secretariat otherwise."""

    def get(self, request, pk):
        application = visible_application(request, pk)
        return render_report_page(request, application)

    def post(self, request, pk):
        application = visible_application(request, pk)
        form = FinalReportForm(request.POST)
        submitting = "submit" in request.POST
        if not form.is_valid():
            return render_report_page(request, application, form=form)
        try:
            # The service's transaction: a submission that fails its rules stores nothing.
            final_report_save(
                application=application,
                user=request.user,
                results=form.cleaned_data["results"],
                actual_cost=form.cleaned_data["actual_cost"],
                cost_comment=form.cleaned_data["cost_comment"],
                submit=submitting,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, service_error_message(error))
                return redirect("projects:final-report", pk=application.pk)
            add_service_error(form, error)
            messages.error(
                request, _("Sluttrapporten er ikke sendt inn. Rett feilene som er merket.")
            )
            return render_report_page(request, application, form=form)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(application)
        if submitting:
            messages.success(
                request, _("Sluttrapporten er sendt inn. Sekretariatet har fått beskjed.")
            )
            return redirect(application)
        messages.success(request, _("Sluttrapporten er lagret."))
        return redirect("projects:final-report", pk=application.pk)


class ProjectStartView(LoginRequiredMixin, View):
    """The applicant registers that a granted project has started (workflow: start_project)."""

    action = Action.START_PROJECT

    def post(self, request, pk):
        application = visible_application(request, pk)
        try:
            application_transition(application=application, action=self.action, user=request.user)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(application)
        messages.success(
            request,
            _(
                "Prosjektet er registrert som startet. Sluttrapporten skriver dere her når "
                "prosjektet er ferdig."
            ),
        )
        return redirect(application)


class GrantAcceptView(ApplicationDetailView):
    """The applicant accepts the grant and its conditions from the application's page, where a
    refused form is shown again with its errors. Only the lead municipality's people accept: the
    secretariat cannot accept on its behalf."""

    http_method_names = ["post"]

    def post(self, request, pk):
        self.load(request, pk)
        application = self.application
        if not is_member_of(request.user, application.lead_municipality):
            raise PermissionDenied
        form = GrantAcceptanceForm(request.POST)
        # The service is asked even without the checkbox: a grant that can no longer be
        # accepted is refused as such, with its reason, before the box is asked for.
        confirmed = form.is_valid() and form.cleaned_data["confirmed"]
        try:
            grant_accept(application=application, user=request.user, confirmed=confirmed)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, service_error_message(error))
                return redirect(application)
            if form.is_valid():
                add_service_error(form, error)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(application)
        else:
            messages.success(
                request,
                _(
                    "Tilsagnet og vilkårene er akseptert. Sekretariatet har fått beskjed, og "
                    "tilskuddet kan nå utbetales."
                ),
            )
            return redirect(application)
        return self.render_to_response(self.get_context_data(acceptance_form=form))
