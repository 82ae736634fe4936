"""The workflow through the service: each transition, who may take it, and what it records."""

from datetime import timedelta
from itertools import product

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from projects.services import TransitionNotAllowed, application_transition
from projects.workflow import TRANSITIONS, State
from tests.factories import UserFactory
from tests.projects.workflow_world import RETURN_COMMENT, application_in, snapshot

pytestmark = pytest.mark.django_db


# The issue's workflow, written out: (action, from state) -> to state. Case handling, added
# after the issue, lets the secretariat return, and the applicant withdraw, a case it is
# reviewing («Under behandling») as well.
ALLOWED = {
    ("submit", State.DRAFT): State.SUBMITTED,
    ("submit", State.RETURNED): State.SUBMITTED,
    ("return", State.SUBMITTED): State.RETURNED,
    ("return", State.IN_REVIEW): State.RETURNED,
    ("withdraw", State.DRAFT): State.WITHDRAWN,
    ("withdraw", State.SUBMITTED): State.WITHDRAWN,
    ("withdraw", State.RETURNED): State.WITHDRAWN,
    ("withdraw", State.IN_REVIEW): State.WITHDRAWN,
}
ACTIONS = ["submit", "return", "withdraw"]
FORBIDDEN = [pair for pair in product(ACTIONS, State) if pair not in ALLOWED]


def test_the_workflow_table_has_the_issues_transitions():
    assert {
        (action, source): TRANSITIONS[action].target
        for action in ACTIONS
        for source in TRANSITIONS[action].sources
    } == ALLOWED
    assert {action: set(TRANSITIONS[action].roles) for action in ACTIONS} == {
        "submit": {"applicant"},
        "return": {"secretariat"},
        "withdraw": {"applicant"},
    }
    assert [a for a in ACTIONS if TRANSITIONS[a].comment_required] == ["return"]
    assert [a for a in ACTIONS if TRANSITIONS[a].validates_submission] == ["submit"]


@pytest.mark.parametrize(("action", "source"), list(ALLOWED), ids=lambda v: str(v))
def test_each_allowed_transition_changes_the_status_and_records_who_when_from_to_and_why(
    hamar, hamar_user, actors, action, source
):
    application = application_in(source, hamar, hamar_user)
    actor = actors[action]
    comment = RETURN_COMMENT if action == "return" else f"Kommentar til {action}"

    application_transition(application=application, action=action, user=actor, comment=comment)

    application.refresh_from_db()
    assert application.status == ALLOWED[(action, source)]
    change = application.status_changes.get()
    assert (change.action, change.from_status, change.to_status) == (
        action,
        source,
        ALLOWED[(action, source)],
    )
    assert change.actor == actor
    assert change.comment == comment
    assert change.created_at is not None


def test_submission_stamps_the_time_it_was_sent_in(hamar, hamar_user):
    application = application_in(State.RETURNED, hamar, hamar_user)
    now = timezone.now() - timedelta(days=1, seconds=7)

    application_transition(application=application, action="submit", user=hamar_user, now=now)

    application.refresh_from_db()
    assert application.submitted_at == now


@pytest.mark.parametrize(("action", "source"), FORBIDDEN, ids=lambda v: str(v))
def test_each_action_from_a_state_it_does_not_start_from_is_refused_and_changes_nothing(
    hamar, hamar_user, actors, action, source, django_capture_on_commit_callbacks
):
    application = application_in(source, hamar, hamar_user)
    before = snapshot(application)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(TransitionNotAllowed),
    ):
        application_transition(
            application=application, action=action, user=actors[action], comment=RETURN_COMMENT
        )

    assert snapshot(application) == before
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("action", "source", "who"),
    [
        ("submit", State.DRAFT, "secretariat"),
        ("submit", State.RETURNED, "secretariat"),
        ("return", State.SUBMITTED, "hamar"),
        ("withdraw", State.SUBMITTED, "secretariat"),
        ("submit", State.DRAFT, "loten"),
        ("withdraw", State.DRAFT, "loten"),
        ("withdraw", State.SUBMITTED, "loten"),
        ("return", State.SUBMITTED, "loten"),
        ("submit", State.DRAFT, "no-municipality"),
        ("submit", State.DRAFT, "inactive-hamar"),
        ("withdraw", State.DRAFT, "anonymous"),
        ("return", State.SUBMITTED, "staff-without-permission"),
    ],
)
def test_an_action_by_a_role_not_allowed_to_take_it_is_refused_and_changes_nothing(
    hamar,
    hamar_user,
    loten_user,
    secretariat_user,
    action,
    source,
    who,
    django_capture_on_commit_callbacks,
):
    inactive = UserFactory(is_active=False)
    inactive.memberships.create(organisation=hamar.organisation, role="applicant")
    user = {
        "secretariat": secretariat_user,
        "hamar": hamar_user,
        "loten": loten_user,
        "no-municipality": UserFactory(),
        "inactive-hamar": inactive,
        "anonymous": AnonymousUser(),
        "staff-without-permission": UserFactory(is_staff=True),
    }[who]
    application = application_in(source, hamar, hamar_user)
    before = snapshot(application)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        application_transition(
            application=application, action=action, user=user, comment=RETURN_COMMENT
        )

    assert snapshot(application) == before
    assert mail.outbox == []


def test_an_unknown_action_is_refused(hamar, hamar_user):
    application = application_in(State.DRAFT, hamar, hamar_user)
    before = snapshot(application)

    with pytest.raises(TransitionNotAllowed):
        application_transition(application=application, action="decide", user=hamar_user)

    assert snapshot(application) == before


@pytest.mark.parametrize("comment", ["", "   \n\t "], ids=["empty", "whitespace"])
def test_returning_without_a_comment_is_refused_at_the_comment(
    hamar, hamar_user, secretariat_user, comment
):
    application = application_in(State.SUBMITTED, hamar, hamar_user)
    before = snapshot(application)

    with pytest.raises(ValidationError) as raised:
        application_transition(
            application=application, action="return", user=secretariat_user, comment=comment
        )

    assert raised.value.message_dict == {"comment": ["Skriv en begrunnelse som søkeren får se."]}
    assert snapshot(application) == before


def test_an_applicant_resubmits_a_returned_application(hamar, hamar_user, secretariat_user):
    application = application_in(State.DRAFT, hamar, hamar_user)

    for action, user in [
        ("submit", hamar_user),
        ("return", secretariat_user),
        ("submit", hamar_user),
    ]:
        application_transition(
            application=application, action=action, user=user, comment=RETURN_COMMENT
        )

    application.refresh_from_db()
    assert application.status == State.SUBMITTED
    assert list(
        application.status_changes.order_by("pk").values_list("from_status", "to_status")
    ) == [
        (State.DRAFT, State.SUBMITTED),
        (State.SUBMITTED, State.RETURNED),
        (State.RETURNED, State.SUBMITTED),
    ]


def test_any_user_of_the_owning_municipality_may_act_not_only_the_creator(hamar, hamar_user):
    colleague = UserFactory()
    colleague.memberships.create(organisation=hamar.organisation, role="applicant")
    application = application_in(State.DRAFT, hamar, hamar_user)

    application_transition(application=application, action="withdraw", user=colleague)

    assert application.status_changes.get().actor == colleague
