"""The secretariat's case handling: recommendation, the council's decision, payments, and the
applicant's final report. Each writes its record and, where the workflow moves, calls
application_transition in the same transaction."""

from datetime import date, timedelta

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from django.utils.translation import gettext as _

from hamarregion.formatting import format_nok

from ..models import (
    Application,
    Decision,
    FinalReport,
    FundingCall,
    Payment,
    Recommendation,
    ReportReminder,
)
from ..notifications import send_report_reminder
from ..permissions import can_write_report, is_member_of, is_secretariat
from ..workflow import (
    DECISION_ACTIONS,
    PAYABLE_STATES,
    TRANSITIONS,
    Action,
)
from .acceptance import acceptance_due_default
from .applications import application_transition, transition_refusal
from .reminders import reminders_send

REMINDER_WINDOW_DAYS = 30


def _require_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied


def _require_open(application: Application, action: str) -> None:
    """The status is checked before the record's fields, so that an action the status does not
    allow is refused as such, whatever was typed."""
    refusal = transition_refusal(application=application, action=action)
    if refusal is not None:
        raise refusal


def call_budget(funding_call: FundingCall) -> dict:
    """Frame, recommended, granted, paid and left for a call, in whole kroner."""
    call = FundingCall.objects.with_budget().get(pk=funding_call.pk)
    return {
        "frame": call.budget_frame,
        "recommended": call.recommended_sum,
        "granted": call.granted_sum,
        "paid": call.paid_sum,
        "left": call.left_sum,
    }


def funding_call_frame_check(*, funding_call: FundingCall, budget_frame: int) -> None:
    """Refuses a frame below what the call has granted. Locks the call's row, as
    application_decide does before it grants, for the rest of the caller's transaction, which
    must also save the frame: no grant can then be recorded between the check and the save."""
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError(
            "funding_call_frame_check must run in the transaction that saves the frame."
        )
    FundingCall.objects.select_for_update().filter(pk=funding_call.pk).exists()
    granted = Decision.objects.filter(
        application__funding_call=funding_call, outcome=Decision.Outcome.APPROVED
    ).aggregate(total=Sum("granted_amount", default=0))["total"]
    if budget_frame < granted:
        raise ValidationError(
            _(
                "Rammen kan ikke være lavere enn det som allerede er innvilget i "
                "utlysningen, %(granted)s."
            ),
            code="frame_below_granted",
            params={"granted": format_nok(granted)},
        )


@transaction.atomic
def application_recommend(
    *, application: Application, user, assessment: str, recommended_amount: int
) -> Recommendation:
    _require_secretariat(user)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require_open(application, Action.RECOMMEND)
    applied = application.amount_applied()
    errors = {}
    if not (assessment or "").strip():
        errors["assessment"] = _("Skriv sekretariatets vurdering.")
    if recommended_amount is None or recommended_amount < 0:
        errors["recommended_amount"] = _("Oppgi et beløp i hele kroner, 0 eller mer.")
    elif recommended_amount > applied:
        errors["recommended_amount"] = _(
            "Anbefalt beløp kan ikke være høyere enn søknadsbeløpet, %(applied)s."
        ) % {"applied": format_nok(applied)}
    if errors:
        raise ValidationError(errors)
    recommendation, _created = Recommendation.objects.update_or_create(
        application=application,
        defaults={
            "assessment": assessment.strip(),
            "recommended_amount": recommended_amount,
            "written_by": user,
        },
    )
    application_transition(application=application, action=Action.RECOMMEND, user=user)
    return recommendation


@transaction.atomic
def application_decide(
    *,
    application: Application,
    user,
    outcome: str,
    granted_amount: int,
    decided_on: date,
    case_number: str,
    decision_text: str,
    conditions: str = "",
    report_due_on: date | None = None,
    acceptance_due_on: date | None = None,
    meeting=None,
) -> Decision:
    """Record the council's decision, made in `meeting` (a meetings.Meeting) when given. A grant
    must be accepted by `acceptance_due_on`, three weeks after the decision unless given. The
    call's row is locked, so that two decisions made at once cannot together grant more than the
    budget frame."""
    _require_secretariat(user)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require_open(application, DECISION_ACTIONS[outcome])
    funding_call = FundingCall.objects.select_for_update().get(pk=application.funding_call_id)
    approved = outcome == Decision.Outcome.APPROVED
    errors = {}
    case_number = (case_number or "").strip()
    decision_text = (decision_text or "").strip()
    conditions = (conditions or "").strip()
    if not case_number:
        errors["case_number"] = _("Oppgi saksnummeret.")
    if not decision_text:
        errors["decision_text"] = _("Skriv vedtaksteksten.")
    if decided_on is None:
        errors["decided_on"] = _("Oppgi vedtaksdatoen.")
    elif meeting is not None and timezone.localdate(meeting.starts_at) > decided_on:
        errors["meeting"] = _(
            "Møtet «%(meeting)s» er etter vedtaksdatoen. Velg møtet der vedtaket ble gjort."
        ) % {"meeting": meeting}
    if approved:
        applied = application.amount_applied()
        if not granted_amount or granted_amount <= 0:
            errors["granted_amount"] = _("Et innvilget tilskudd må være større enn 0 kr.")
        elif granted_amount > applied:
            errors["granted_amount"] = _(
                "Innvilget beløp kan ikke være høyere enn søknadsbeløpet, %(applied)s."
            ) % {"applied": format_nok(applied)}
        else:
            granted_elsewhere = (
                Decision.objects.filter(
                    application__funding_call=funding_call, outcome=Decision.Outcome.APPROVED
                )
                .exclude(application=application)
                .aggregate(total=Sum("granted_amount", default=0))["total"]
            )
            over = granted_elsewhere + granted_amount - funding_call.budget_frame
            if over > 0:
                errors["granted_amount"] = _(
                    "Tilsagnene i utlysningen blir da %(total)s, som er %(over)s over rammen "
                    "på %(frame)s."
                ) % {
                    "total": format_nok(granted_elsewhere + granted_amount),
                    "over": format_nok(over),
                    "frame": format_nok(funding_call.budget_frame),
                }
        if report_due_on is None:
            errors["report_due_on"] = _("Sett en frist for sluttrapporten.")
        elif decided_on is not None and report_due_on <= decided_on:
            errors["report_due_on"] = _("Fristen for sluttrapporten må være etter vedtaksdatoen.")
        if acceptance_due_on is None and decided_on is not None:
            acceptance_due_on = acceptance_due_default(decided_on)
        elif decided_on is not None and acceptance_due_on <= decided_on:
            errors["acceptance_due_on"] = _(
                "Fristen for å akseptere tilsagnet må være etter vedtaksdatoen."
            )
        elif acceptance_due_on < timezone.localdate():
            errors["acceptance_due_on"] = _(
                "Fristen for å akseptere tilsagnet kan ikke ha gått ut før vedtaket er registrert."
            )
    else:
        granted_amount = 0
        report_due_on = None
        acceptance_due_on = None
    # A grant paid before acceptance was required, decided again after an appeal: the new
    # decision stays above what was paid.
    paid = application.paid_amount()
    if "granted_amount" not in errors and paid > granted_amount:
        errors["granted_amount" if approved else NON_FIELD_ERRORS] = _(
            "Det er allerede utbetalt %(paid)s av tilskuddet; vedtaket kan ikke gi mindre."
        ) % {"paid": format_nok(paid)}
    if errors:
        raise ValidationError(errors)
    decision, _created = Decision.objects.update_or_create(
        application=application,
        defaults={
            "outcome": outcome,
            "granted_amount": granted_amount,
            "decided_on": decided_on,
            "case_number": case_number,
            "conditions": conditions,
            "decision_text": decision_text,
            "report_due_on": report_due_on,
            "acceptance_due_on": acceptance_due_on,
            "meeting": meeting,
            "recorded_by": user,
        },
    )
    Application.objects.filter(pk=application.pk).update(final_report_due_on=report_due_on)
    application.final_report_due_on = report_due_on
    application_transition(application=application, action=DECISION_ACTIONS[outcome], user=user)
    return decision


def payment_refusal(*, application: Application) -> ValidationError | None:
    """Why the application cannot be paid, or None. payment_register refuses with it; the
    payment page asks it before showing its form."""
    if application.status in PAYABLE_STATES:
        return None
    if application.status in TRANSITIONS[Action.ACCEPT_GRANT].sources:
        return ValidationError(
            _(
                "Tilsagnet er ikke akseptert ennå. Søkeren må akseptere tilsagnet og vilkårene "
                "i portalen før noe kan utbetales."
            ),
            code="not_accepted",
        )
    return ValidationError(
        _("Søknaden har status «%(status)s»; bare innvilgede tilskudd kan utbetales.")
        % {"status": application.get_status_display()},
        code="not_granted",
    )


@transaction.atomic
def payment_register(
    *, application: Application, user, amount: int, paid_on: date, reference: str = ""
) -> Payment:
    """Record a payment; the payments of a grant never add up to more than was granted."""
    _require_secretariat(user)
    application = Application.objects.select_for_update().get(pk=application.pk)
    refusal = payment_refusal(application=application)
    if refusal is not None:
        raise refusal
    remaining = application.remaining_amount()
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("En utbetaling må være større enn 0 kr.")})
    if amount > remaining:
        raise ValidationError(
            {
                "amount": _(
                    "Utbetalingen er %(over)s mer enn det som gjenstår av tilsagnet "
                    "(%(remaining)s)."
                )
                % {"over": format_nok(amount - remaining), "remaining": format_nok(remaining)}
            }
        )
    payment = Payment(
        application=application,
        amount=amount,
        paid_on=paid_on,
        reference=(reference or "").strip(),
        recorded_by=user,
    )
    payment.full_clean()
    payment.save()
    return payment


@transaction.atomic
def final_report_save(
    *,
    application: Application,
    user,
    results: str,
    actual_cost: int,
    cost_comment: str = "",
    submit: bool = False,
) -> FinalReport:
    """Store the applicant's final report and, with submit, send it to the secretariat."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not is_member_of(user, application.lead_municipality):
        raise PermissionDenied
    if not can_write_report(user, application):
        raise ValidationError(_("Sluttrapporten kan ikke endres nå."), code="report_closed")
    report, _created = FinalReport.objects.update_or_create(
        application=application,
        defaults={
            "results": (results or "").strip(),
            "actual_cost": actual_cost,
            "cost_comment": (cost_comment or "").strip(),
        },
    )
    if submit:
        errors = {}
        if not report.results:
            errors["results"] = _("Beskriv resultatene før du sender inn rapporten.")
        if report.actual_cost is None:
            errors["actual_cost"] = _("Oppgi de faktiske kostnadene.")
        if errors:
            raise ValidationError(errors)
        application_transition(application=application, action=Action.SUBMIT_REPORT, user=user)
    return report


def report_reminders_due(*, today: date):
    """Approved projects whose final report is due within 30 days or overdue, and not yet in."""
    return (
        Application.objects.awaiting_final_report()
        .filter(final_report_due_on__lte=today + timedelta(days=REMINDER_WINDOW_DAYS))
        .exclude(report_reminders__sent_on=today)
        .select_related("decision", "lead_municipality", "created_by")
    )


def report_reminders_send(*, today: date, dry_run: bool = False) -> list[Application]:
    """Send each due reminder once a day: the day's row is written in the same transaction as
    the mail is queued, and a mail that cannot be queued rolls its row back so that the next
    run tries again."""
    return reminders_send(
        report_reminders_due(today=today),
        record=lambda application: ReportReminder.objects.get_or_create(
            application=application, sent_on=today
        )[1],
        send=lambda application: send_report_reminder(application, today=today),
        dry_run=dry_run,
    )
