"""The applicant's payment requests: the list on the follow-up page, a new request with its cost
statement and documentation, a request as it was sent and handled, and its files."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from hamarregion.formatting import format_date
from hamarregion.ui import add_service_error, has_errors, service_error_message
from projects.forms import AttachmentForm
from projects.permissions import is_member_of
from projects.views.attachments import private_file_response

from ..forms.payment_requests import PaymentRequestForm
from ..models import PaymentRequest
from ..services import (
    payment_request_attachment_add,
    payment_request_refusal,
    payment_request_submit,
    requestable_amount,
)
from .access import follow_up_crumbs, granted_application


def payment_requests_context(user, application) -> dict:
    """The follow-up page's part on payments: the requests, what is left, and whether the user
    may ask for a payment now (or why not)."""
    requests = application.payment_requests.select_related("payment").order_by(
        "-submitted_at", "-pk"
    )
    refusal = payment_request_refusal(application=application)
    return {
        "payment_requests": list(requests),
        "may_request_payment": is_member_of(user, application.lead_municipality),
        "payment_request_refusal": service_error_message(refusal) if refusal else "",
        "granted_amount": application.granted_amount(),
        "paid_amount": application.paid_amount(),
        "pending_amount": application.payment_requests.pending_amount(),
        "requestable_amount": max(requestable_amount(application), 0),
    }


class PaymentRequestCreateView(LoginRequiredMixin, View):
    """A new payment request: the lead municipality's people, while a payment can be asked."""

    template_name = "grants/payment_requests/payment_request_form.html"

    def setup_application(self, request, pk):
        application = granted_application(request, pk)
        if not is_member_of(request.user, application.lead_municipality):
            raise PermissionDenied
        return application

    def form(self, application, data=None, files=None):
        return PaymentRequestForm(
            data,
            files,
            cost_lines=application.cost_lines.all(),
            available=max(requestable_amount(application), 0),
        )

    def render_form(self, request, application, form):
        context = {
            "application": application,
            "form": form,
            "has_errors": has_errors(form),
            "breadcrumbs": follow_up_crumbs(application, here=_("Ny utbetalingsanmodning")),
        }
        return render(request, self.template_name, context)

    def refused(self, request, application, refusal):
        messages.error(request, service_error_message(refusal))
        return redirect("grants:follow-up", pk=application.pk)

    def get(self, request, pk):
        application = self.setup_application(request, pk)
        refusal = payment_request_refusal(application=application)
        if refusal is not None:
            return self.refused(request, application, refusal)
        return self.render_form(request, application, self.form(application))

    def post(self, request, pk):
        application = self.setup_application(request, pk)
        form = self.form(application, request.POST, request.FILES)
        if form.is_valid():
            try:
                payment_request = payment_request_submit(
                    application=application,
                    user=request.user,
                    kind=form.cleaned_data["kind"],
                    amount=form.cleaned_data["amount"],
                    spent=form.spent(),
                    comment=form.cleaned_data["comment"],
                    attachments=form.cleaned_data["attachments"],
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    return self.refused(request, application, error)
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Utbetalingsanmodningen er sendt. Sekretariatet har fått beskjed."),
                )
                return redirect(payment_request)
        return self.render_form(request, application, form)


def visible_payment_request(request, pk, request_pk) -> PaymentRequest:
    application = granted_application(request, pk)
    return get_object_or_404(
        PaymentRequest.objects.select_related("payment", "handled_by", "submitted_by").filter(
            application=application
        ),
        pk=request_pk,
    )


def render_payment_request(request, payment_request, *, upload=None):
    """A payment request as it was sent and handled; while it is pending, its applicant may add
    documentation."""
    application = payment_request.application
    may_add_files = payment_request.is_pending and is_member_of(
        request.user, application.lead_municipality
    )
    context = {
        "application": application,
        "payment_request": payment_request,
        "statement_lines": list(payment_request.statement_lines.all()),
        "attachments": list(payment_request.attachments.all()),
        "attachment_form": (upload or AttachmentForm()) if may_add_files else None,
        "has_errors": has_errors(upload),
        "breadcrumbs": follow_up_crumbs(
            application,
            here=_("%(kind)s, sendt %(date)s")
            % {
                "kind": payment_request.get_kind_display(),
                "date": format_date(payment_request.submitted_at),
            },
        ),
    }
    return render(request, "grants/payment_requests/payment_request_detail.html", context)


class PaymentRequestDetailView(LoginRequiredMixin, View):
    def get(self, request, pk, request_pk):
        return render_payment_request(request, visible_payment_request(request, pk, request_pk))


class PaymentRequestAttachmentUploadView(LoginRequiredMixin, View):
    """One more file for a pending request, from its page."""

    def post(self, request, pk, request_pk):
        payment_request = visible_payment_request(request, pk, request_pk)
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                payment_request_attachment_add(
                    request=payment_request,
                    user=request.user,
                    uploaded_file=form.cleaned_data["file"],
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    messages.error(request, service_error_message(error))
                    return redirect(payment_request)
                add_service_error(form, error)
            else:
                messages.success(request, _("Vedlegget er lastet opp."))
                return redirect(payment_request)
        return render_payment_request(request, payment_request, upload=form)


class PaymentRequestAttachmentView(LoginRequiredMixin, View):
    """A payment request's file, for the lead municipality's people and the secretariat."""

    def get(self, request, pk, request_pk, attachment_pk):
        payment_request = visible_payment_request(request, pk, request_pk)
        attachment = get_object_or_404(payment_request.attachments, pk=attachment_pk)
        return private_file_response(attachment)
