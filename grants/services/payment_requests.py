"""Payment requests: the applicant asks for a payment with a cost statement, the secretariat
approves it (perhaps with another amount, giving a reason) or returns it with a reason.

An approved request is paid through projects.services.payment_register, which locks the
application and refuses any payment past what is left of the grant: whatever else was paid in
the meantime, the payments never add up to more than the grant.

One request at a time is handled for each grant (a database constraint holds it too). The
secretariat then reads each cost statement against the payments made so far, the applicant
knows what is left to ask for, and two requests cannot together ask for more than remains. A
returned request is closed; the applicant sends a new one.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamarregion.formatting import format_nok
from projects.file_types import MAX_ATTACHMENTS_PER_APPLICATION, clean_display_name
from projects.models import Application
from projects.permissions import is_member_of, is_secretariat
from projects.services import payment_refusal, payment_register
from projects.services.uploads import store_with_file, upload_check
from projects.workflow import REPORT_SENT_IN_STATES

from ..models import CostStatementLine, PaymentRequest, PaymentRequestAttachment
from ..notifications import notify_payment_request_handled, notify_payment_request_submitted

MAX_ATTACHMENTS_PER_REQUEST = MAX_ATTACHMENTS_PER_APPLICATION


def spent_field(cost_line_id: int) -> str:
    """The error key (and form field) of one cost line's amount in the cost statement."""
    return f"spent_{cost_line_id}"


def requestable_amount(application: Application) -> int:
    """What is left to ask for: the grant less what is paid and what pending requests ask."""
    return application.remaining_amount() - application.payment_requests.pending_amount()


def final_payment_refusal(application: Application) -> ValidationError | None:
    """The final payment waits for the final report: sent in, and not back with the applicant."""
    if application.status in REPORT_SENT_IN_STATES:
        return None
    return ValidationError(
        _(
            "Sluttutbetaling kan bare bes om når sluttrapporten er sendt inn. Send inn "
            "sluttrapporten først, eller be om en delutbetaling."
        ),
        code="final_report_missing",
    )


def part_payment_refusal(amount: int, remaining: int) -> ValidationError | None:
    """A part payment leaves something of the grant for the final payment, which waits for
    the final report; otherwise the report would never be needed before the grant is paid."""
    if amount < remaining:
        return None
    return ValidationError(
        _(
            "En delutbetaling kan ikke ta resten av tilskuddet (%(remaining)s). Det siste "
            "utbetales som sluttutbetaling når sluttrapporten er sendt inn."
        )
        % {"remaining": format_nok(remaining)},
        code="part_takes_all",
    )


def payment_request_refusal(*, application: Application) -> ValidationError | None:
    """Why no payment can be requested for the application now, or None. The service refuses
    with it; the page that offers a new request asks it before showing its form."""
    refusal = payment_refusal(application=application)
    if refusal is not None:
        return refusal
    requests = application.payment_requests.all()
    if requests.pending().exists():
        return ValidationError(
            _(
                "En utbetalingsanmodning er allerede til behandling. Du kan sende en ny når "
                "sekretariatet har behandlet den."
            ),
            code="pending",
        )
    if requests.paid().filter(kind=PaymentRequest.Kind.FINAL).exists():
        return ValidationError(
            _("Sluttutbetalingen er godkjent. Det kan ikke bes om flere utbetalinger."),
            code="final_paid",
        )
    if requestable_amount(application) <= 0:
        return ValidationError(_("Hele tilskuddet er utbetalt."), code="fully_paid")
    return None


def _cost_statement_errors(cost_lines, spent: dict) -> dict:
    errors = {}
    if not cost_lines:
        errors["spent"] = _("Kostnadsplanen i søknaden har ingen poster å føre kostnadene på.")
        return errors
    if set(spent) - {line.pk for line in cost_lines}:
        errors["spent"] = _("Kostnadsoppstillingen må følge postene i kostnadsplanen.")
    for line in cost_lines:
        value = spent.get(line.pk)
        if value is None:
            errors[spent_field(line.pk)] = _(
                "Oppgi hvor mye som er brukt på «%(item)s», 0 om ingenting."
            ) % {"item": line.item}
        elif not isinstance(value, int) or value < 0:
            errors[spent_field(line.pk)] = _("Skriv et beløp i hele kroner, 0 eller mer.")
    if not errors and sum(spent.values()) <= 0:
        errors["spent"] = _(
            "Kostnadsoppstillingen viser ingen kostnader. Oppgi hvor mye som er brukt så langt "
            "på hver post i kostnadsplanen."
        )
    return errors


def _checked_uploads(uploads) -> tuple[list, list[str]]:
    """Each upload with its check, and the refusals, each naming its file."""
    checked, refusals = [], []
    if len(uploads) > MAX_ATTACHMENTS_PER_REQUEST:
        refusals.append(
            _("Du kan legge ved høyst %(max)d filer.") % {"max": MAX_ATTACHMENTS_PER_REQUEST}
        )
        return checked, refusals
    for upload in uploads:
        try:
            checked.append((upload, upload_check(upload, field="attachments")))
        except ValidationError as error:
            name = clean_display_name(upload.name or "")
            refusals.extend(f"{name}: {message}" for message in error.messages)
    return checked, refusals


def _store_attachments(request: PaymentRequest, checked, user) -> None:
    """Store the files; a failure removes those already stored, as the transaction rolls back
    their rows."""
    stored = []
    try:
        for upload, check in checked:
            attachment = PaymentRequestAttachment(request=request, uploaded_by=user)
            stored.append(store_with_file(attachment, upload, check))
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise


@transaction.atomic
def payment_request_submit(
    *,
    application: Application,
    user,
    kind: str,
    amount: int,
    spent: dict[int, int],
    comment: str = "",
    attachments=(),
) -> PaymentRequest:
    """The applicant's request for a payment: `spent` maps each cost line's id of the approved
    plan to what has been spent on it so far, in whole kroner; `attachments` are uploaded files
    documenting the costs."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not is_member_of(user, application.lead_municipality):
        raise PermissionDenied
    refusal = payment_request_refusal(application=application)
    if refusal is not None:
        raise refusal
    errors = {}
    if kind not in PaymentRequest.Kind.values:
        errors["kind"] = _("Velg delutbetaling eller sluttutbetaling.")
    elif kind == PaymentRequest.Kind.FINAL and (refusal := final_payment_refusal(application)):
        errors["kind"] = refusal.messages
    available = requestable_amount(application)
    if not isinstance(amount, int) or amount <= 0:
        errors["amount"] = _("Beløpet må være større enn 0 kr.")
    elif amount > available:
        errors["amount"] = _(
            "Du kan be om høyst %(available)s, det som gjenstår av tilskuddet. Beløpet er "
            "%(over)s for høyt."
        ) % {"available": format_nok(available), "over": format_nok(amount - available)}
    elif kind == PaymentRequest.Kind.PART and (refusal := part_payment_refusal(amount, available)):
        errors["amount"] = refusal.messages
    cost_lines = list(application.cost_lines.all())
    errors.update(_cost_statement_errors(cost_lines, spent))
    checked, refusals = _checked_uploads(list(attachments))
    if refusals:
        errors["attachments"] = refusals
    if errors:
        raise ValidationError(errors)

    request = PaymentRequest.objects.create(
        application=application,
        kind=kind,
        amount=amount,
        comment=(comment or "").strip(),
        submitted_by=user,
    )
    CostStatementLine.objects.bulk_create(
        CostStatementLine(
            request=request,
            cost_line=line,
            item=line.item,
            planned_amount=line.amount,
            spent=spent[line.pk],
        )
        for line in cost_lines
    )
    _store_attachments(request, checked, user)
    transaction.on_commit(lambda: notify_payment_request_submitted(request))
    return request


@transaction.atomic
def payment_request_attachment_add(
    *, request: PaymentRequest, user, uploaded_file
) -> PaymentRequestAttachment:
    """More documentation for a request still pending: the files need not all come with the
    request, since one post to the portal carries at most some 10 MB."""
    application = Application.objects.select_for_update().get(pk=request.application_id)
    if not is_member_of(user, application.lead_municipality):
        raise PermissionDenied
    request = PaymentRequest.objects.get(pk=request.pk)
    if not request.is_pending:
        raise ValidationError(
            _("Dokumentasjon kan bare legges til mens anmodningen er til behandling."),
            code="handled",
        )
    if request.attachments.count() >= MAX_ATTACHMENTS_PER_REQUEST:
        raise ValidationError(
            {
                "file": _("En utbetalingsanmodning kan ha høyst %(max)d vedlegg.")
                % {"max": MAX_ATTACHMENTS_PER_REQUEST}
            }
        )
    checked = upload_check(uploaded_file)
    attachment = PaymentRequestAttachment(request=request, uploaded_by=user)
    return store_with_file(attachment, uploaded_file, checked)


def _pending_request_locked(request: PaymentRequest, user) -> tuple[Application, PaymentRequest]:
    """The application and the request, locked in that order (as payment_register and the
    submission lock the application first), once the user may handle it and it is pending."""
    if not is_secretariat(user):
        raise PermissionDenied
    application = Application.objects.select_for_update().get(pk=request.application_id)
    request = PaymentRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_pending:
        raise ValidationError(
            _("Anmodningen er allerede behandlet: %(status)s.")
            % {"status": request.get_status_display().lower()},
            code="handled",
        )
    return application, request


def _close(request: PaymentRequest, user, **fields) -> PaymentRequest:
    for name, value in fields.items():
        setattr(request, name, value)
    request.handled_by = user
    request.handled_at = timezone.now()
    request.full_clean()
    request.save()
    transaction.on_commit(lambda: notify_payment_request_handled(request))
    return request


@transaction.atomic
def payment_request_approve(
    *,
    request: PaymentRequest,
    user,
    amount: int | None = None,
    reason: str = "",
    paid_on=None,
    reference: str = "",
) -> PaymentRequest:
    """Approve the request and register its payment: the amount asked for, or with `amount`
    another (lower) amount, which needs a reason the applicant is shown."""
    application, request = _pending_request_locked(request, user)
    if request.kind == PaymentRequest.Kind.FINAL and final_payment_refusal(application):
        raise ValidationError(
            _(
                "Sluttrapporten er ikke sendt inn, eller den er sendt tilbake til søkeren. "
                "Sluttutbetalingen kan godkjennes når sluttrapporten er sendt inn."
            ),
            code="final_report_missing",
        )
    amount = request.amount if amount is None else amount
    reason = (reason or "").strip()
    if not isinstance(amount, int) or amount <= 0:
        raise ValidationError({"amount": _("En utbetaling må være større enn 0 kr.")})
    if amount > request.amount:
        raise ValidationError(
            {
                "amount": _(
                    "Godkjent beløp kan ikke være høyere enn det søkeren ba om, %(requested)s."
                )
                % {"requested": format_nok(request.amount)}
            }
        )
    remaining = application.remaining_amount()
    # More than remains is payment_register's to refuse, with its own message.
    if (
        request.kind == PaymentRequest.Kind.PART
        and amount <= remaining
        and (refusal := part_payment_refusal(amount, remaining))
    ):
        raise ValidationError({"amount": refusal.messages})
    adjusted = amount != request.amount
    if adjusted and not reason:
        raise ValidationError(
            {"reason": _("Skriv hvorfor beløpet er endret. Søkeren får se begrunnelsen.")}
        )
    payment = payment_register(
        application=application,
        user=user,
        amount=amount,
        paid_on=paid_on or timezone.localdate(),
        reference=reference,
    )
    status = PaymentRequest.Status.ADJUSTED if adjusted else PaymentRequest.Status.APPROVED
    return _close(
        request, user, status=status, approved_amount=amount, reason=reason, payment=payment
    )


@transaction.atomic
def payment_request_return(*, request: PaymentRequest, user, reason: str) -> PaymentRequest:
    """Send the request back unpaid; the applicant reads the reason and may send a new one."""
    _application, request = _pending_request_locked(request, user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Skriv hvorfor anmodningen sendes tilbake. Søkeren får se begrunnelsen.")}
        )
    return _close(request, user, status=PaymentRequest.Status.RETURNED, reason=reason)
