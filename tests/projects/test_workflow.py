"""The workflow: every allowed transition works and is recorded; every other one is refused and
changes nothing; the people concerned hear of each change by e-mail."""

import ast
from datetime import timedelta
from itertools import product
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from projects.forms import ApplicationForm
from projects.models import Application, Decision, StatusChange
from projects.services import TransitionNotAllowed, application_transition
from projects.workflow import (
    DECIDED_STATES,
    DECISION_ACTIONS,
    EDITABLE_STATES,
    OPEN_CASE_STATES,
    PUBLIC_STATES,
    REPORT_SENT_IN_STATES,
    REPORTING_STATES,
    TRANSITIONS,
    Action,
    State,
    path_to,
)
from tests.factories import UserFactory, complete_application
from tests.projects.edit_page import post_edit_page

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
RETURN_COMMENT = "Legg ved kostnadsoverslag fra leverandør."


@pytest.fixture
def actors(hamar_user, secretariat_user):
    """Who takes each action: the applicant submits and withdraws, the secretariat returns."""
    return {"submit": hamar_user, "withdraw": hamar_user, "return": secretariat_user}


def application_in(state, hamar, hamar_user):
    return complete_application(
        lead_municipality=hamar,
        created_by=hamar_user,
        status=state,
        contact_email="kontakt@hamar.example.org",
    )


def snapshot(application):
    stored = Application.objects.get(pk=application.pk)
    return (stored.status, stored.submitted_at, stored.updated_at, stored.status_changes.count())


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
    inactive.memberships.create(municipality=hamar)
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
    colleague.memberships.create(municipality=hamar)
    application = application_in(State.DRAFT, hamar, hamar_user)

    application_transition(application=application, action="withdraw", user=colleague)

    assert application.status_changes.get().actor == colleague


# --- The status is not a form field ----------------------------------------------------------


def test_the_application_form_has_no_status_field():
    assert "status" not in ApplicationForm.base_fields
    assert "submitted_at" not in ApplicationForm.base_fields


def test_posting_a_status_to_the_edit_page_does_not_change_it(hamar_client, hamar, hamar_user):
    application = application_in(State.DRAFT, hamar, hamar_user)

    response = post_edit_page(
        hamar_client, application, status=State.SUBMITTED, submitted_at="2026-01-01 12:00"
    )

    assert response.status_code == 302
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == State.DRAFT
    assert stored.submitted_at is None
    assert not stored.status_changes.exists()


def test_admin_change_page_shows_the_status_read_only(secretariat_client, hamar, hamar_user):
    application = application_in(State.SUBMITTED, hamar, hamar_user)

    response = secretariat_client.get(
        reverse("admin:projects_application_change", args=[application.pk])
    )

    assert response.status_code == 200
    assert "status" not in response.context["adminform"].form.fields
    assert "status" in response.context["adminform"].readonly_fields
    assert 'name="status"' not in response.content.decode()


def test_the_secretariat_cannot_post_the_admin_change_form(secretariat_client, hamar, hamar_user):
    application = application_in(State.SUBMITTED, hamar, hamar_user)
    before = snapshot(application)

    response = secretariat_client.post(
        reverse("admin:projects_application_change", args=[application.pk]),
        {"status": State.WITHDRAWN, "title": "Endret av sekretariatet"},
    )

    assert response.status_code == 403
    assert snapshot(application) == before
    assert Application.objects.get(pk=application.pk).title == application.title


def test_even_a_superuser_cannot_set_the_status_in_admin(client, hamar, hamar_user):
    application = application_in(State.SUBMITTED, hamar, hamar_user)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    before = snapshot(application)

    response = client.post(
        reverse("admin:projects_application_change", args=[application.pk]),
        {"status": State.WITHDRAWN, "title": "Endret", "_save": "Lagre"},
    )

    assert response.status_code in {200, 302}
    assert snapshot(application) == before
    assert Application.objects.get(pk=application.pk).title == application.title


# --- E-mail ----------------------------------------------------------------------------------

EMAILS = {
    "submit": (State.DRAFT, "Søknad sendt inn: Bolyst i Hamarregionen"),
    "return": (State.SUBMITTED, "Søknad sendt tilbake for endring: Bolyst i Hamarregionen"),
    "withdraw": (State.SUBMITTED, "Søknad trukket: Bolyst i Hamarregionen"),
}


@pytest.mark.parametrize("action", list(EMAILS))
def test_each_change_sends_one_mail_to_the_applicant_and_one_to_the_secretariat(
    hamar, hamar_user, actors, action, django_capture_on_commit_callbacks
):
    source, subject = EMAILS[action]
    application = application_in(source, hamar, hamar_user)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        application_transition(
            application=application, action=action, user=actors[action], comment=RETURN_COMMENT
        )
        assert mail.outbox == [], "mail must wait until the change is committed"

    assert len(callbacks) == 1
    assert [message.to for message in mail.outbox] == [
        ["kontakt@hamar.example.org", hamar_user.email],
        ["sekretariat@example.org"],
    ]
    link = (
        f"https://portal.example.org{reverse('projects:application-detail', args=[application.pk])}"
    )
    for message in mail.outbox:
        assert message.subject == subject
        assert link in message.body
        assert "Prosjekteier: Hamar" in message.body
        assert "Med vennlig hilsen" in message.body


def test_submission_mails_say_what_happened_in_norwegian(
    hamar, hamar_user, django_capture_on_commit_callbacks
):
    application = application_in(State.DRAFT, hamar, hamar_user)

    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, action="submit", user=hamar_user)

    to_applicant, to_secretariat = mail.outbox
    assert "Søknaden er sendt inn" in to_applicant.body
    assert "Hamar har sendt inn en søknad om utviklingsmidler." in to_secretariat.body
    assert "Søknadsbeløp: 500\u00a0000\u00a0kr" in to_secretariat.body


def test_the_return_mail_carries_the_secretariats_message(
    hamar, hamar_user, secretariat_user, django_capture_on_commit_callbacks
):
    application = application_in(State.SUBMITTED, hamar, hamar_user)

    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, action="return", user=secretariat_user, comment=RETURN_COMMENT
        )

    to_applicant = mail.outbox[0]
    assert "har sendt søknaden tilbake til dere for endring" in to_applicant.body
    assert f"Melding fra sekretariatet:\n{RETURN_COMMENT}" in to_applicant.body


def test_one_address_gets_one_copy_when_the_contact_is_the_creator(
    hamar, hamar_user, django_capture_on_commit_callbacks
):
    application = application_in(State.DRAFT, hamar, hamar_user)
    Application.objects.filter(pk=application.pk).update(contact_email=hamar_user.email.upper())

    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, action="withdraw", user=hamar_user)

    assert [message.to for message in mail.outbox] == [
        [hamar_user.email.upper()],
        ["sekretariat@example.org"],
    ]


def test_a_mail_server_that_is_down_does_not_undo_the_change(
    hamar, hamar_user, django_capture_on_commit_callbacks
):
    application = application_in(State.DRAFT, hamar, hamar_user)

    with (
        mock.patch("projects.notifications.send_mail", side_effect=ConnectionRefusedError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        application_transition(application=application, action="withdraw", user=hamar_user)

    assert Application.objects.get(pk=application.pk).status == State.WITHDRAWN
    assert StatusChange.objects.filter(application=application, action="withdraw").exists()


# --- The workflow is data: one table, everything else derived from it ------------------------


def test_every_action_but_the_drafts_creation_has_exactly_one_transition():
    assert set(TRANSITIONS) == set(Action) - {Action.CREATE}
    assert all(action == transition.action for action, transition in TRANSITIONS.items())


def test_the_state_sets_derived_from_the_table_are_the_sets_the_rules_name():
    funded = {State.APPROVED, State.IN_PROGRESS, State.REPORT_SUBMITTED, State.COMPLETED}
    derived = {
        "editable": EDITABLE_STATES,
        "open cases": OPEN_CASE_STATES,
        "public and payable": PUBLIC_STATES,
        "decided": DECIDED_STATES,
        "reporting": REPORTING_STATES,
        "report sent in": REPORT_SENT_IN_STATES,
    }
    assert derived == {
        "editable": {State.DRAFT, State.RETURNED},
        "open cases": {State.SUBMITTED, State.IN_REVIEW, State.RECOMMENDED},
        "public and payable": funded,
        "decided": funded | {State.REJECTED},
        "reporting": {State.IN_PROGRESS},
        "report sent in": {State.REPORT_SUBMITTED, State.COMPLETED},
    }


def test_each_decision_outcome_is_recorded_by_the_action_that_leads_to_its_state():
    assert DECISION_ACTIONS == {
        Decision.Outcome.APPROVED: Action.APPROVE,
        Decision.Outcome.REJECTED: Action.REJECT,
    }
    assert {TRANSITIONS[action].target for action in DECISION_ACTIONS.values()} == set(
        Decision.Outcome.values
    )


@pytest.mark.parametrize("state", list(State), ids=str)
def test_the_main_path_walks_the_table_from_the_draft_to_each_state(state):
    reached = State.DRAFT
    for action in path_to(state):
        assert reached in TRANSITIONS[action].sources, action
        reached = TRANSITIONS[action].target
    assert reached == state


def test_the_main_path_to_a_completed_project_takes_every_step_of_the_case_once():
    assert path_to(State.COMPLETED) == [
        Action.SUBMIT,
        Action.START_REVIEW,
        Action.RECOMMEND,
        Action.APPROVE,
        Action.START_PROJECT,
        Action.SUBMIT_REPORT,
        Action.APPROVE_REPORT,
    ]


def app_sources() -> list[Path]:
    """The Python files of the project's own apps (the kernel, hamarregion, is one), migrations
    left out: they store what was, not what is."""
    root = Path(settings.BASE_DIR)
    # The top-level package of each app of the project's own (the virtual environment, which
    # may lie in the project folder, holds the others).
    tops = {
        Path(app.path).relative_to(root).parts[0]
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(root)
    }
    folders = {root / top for top in tops if not top.startswith(".")}
    return sorted(
        source
        for folder in folders
        for source in folder.rglob("*.py")
        if "migrations" not in source.relative_to(root).parts
    )


# Strings equal to an action name that are not an action: (file, string) -> how many, and why.
NOT_ACTIONS = {
    ("projects/views/applications.py", "submit"): (1, "the name of the form's send-in button"),
    ("projects/views/reports.py", "submit"): (1, "the name of the form's send-in button"),
    ("projects/management/commands/create_demo_accounts.py", "create"): (
        1,
        "the English verb of the --dry-run message",
    ),
}


def test_no_action_name_is_written_as_a_string_outside_the_workflow_table():
    root = Path(settings.BASE_DIR)
    names = set(Action.values)
    found = {}
    for source in app_sources():
        relative = source.relative_to(root).as_posix()
        if relative == "projects/workflow.py":
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), relative)):
            if isinstance(node, ast.Constant) and node.value in names:
                found[(relative, node.value)] = found.get((relative, node.value), 0) + 1
    assert {source.relative_to(root).parts[0] for source in app_sources()} >= {
        "hamarregion",
        "meetings",
        "programme",
        "projects",
    }
    assert found == {place: count for place, (count, _why) in NOT_ACTIONS.items()}
