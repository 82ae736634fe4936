"""Case handling: applications moved through the workflow by the services."""

from datetime import date

from django.utils import timezone

from projects.models import Membership
from projects.workflow import APPEAL_STATES, TRANSITIONS, Action, State, path
from tests.factories.projects import complete_application


def case_in(state, *, secretariat, recommended=None, granted=None, **fields):
    """A complete application sent in and moved to `state` by the services, as the secretariat
    and the applicant (created_by, made a member of the lead municipality) would: with the
    recommendation, decision and final report each step needs, and its timeline: the
    workflow's main path from submission to the state. A case under appeal has appealed a
    rejection, received, forwarded and settled today."""
    from projects import services

    fields.setdefault("submitted_at", timezone.now())
    application = complete_application(status=State.SUBMITTED, **fields)
    applicant = application.created_by
    Membership.objects.get_or_create(user=applicant, municipality=application.lead_municipality)
    applied = application.amount_applied()
    steps = path(State.SUBMITTED, state)
    if state in APPEAL_STATES:
        steps = [*path(State.SUBMITTED, State.REJECTED), *path(State.REJECTED, state)]
    for action in steps:
        if action == Action.RECOMMEND:
            services.application_recommend(
                application=application,
                user=secretariat,
                assessment="Prosjektet passer godt med handlingsprogrammet.",
                recommended_amount=applied if recommended is None else recommended,
            )
        elif action in (Action.APPROVE, Action.REJECT):
            approved = action == Action.APPROVE
            services.application_decide(
                application=application,
                user=secretariat,
                outcome="approved" if approved else "rejected",
                granted_amount=(granted or recommended or applied) if approved else 0,
                decided_on=date(2026, 11, 27),
                case_number="26/00042",
                conditions="Tilskuddet kan bare brukes til prosjektet." if approved else "",
                decision_text="Regionrådet vedtar sekretariatets innstilling.",
                report_due_on=date(2027, 12, 31) if approved else None,
            )
        elif action == Action.SUBMIT_REPORT:
            services.final_report_save(
                application=application,
                user=applicant,
                results="Prosjektet nådde hovedmålet.",
                actual_cost=950_000,
                submit=True,
            )
        elif action == Action.REGISTER_APPEAL:
            services.appeal_register(
                application=application,
                user=secretariat,
                received_on=timezone.localdate(),
                grounds="Vi ber regionrådet vurdere søknaden på nytt.",
            )
        elif action == Action.FORWARD_APPEAL:
            services.appeal_forward(
                application=application, user=secretariat, forwarded_on=timezone.localdate()
            )
        elif TRANSITIONS[action].requires == "appeal":
            services.appeal_settle(
                application=application,
                user=secretariat,
                action=action,
                outcome=services.appeal_outcomes(application=application, action=action)[0],
                decided_on=timezone.localdate(),
            )
        else:
            services.application_transition(
                application=application, action=action, user=secretariat
            )
    application.refresh_from_db()
    return application
