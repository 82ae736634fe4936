"""Appeals (klage) against the council's decisions: registered by the secretariat on the case
and carried through the workflow's appeal steps (projects.workflow says how). Each service
writes the Appeal record and calls application_transition in the same transaction."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamarregion.formatting import format_date

from ..models import Appeal, AppealRoute, Application, Attachment, CaseDocument
from ..permissions import is_secretariat
from ..workflow import APPEAL_KEEP_ACTIONS, APPEAL_STATES, TRANSITIONS, Action, State
from .acceptance import acceptance_due_default
from .applications import TransitionNotAllowed, application_transition, transition_refusal
from .attachment_files import attachment_store
from .documents import latest_decision_letter

# What may come of an appeal in each of its states, and who decides it there: the council
# takes the case up again, or the appeal body decides. Either may dismiss an appeal (too late,
# say), and the appellant may withdraw it. Not upholding it is the appeal body's alone: a
# council that keeps its decision forwards the appeal (forvaltningsloven § 33).
OUTCOMES = {
    State.APPEALED: (
        Appeal.Outcome.REASSESSED,
        Appeal.Outcome.DISMISSED,
        Appeal.Outcome.WITHDRAWN,
    ),
    State.APPEAL_FORWARDED: (
        Appeal.Outcome.UPHELD,
        Appeal.Outcome.NOT_UPHELD,
        Appeal.Outcome.DISMISSED,
        Appeal.Outcome.WITHDRAWN,
    ),
}
DECIDED_BY = {
    State.APPEALED: Appeal.Body.COUNCIL,
    State.APPEAL_FORWARDED: Appeal.Body.APPEAL_BODY,
}


@dataclass(frozen=True)
class AppealDeadline:
    """The deadline the decision letter stated: counted from the day it was sent, by the
    appeal route in force then."""

    letter: CaseDocument | None
    sent_on: date
    deadline: date


def appeal_deadline(application: Application) -> AppealDeadline:
    letter = latest_decision_letter(application)
    if letter is None:
        # A decision recorded before letters were frozen: counted from the decision's date.
        sent_on = application.decision.decided_on
        route = AppealRoute.current()
    else:
        sent_on = timezone.localdate(letter.created_at)
        route = AppealRoute.in_force_at(letter.created_at)
    return AppealDeadline(letter=letter, sent_on=sent_on, deadline=route.deadline(sent_on))


def appeal_refusal(*, application: Application, action: str) -> TransitionNotAllowed | None:
    """Why the appeal step cannot be taken now, or None: the status, a decision already
    appealed, or an appeal against another outcome than the step lets stand. The case page
    offers only the steps this allows; the services refuse with it."""
    refusal = transition_refusal(application=application, action=action)
    if refusal is not None:
        return refusal
    if action == Action.REGISTER_APPEAL:
        earlier = (
            application.appeals.filter(decision_letter=latest_decision_letter(application))
            .exclude(outcome=Appeal.Outcome.WITHDRAWN)
            .last()
        )
        if earlier is not None:
            return TransitionNotAllowed(
                _(
                    "Vedtaket er allerede påklaget: klagen kom inn %(date)s. Et nytt vedtak i "
                    "saken kan påklages når det er sendt."
                )
                % {"date": format_date(earlier.received_on)}
            )
    if action in APPEAL_KEEP_ACTIONS.values():
        appeal = application.appeals.open().last()
        if appeal is not None and APPEAL_KEEP_ACTIONS[State(appeal.appealed_outcome)] != action:
            return TransitionNotAllowed(
                _("Klagen gjelder et vedtak om «%(outcome)s»; «%(action)s» passer ikke.")
                % {
                    "outcome": appeal.get_appealed_outcome_display(),
                    "action": TRANSITIONS[action].label,
                }
            )
    return None


def _locked(application: Application, user) -> Application:
    if not is_secretariat(user):
        raise PermissionDenied
    return Application.objects.select_for_update().get(pk=application.pk)


def _date_errors(name: str, value: date | None, *, earliest: date, earliest_is: str, today: date):
    """The message for a date that is missing, in the future, or before `earliest`."""
    if value is None:
        return {name: _("Oppgi datoen.")}
    if value > today:
        return {
            name: _("Datoen kan ikke være etter i dag, %(today)s.") % {"today": format_date(today)}
        }
    if value < earliest:
        return {
            name: _("Datoen kan ikke være før %(what)s, %(date)s.")
            % {"what": earliest_is, "date": format_date(earliest)}
        }
    return {}


@transaction.atomic
def appeal_register(
    *,
    application: Application,
    user,
    received_on: date | None,
    grounds: str = "",
    grounds_file=None,
    today: date | None = None,
) -> Appeal:
    """Register an appeal received against the decision. One that came after the deadline the
    letter stated is registered too, marked as late: the council decides whether it may still
    be heard (forvaltningsloven § 31)."""
    application = _locked(application, user)
    refusal = appeal_refusal(application=application, action=Action.REGISTER_APPEAL)
    if refusal is not None:
        raise refusal
    today = today or timezone.localdate()
    decision = application.decision
    grounds = (grounds or "").strip()
    errors = _date_errors(
        "received_on",
        received_on,
        earliest=decision.decided_on,
        earliest_is=_("vedtaksdatoen"),
        today=today,
    )
    if not grounds and grounds_file is None:
        errors["grounds"] = _("Skriv klagerens begrunnelse, eller last opp klagen som fil.")
    if errors:
        raise ValidationError(errors)
    deadline = appeal_deadline(application)
    attachment = None
    if grounds_file is not None:
        try:
            attachment = attachment_store(
                application=application,
                user=user,
                uploaded_file=grounds_file,
                kind=Attachment.Kind.APPEAL,
            )
        except ValidationError as error:
            raise ValidationError({"grounds_file": error.message_dict["file"]}) from None
    appeal = Appeal.objects.create(
        application=application,
        decision_letter=deadline.letter,
        appealed_outcome=decision.outcome,
        received_on=received_on,
        deadline=deadline.deadline,
        within_deadline=received_on <= deadline.deadline,
        grounds=grounds,
        grounds_attachment=attachment,
        registered_by=user,
    )
    application_transition(
        application=application,
        action=Action.REGISTER_APPEAL,
        user=user,
        comment=appeal_received_note(appeal),
    )
    return appeal


def appeal_received_note(appeal: Appeal) -> str:
    """What the timeline says of the appeal received, to the applicant as well."""
    dates = {
        "received": format_date(appeal.received_on),
        "deadline": format_date(appeal.deadline),
    }
    if appeal.within_deadline:
        return _("Klagen kom inn %(received)s, innen klagefristen %(deadline)s.") % dates
    return (
        _(
            "Klagen kom inn %(received)s, etter klagefristen %(deadline)s. Regionrådet vurderer "
            "om den likevel kan behandles, jf. forvaltningsloven § 31."
        )
        % dates
    )


def _open_appeal(application: Application) -> Appeal:
    appeal = application.appeals.open().last()
    if application.status not in APPEAL_STATES or appeal is None:
        raise TransitionNotAllowed(
            _("Søknaden har status «%(status)s» og ingen klage under behandling.")
            % {"status": application.get_status_display()}
        )
    return appeal


@transaction.atomic
def appeal_forward(
    *, application: Application, user, forwarded_on: date | None, comment: str = "", today=None
) -> Appeal:
    """The council keeps its decision: the appeal goes to the appeal body."""
    application = _locked(application, user)
    refusal = appeal_refusal(application=application, action=Action.FORWARD_APPEAL)
    if refusal is not None:
        raise refusal
    appeal = _open_appeal(application)
    errors = _date_errors(
        "forwarded_on",
        forwarded_on,
        earliest=appeal.received_on,
        earliest_is=_("datoen klagen kom inn"),
        today=today or timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)
    appeal.forwarded_on = forwarded_on
    appeal.save(update_fields=["forwarded_on"])
    application_transition(
        application=application, action=Action.FORWARD_APPEAL, user=user, comment=comment
    )
    return appeal


def appeal_outcomes(*, application: Application, action: str) -> list:
    """The outcomes of the open appeal that lead to the workflow step `action` now."""
    appeal = application.appeals.open().last()
    if appeal is None or application.status not in APPEAL_STATES:
        return []
    return [
        outcome
        for outcome in OUTCOMES[State(application.status)]
        if Appeal(outcome=outcome, appealed_outcome=appeal.appealed_outcome).workflow_action()
        == action
    ]


@transaction.atomic
def appeal_settle(
    *,
    application: Application,
    user,
    action: str,
    outcome: str,
    decided_on: date | None,
    comment: str = "",
    today=None,
) -> Appeal:
    """Record what came of the appeal, and take the workflow step `action` it calls for: the
    case back to review for a new decision, or the decision appealed against standing."""
    application = _locked(application, user)
    refusal = appeal_refusal(application=application, action=action)
    if refusal is not None:
        raise refusal
    appeal = _open_appeal(application)
    allowed = appeal_outcomes(application=application, action=action)
    if outcome not in allowed:
        raise ValidationError(
            {
                "outcome": _("Velg et av utfallene: %(choices)s.")
                % {"choices": ", ".join(str(choice.label) for choice in allowed)}
            }
        )
    errors = _date_errors(
        "decided_on",
        decided_on,
        earliest=appeal.forwarded_on or appeal.received_on,
        earliest_is=_("datoen klagen ble sendt videre")
        if appeal.forwarded_on
        else _("datoen klagen kom inn"),
        today=today or timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)
    appeal.outcome = outcome
    appeal.decided_on = decided_on
    appeal.decided_by_body = DECIDED_BY[State(application.status)]
    appeal.save(update_fields=["outcome", "decided_on", "decided_by_body"])
    if action == Action.KEEP_GRANT:
        # The grant stands after an appeal that took longer than the time to accept it: the
        # grantee has the full time again from the appeal's outcome.
        decision = application.decision
        due = acceptance_due_default(decided_on, today=today)
        if decision.acceptance_due_on < due:
            decision.acceptance_due_on = due
            decision.save(update_fields=["acceptance_due_on"])
    application_transition(application=application, action=action, user=user, comment=comment)
    return appeal
