"""Application.status_changed_at: the time of the step that last changed the status, set by the
transition together with the step it records, and left as it was by the timeline's entries
that keep the status."""

from datetime import timedelta

import pytest
from django.utils import timezone

from projects.models import Application
from projects.services import application_transition, case_handler_assign
from projects.services.timeline import timeline_record
from projects.workflow import Action, State
from tests.factories.users import staff_in_group
from tests.projects.workflow_world import RETURN_COMMENT, application_in

pytestmark = pytest.mark.django_db


def stored(application):
    return Application.objects.get(pk=application.pk).status_changed_at


def last_step(application):
    return application.status_changes.latest("created_at", "pk")


def test_each_transition_stamps_the_application_with_the_time_of_the_step_it_records(
    hamar, hamar_user, secretariat_user
):
    application = application_in(State.DRAFT, hamar, hamar_user)
    steps = [
        (Action.SUBMIT, hamar_user, ""),
        (Action.RETURN, secretariat_user, RETURN_COMMENT),
        (Action.SUBMIT, hamar_user, ""),
        (Action.START_REVIEW, secretariat_user, ""),
    ]
    for action, user, comment in steps:
        application_transition(application=application, action=action, user=user, comment=comment)

        step = last_step(application)
        assert step.action == action
        assert stored(application) == step.created_at


def test_the_stamp_is_the_steps_time_even_where_the_caller_names_another_moment(hamar, hamar_user):
    application = application_in(State.DRAFT, hamar, hamar_user)
    yesterday = timezone.now() - timedelta(days=1)

    application_transition(
        application=application, action=Action.SUBMIT, user=hamar_user, now=yesterday
    )

    application.refresh_from_db()
    assert application.submitted_at == yesterday
    assert application.status_changed_at == last_step(application).created_at


def test_entries_that_keep_the_status_leave_the_stamp_as_it_was(
    hamar, hamar_user, secretariat_user
):
    application = application_in(State.SUBMITTED, hamar, hamar_user)
    application_transition(
        application=application, action=Action.START_REVIEW, user=secretariat_user
    )
    reviewed_at = stored(application)
    colleague = staff_in_group("Sekretariat", username="kollega")

    case_handler_assign(application=application, handler=colleague, by=secretariat_user)
    case_handler_assign(application=application, handler=None, by=secretariat_user)
    timeline_record(application=application, action=Action.REQUEST_CHANGE, user=hamar_user)

    assert last_step(application).action == Action.REQUEST_CHANGE
    assert stored(application) == reviewed_at is not None
