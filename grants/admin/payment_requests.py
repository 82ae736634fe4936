"""The secretariat's payment requests: a list to work from, each request read-only with its cost
statement and files, and a page for each way to handle it that calls grants.services."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamarregion.admin.columns import money_column
from hamarregion.formatting import format_nok
from hamarregion.ui import add_service_error, service_error_message
from projects.admin.application import ReadOnlyInline
from projects.admin.case_records import CaseRecordAdmin
from projects.permissions import is_secretariat

from ..forms.payment_requests import ApprovalForm, ReturnForm
from ..models import CostStatementLine, PaymentRequest
from ..services import payment_request_approve, payment_request_return


class CostStatementLineInline(ReadOnlyInline):
    model = CostStatementLine
    fields = ["item", "planned_amount", "spent"]
    verbose_name_plural = gettext_lazy("Kostnadsoppstilling: brukt så langt per post")


# The ways to handle a pending request: (URL part, button label, whether another amount).
OUTCOMES = {
    "godkjenn": (gettext_lazy("Godkjenn og registrer utbetalingen"), False),
    "juster": (gettext_lazy("Godkjenn et annet beløp"), True),
    "send-tilbake": (gettext_lazy("Send tilbake"), None),
}


@admin.register(PaymentRequest)
class PaymentRequestAdmin(CaseRecordAdmin):
    list_display = [
        "case",
        "kind",
        "status",
        "requested",
        "approved",
        "submitted_at",
        "handled_at",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["application"]
    date_hierarchy = "submitted_at"
    inlines = [CostStatementLineInline]
    fields = [
        "application",
        "kind",
        "status",
        "requested",
        "comment",
        "attachment_links",
        "submitted_by",
        "submitted_at",
        "approved",
        "reason",
        "payment",
        "handled_by",
        "handled_at",
    ]

    requested = money_column("amount", gettext_lazy("beløp det bes om"))
    approved = money_column("approved_amount", gettext_lazy("godkjent beløp"))

    @admin.display(description=gettext_lazy("dokumentasjon"))
    def attachment_links(self, obj):
        attachments = list(obj.attachments.all())
        if not attachments:
            return _("Ingen vedlegg")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                ((attachment.get_absolute_url(), attachment) for attachment in attachments),
            ),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/behandle/<str:outcome>/",
                self.admin_site.admin_view(self.handle_view),
                name="grants_paymentrequest_handle",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and obj.is_pending and is_secretariat(request.user):
            extra_context["handle_links"] = [
                (label, reverse("admin:grants_paymentrequest_handle", args=[obj.pk, outcome]))
                for outcome, (label, _adjusted) in OUTCOMES.items()
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def handle_view(self, request, pk, outcome):
        if outcome not in OUTCOMES or not is_secretariat(request.user):
            raise PermissionDenied
        payment_request = get_object_or_404(
            PaymentRequest.objects.select_related("application__lead_municipality"), pk=pk
        )
        change_url = reverse("admin:grants_paymentrequest_change", args=[pk])
        if not payment_request.is_pending:
            self.message_user(request, _("Anmodningen er allerede behandlet."), messages.ERROR)
            return redirect(change_url)
        label, adjusted = OUTCOMES[outcome]
        data = request.POST if request.method == "POST" else None
        form = ReturnForm(data) if adjusted is None else ApprovalForm(data, adjusted=adjusted)
        if form.is_bound and form.is_valid():
            try:
                self.carry_out(payment_request, request.user, adjusted, form.cleaned_data)
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    self.message_user(request, service_error_message(error), messages.ERROR)
                    return redirect(change_url)
                add_service_error(form, error)
            else:
                self.message_user(request, self.done_message(pk), messages.SUCCESS)
                return redirect(change_url)
        application = payment_request.application
        return TemplateResponse(
            request,
            "admin/grants/paymentrequest/handle.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": payment_request,
                "change_url": change_url,
                "title": label,
                "form": form,
                "application": application,
                "statement_lines": list(payment_request.statement_lines.all()),
                "granted": application.granted_amount(),
                "paid": application.paid_amount(),
                "remaining": application.remaining_amount(),
                "attachments": list(payment_request.attachments.all()),
            },
        )

    @staticmethod
    def carry_out(payment_request, user, adjusted, data) -> None:
        if adjusted is None:
            payment_request_return(request=payment_request, user=user, reason=data["reason"])
            return
        payment_request_approve(
            request=payment_request,
            user=user,
            amount=data["amount"] if adjusted else None,
            reason=data["reason"],
            paid_on=data["paid_on"],
            reference=data["reference"],
        )

    @staticmethod
    def done_message(pk) -> str:
        payment_request = PaymentRequest.objects.get(pk=pk)
        if payment_request.is_paid:
            return _("Utbetalingen på %(amount)s er registrert, og søkeren har fått beskjed.") % {
                "amount": format_nok(payment_request.approved_amount)
            }
        return _("Anmodningen er sendt tilbake, og søkeren har fått beskjed.")
