"""The secretariat's pages for a grant in admin: registering a payment, moving the deadline for
accepting the grant, and the decision letter's preview. Mixed into the application's admin
beside CaseViewsMixin, whose case_page and refused they use."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from hamarregion.formatting import format_date, format_nok
from hamarregion.ui import add_service_error, service_error_message

from ..permissions import is_secretariat
from ..services import acceptance_deadline_move, payment_refusal, payment_register
from ..services.acceptance import WAITING_STATES
from ..services.documents import decision_letter_context, latest_decision_letter
from .case_views import case_application, change_url
from .forms import AcceptanceDeadlineForm, PaymentForm


class GrantViewsMixin:
    def payment_view(self, request, pk):
        if not is_secretariat(request.user):
            raise PermissionDenied
        application = case_application(pk)
        # The form is not shown for an application that cannot be paid; a post is refused by
        # the service.
        if request.method != "POST":
            refusal = payment_refusal(application=application)
            if refusal is not None:
                return self.refused(request, application, service_error_message(refusal))
        form = PaymentForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                payment = payment_register(
                    application=application, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    return self.refused(request, application, service_error_message(error))
                add_service_error(form, error)
            else:
                application = case_application(pk)
                self.message_user(
                    request,
                    _("Utbetalingen på %(amount)s er registrert. Gjenstår av tilsagnet: %(left)s.")
                    % {
                        "amount": format_nok(payment.amount),
                        "left": format_nok(application.remaining_amount()),
                    },
                    messages.SUCCESS,
                )
                return redirect(change_url(application))
        return self.case_page(
            request,
            "admin/projects/application/payment.html",
            application,
            title=_("Registrer utbetaling"),
            form=form,
            payments=list(application.payments.all()),
            granted=application.granted_amount(),
            paid=application.paid_amount(),
            remaining=application.remaining_amount(),
        )

    def acceptance_deadline_view(self, request, pk):
        """The secretariat gives the applicant more time to accept the grant."""
        if not is_secretariat(request.user):
            raise PermissionDenied
        application = case_application(pk)
        decision = application.decision_or_none()
        # The form is not shown once the grant is accepted; a post is refused by the service.
        if request.method != "POST" and application.status not in WAITING_STATES:
            return self.refused(
                request,
                application,
                _("Fristen for aksept kan bare flyttes mens tilsagnet venter på aksept."),
            )
        form = AcceptanceDeadlineForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                decision = acceptance_deadline_move(
                    application=application,
                    user=request.user,
                    acceptance_due_on=form.cleaned_data["acceptance_due_on"],
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    return self.refused(request, application, service_error_message(error))
                add_service_error(form, error)
            else:
                self.message_user(
                    request,
                    _("Fristen for aksept er flyttet til %(due)s. Søkeren har fått e-post.")
                    % {"due": format_date(decision.acceptance_due_on)},
                    messages.SUCCESS,
                )
                return redirect(change_url(application))
        return self.case_page(
            request,
            "admin/projects/application/acceptance_deadline.html",
            application,
            title=_("Flytt fristen for aksept"),
            form=form,
            decision=decision,
        )

    def decision_letter_view(self, request, pk):
        if not is_secretariat(request.user):
            raise PermissionDenied
        application = case_application(pk)
        decision = application.decision_or_none()
        if decision is None:
            raise Http404(_("Søknaden har ikke noe vedtak ennå."))
        # The preview counts the appeal deadline from the day the letter was sent, or would be.
        letter = latest_decision_letter(application)
        sent_on = timezone.localdate(letter.created_at if letter else None)
        context = decision_letter_context(application, sent_on=sent_on)
        del context["application"]  # the page's own: "original"
        return self.case_page(
            request,
            "admin/projects/application/decision_letter.html",
            application,
            title=f"{decision.letter_title()} – {application.title}",
            **context,
        )
