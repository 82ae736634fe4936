"""The application's edit page, the one form that holds every field and both plans, and what
the steps share with it: who may edit, the plans' rules for the browser, the upload that
stores the typed fields first."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from hamarregion.ui import add_service_error, has_errors

from ..file_types import MAX_ATTACHMENTS_PER_APPLICATION
from ..forms import (
    ApplicationForm,
    AttachmentForm,
    CostLineFormSet,
    FundingLineFormSet,
    SubmitConfirmationForm,
    line_values,
)
from ..models import Attachment, FundingLine
from ..permissions import can_edit_application
from ..services import (
    PLAN_RULES,
    TransitionNotAllowed,
    application_save_draft,
    attachment_add,
)
from ..workflow import State
from .applications import application_crumb, my_applications_crumb, visible_application


class EditableApplicationMixin(LoginRequiredMixin):
    """The application, if the user may see it (404 otherwise) and edit it (else to its page)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.application = visible_application(request, kwargs["pk"])
        if not can_edit_application(request.user, self.application):
            return self.not_editable(request)
        return super().dispatch(request, *args, **kwargs)

    def not_editable(self, request):
        if self.application.status == State.SUBMITTED:
            messages.info(request, _("Søknaden er sendt inn og kan ikke endres."))
        else:
            messages.error(request, _("Du kan ikke endre denne søknaden."))
        return redirect(self.application)


def plan_rules(application) -> dict:
    """What static/js/line-tables.js needs to check the plans as the applicant types: the
    call's limits and the messages application_submission_errors gives."""
    call = application.funding_call
    return {
        "max_amount": call.max_amount,
        "max_share_percent": call.max_share_percent,
        "council": FundingLine.Source.COUNCIL,
        "messages": {code: str(message) for code, message in PLAN_RULES.items()},
        "ok": _("Planene går i balanse, og søknadsbeløpet er innenfor utlysningens grenser."),
        "totals": _(
            "Kostnader %(cost)s, finansiering %(funding)s, herav søknadsbeløp %(applied)s."
        ),
    }


def render_edit_page(
    request,
    application,
    *,
    form=None,
    cost=None,
    funding=None,
    upload=None,
    confirmation=None,
    saved=False,
):
    """The application form, its two tables and its attachments on one page."""
    context = {
        "application": application,
        "form": form or ApplicationForm(instance=application),
        "cost_formset": cost or CostLineFormSet(instance=application, prefix="cost"),
        "funding_formset": funding or FundingLineFormSet(instance=application, prefix="funding"),
        "attachment_form": upload or AttachmentForm(),
        "confirmation_form": confirmation or SubmitConfirmationForm(),
        "attachments": application.attachments.filter(kind=Attachment.Kind.APPLICATION),
        "max_attachments": MAX_ATTACHMENTS_PER_APPLICATION,
        "plan_rules": plan_rules(application),
        "breadcrumbs": [
            my_applications_crumb(),
            application_crumb(application),
            (_("Rediger"), None),
        ],
        # The error summary says nothing was stored: not so when the draft was, and only the
        # file refused (its message is at the field).
        "has_errors": not saved and has_errors(form, cost, funding, upload, confirmation),
    }
    return render(request, "projects/application_form.html", context)


def bind_edit_forms(request, application):
    return (
        ApplicationForm(request.POST, instance=application),
        CostLineFormSet(request.POST, instance=application, prefix="cost"),
        FundingLineFormSet(request.POST, instance=application, prefix="funding"),
    )


class ApplicationEditView(EditableApplicationMixin, View):
    """The whole application on one page: works without JavaScript."""

    def get(self, request, pk):
        return render_edit_page(request, self.application)

    def post(self, request, pk):
        application = self.application
        form, cost, funding = bind_edit_forms(request, application)
        uploading = "upload" in request.POST
        submitting = "submit" in request.POST and not uploading
        confirmation = SubmitConfirmationForm(request.POST) if submitting else None
        if not all(f.is_valid() for f in (form, cost, funding, confirmation) if f is not None):
            if uploading:
                messages.error(request, UPLOAD_NOT_DONE)
            return render_edit_page(
                request,
                application,
                form=form,
                cost=cost,
                funding=funding,
                confirmation=confirmation,
            )
        try:
            application_save_draft(
                application=application,
                user=request.user,
                values=form.cleaned_data,
                cost_lines=line_values(cost),
                funding_lines=line_values(funding),
                submit=submitting,
            )
        except ValidationError as error:
            add_service_error(form, error, tables={"cost_lines": cost, "funding_lines": funding})
            if submitting:
                messages.error(request, NOT_SUBMITTED)
            elif uploading:
                messages.error(request, UPLOAD_NOT_DONE)
            return render_edit_page(request, application, form=form, cost=cost, funding=funding)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(application)
        if submitting:
            messages.success(request, _("Søknaden er sendt inn. Sekretariatet har fått beskjed."))
            return redirect(application)
        if uploading:
            # The draft is stored first: what was typed is kept whatever becomes of the file.
            upload = upload_attachment(request, application)
            if upload is not None:
                messages.info(request, _("Utkastet er lagret, men vedlegget er ikke lastet opp."))
                application.refresh_from_db()
                return render_edit_page(request, application, upload=upload, saved=True)
            messages.success(request, _("Utkastet er lagret, og vedlegget er lastet opp."))
            return redirect(
                reverse("projects:application-edit", args=[application.pk]) + "#vedlegg"
            )
        messages.success(request, _("Utkastet er lagret."))
        return redirect("projects:application-edit", pk=application.pk)


NOT_SUBMITTED = gettext_lazy("Søknaden er ikke sendt inn. Rett feilene som er merket.")
UPLOAD_NOT_DONE = gettext_lazy(
    "Ingenting er lagret, og vedlegget er ikke lastet opp. Rett feilene som er merket, og velg "
    "filen på nytt."
)


def upload_attachment(request, application):
    """Attach the file sent with the page: None when it is stored, else the upload form with
    what is wrong at its field."""
    upload = AttachmentForm(request.POST, request.FILES)
    if upload.is_valid():
        try:
            attachment_add(
                application=application,
                user=request.user,
                uploaded_file=upload.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_error(upload, error)
        else:
            return None
    return upload
