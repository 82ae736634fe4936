"""Case handling: applications moved through the workflow by the services."""

from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import Membership
from projects.models import Application, StatusChange
from projects.workflow import APPEAL_STATES, RECORDED_ACTIONS, TRANSITIONS, Action, State, path
from tests.factories.projects import complete_application

DECIDED_ON = date(2026, 11, 27)


def case_in(state, *, secretariat, recommended=None, granted=None, **fields):
    """A complete application sent in and moved to `state` by the services, as the secretariat
    and the applicant (created_by, made a member of the lead municipality) would: with the
    recommendation, decision, acceptance and final report each step needs, and its timeline: the
    workflow's main path from submission to the state. A case under appeal has appealed a
    rejection, received, forwarded and settled today."""
    fields.setdefault("submitted_at", timezone.now())
    application = complete_application(status=State.SUBMITTED, **fields)
    return case_moved(
        application, state, secretariat=secretariat, recommended=recommended, granted=granted
    )


def case_moved(application, state, *, secretariat, recommended=None, granted=None):
    """The application moved on from its status to `state` along the workflow's main path, by
    the services, as case_in does. From a draft it is sent in by the applicant (created_by),
    which freezes its receipt, as every later step freezes its documents."""
    from projects import services

    applicant = application.created_by
    Membership.objects.get_or_create(
        person=applicant,
        organisation=application.lead_municipality.organisation,
        defaults={"role": "applicant"},
    )
    applied = application.amount_applied()
    start = State(application.status)
    steps = path(start, state)
    if state in APPEAL_STATES:
        steps = [*path(start, State.REJECTED), *path(State.REJECTED, state)]
    for action in steps:
        if action == Action.SUBMIT:
            services.application_transition(application=application, action=action, user=applicant)
        elif action == Action.RECOMMEND:
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
                decided_on=DECIDED_ON,
                case_number="26/00042",
                conditions="Tilskuddet kan bare brukes til prosjektet." if approved else "",
                decision_text="Regionrådet vedtar sekretariatets innstilling.",
                report_due_on=date(2027, 12, 31) if approved else None,
            )
        elif action == Action.ACCEPT_GRANT:
            # Accepted the day after the decision, so that the deadline has not passed.
            services.grant_accept(
                application=application,
                user=applicant,
                confirmed=True,
                now=datetime.combine(DECIDED_ON + timedelta(days=1), time(12), tzinfo=UTC),
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


def entered_state_at(application, moment):
    """The case as if its last step, the one that led into its status, had been taken at
    `moment`: the step's time and the application's status_changed_at, as the transition sets
    them together."""
    step = (
        application.status_changes.filter(to_status=application.status)
        .exclude(action__in=RECORDED_ACTIONS)
        .latest("created_at", "pk")
    )
    StatusChange.objects.filter(pk=step.pk).update(created_at=moment)
    Application.objects.filter(pk=application.pk).update(status_changed_at=moment)
    application.status_changed_at = moment
    return application
