"""What an application's page shows after the council's decision, which the final report's page
shows in part: read by applications.py and reports.py alike, so that neither imports the other
for it."""

from django.utils import timezone

from hamarregion.ui import service_error_message

from ..models import Attachment
from ..permissions import can_write_report, roles_for
from ..services import acceptance_deadline_refusal
from ..workflow import PUBLIC_STATES, REPORT_SENT_IN_STATES, TRANSITIONS, Action, Role, State


def report_return_request(application):
    """The secretariat's message while a returned final report is back with the applicant."""
    if application.status != State.IN_PROGRESS:
        return None
    return (
        application.status_changes.filter(action=Action.RETURN_REPORT)
        .order_by("-created_at", "-pk")
        .first()
    )


def follow_up_context(user, application) -> dict:
    """What the application's page shows after the council's decision: the decision, the
    payments, the final report, the appeals and, for the applicant, the next step."""
    decision = application.decision_or_none()
    approved = bool(decision and decision.is_approved)
    payments = list(application.payments.all()) if approved else []
    paid = sum(payment.amount for payment in payments)
    granted = decision.granted_amount if approved else 0
    is_applicant = Role.APPLICANT in roles_for(user, application)
    start_roles = TRANSITIONS[Action.START_PROJECT].roles
    waiting = approved and application.status in TRANSITIONS[Action.ACCEPT_GRANT].sources
    overdue = (
        acceptance_deadline_refusal(decision=decision, today=timezone.localdate())
        if waiting
        else None
    )
    return {
        "decision": decision,
        "payments": payments,
        "granted_amount": granted,
        "paid_amount": paid,
        "remaining_amount": granted - paid,
        "is_applicant": is_applicant,
        "show_next_step": is_applicant and application.status in PUBLIC_STATES,
        "acceptance": application.grant_acceptance_or_none() if approved else None,
        "can_accept": is_applicant and waiting and overdue is None,
        "acceptance_overdue": overdue is not None,
        "acceptance_refusal": service_error_message(overdue) if overdue else "",
        "can_start_project": is_applicant
        and Role.APPLICANT in start_roles
        and application.status in TRANSITIONS[Action.START_PROJECT].sources,
        "can_write_report": can_write_report(user, application),
        "report_return": report_return_request(application),
        "final_report": application.final_report_or_none(),
        "show_report": application.status in REPORT_SENT_IN_STATES,
        "report_attachments": application.attachments.filter(kind=Attachment.Kind.FINAL_REPORT),
        "appeals": application.appeals.select_related("grounds_attachment"),
    }
