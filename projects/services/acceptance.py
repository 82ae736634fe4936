"""The grantee's acceptance of a grant (aksept av tilsagn): the lead municipality accepts the grant
and its conditions online before the deadline the secretariat set, which the secretariat may
move later; a reminder goes to the applicant before the deadline and a notice to the
secretariat once it has passed. Nothing is paid before the acceptance (case.payment_refusal)."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from hamarregion.formatting import format_date

from ..models import AcceptanceReminder, Application, Decision, GrantAcceptance
from ..notifications import (
    send_acceptance_deadline_moved,
    send_acceptance_overdue,
    send_acceptance_reminder,
)
from ..permissions import is_member_of, is_secretariat
from ..workflow import TRANSITIONS, Action
from .applications import application_transition, transition_refusal
from .reminders import reminders_send

# Three weeks from the decision, unless the secretariat sets another deadline.
ACCEPTANCE_DAYS = 21
# The applicant is reminded this many days before the deadline.
ACCEPTANCE_REMINDER_DAYS = 7

WAITING_STATES = TRANSITIONS[Action.ACCEPT_GRANT].sources


def acceptance_due_default(decided_on: date, *, today: date | None = None) -> date:
    """Three weeks from the decision, or from today where the decision is registered later:
    the grantee always has the three weeks."""
    return max(decided_on, today or timezone.localdate()) + timedelta(days=ACCEPTANCE_DAYS)


def acceptance_deadline_refusal(*, decision: Decision, today: date) -> ValidationError | None:
    """Why the grant can no longer be accepted, or None. grant_accept refuses with it; the
    application's page asks it before showing the form."""
    if decision.acceptance_due_on is None or today <= decision.acceptance_due_on:
        return None
    return ValidationError(
        _(
            "Fristen for å akseptere tilsagnet gikk ut %(due)s; kontakt sekretariatet, som kan "
            "flytte fristen."
        ),
        code="acceptance_overdue",
        params={"due": format_date(decision.acceptance_due_on)},
    )


@transaction.atomic
def grant_accept(*, application: Application, user, confirmed: bool, now=None) -> GrantAcceptance:
    """The lead municipality accepts the grant and its conditions: the amount and conditions as
    they stand now are recorded with who and when, and the case moves on to «Tilsagn
    akseptert». The secretariat does not accept on the municipality's behalf."""
    now = now or timezone.now()
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not is_member_of(user, application.lead_municipality):
        raise PermissionDenied
    refusal = transition_refusal(application=application, action=Action.ACCEPT_GRANT)
    if refusal is not None:
        raise refusal
    decision = application.decision
    refusal = acceptance_deadline_refusal(decision=decision, today=timezone.localdate(now))
    if refusal is not None:
        raise refusal
    if not confirmed:
        raise ValidationError(
            {
                "confirmed": _(
                    "Kryss av for å bekrefte at kommunen aksepterer tilsagnet og vilkårene."
                )
            },
            code="required",
        )
    acceptance = GrantAcceptance.objects.create(
        application=application,
        granted_amount=decision.granted_amount,
        conditions=decision.conditions,
        accepted_by=user,
        accepted_at=now,
    )
    application_transition(application=application, action=Action.ACCEPT_GRANT, user=user, now=now)
    return acceptance


@transaction.atomic
def acceptance_deadline_move(
    *, application: Application, user, acceptance_due_on: date | None, today: date | None = None
) -> Decision:
    """The secretariat gives the grantee more time to accept: a later deadline, not in the past,
    while the grant waits for its acceptance. The applicant is told by e-mail."""
    if not is_secretariat(user):
        raise PermissionDenied
    today = today or timezone.localdate()
    application = Application.objects.select_for_update().get(pk=application.pk)
    decision = application.decision_or_none()
    if application.status not in WAITING_STATES or decision is None:
        raise ValidationError(
            _(
                "Søknaden har status «%(status)s». Fristen for aksept kan bare flyttes mens "
                "tilsagnet venter på aksept."
            )
            % {"status": application.get_status_display()},
            code="not_waiting_for_acceptance",
        )
    current = decision.acceptance_due_on
    if acceptance_due_on is None:
        error = _("Oppgi den nye fristen.")
    elif current is not None and acceptance_due_on <= current:
        error = _("Den nye fristen må være senere enn den som gjelder nå, %(due)s.") % {
            "due": format_date(current)
        }
    elif acceptance_due_on < today:
        error = _("Den nye fristen kan ikke være før i dag.")
    else:
        error = None
    if error:
        raise ValidationError({"acceptance_due_on": error})
    decision.acceptance_due_on = acceptance_due_on
    decision.save(update_fields=["acceptance_due_on"])
    transaction.on_commit(lambda: send_acceptance_deadline_moved(application))
    return decision


def acceptance_reminders_due(*, today: date) -> list[tuple[Application, str]]:
    """(application, kind) for each mail about an acceptance deadline that is due today and has
    not been sent for that deadline: a reminder to the applicant from seven days before it, a
    notice to the secretariat once it has passed."""
    waiting = Application.objects.filter(
        status__in=sorted(WAITING_STATES),
        decision__outcome=Decision.Outcome.APPROVED,
        decision__acceptance_due_on__isnull=False,
    ).select_related("decision", "lead_municipality", "created_by")

    def not_sent(kind):
        return ~Exists(
            AcceptanceReminder.objects.filter(
                application=OuterRef("pk"),
                kind=kind,
                due_on=OuterRef("decision__acceptance_due_on"),
            )
        )

    before = AcceptanceReminder.Kind.BEFORE_DEADLINE
    passed = AcceptanceReminder.Kind.DEADLINE_PASSED
    reminders = waiting.filter(
        not_sent(before),
        decision__acceptance_due_on__gte=today,
        decision__acceptance_due_on__lte=today + timedelta(days=ACCEPTANCE_REMINDER_DAYS),
    )
    notices = waiting.filter(not_sent(passed), decision__acceptance_due_on__lt=today)
    return [(a, before) for a in reminders.order_by("pk")] + [
        (a, passed) for a in notices.order_by("pk")
    ]


SENDERS = {
    AcceptanceReminder.Kind.BEFORE_DEADLINE: send_acceptance_reminder,
    AcceptanceReminder.Kind.DEADLINE_PASSED: send_acceptance_overdue,
}


def acceptance_reminders_send(*, today: date, dry_run: bool = False) -> list[tuple]:
    """Send each due mail once per deadline, as report_reminders_send does: the row is written
    in the transaction the mail is queued in, and a mail that cannot be queued rolls its row
    back so that the next run tries again."""
    return reminders_send(
        acceptance_reminders_due(today=today),
        record=lambda due: AcceptanceReminder.objects.get_or_create(
            application=due[0],
            kind=due[1],
            due_on=due[0].decision.acceptance_due_on,
            defaults={"sent_on": today},
        )[1],
        send=lambda due: SENDERS[due[1]](due[0]),
        dry_run=dry_run,
    )
