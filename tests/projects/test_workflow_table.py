"""The workflow table itself: one transition per action, the state sets, the main path,
and action names written nowhere else."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from projects.models import Decision
from projects.workflow import (
    APPEAL_KEEP_ACTIONS,
    APPEAL_STATES,
    DECIDED_STATES,
    DECISION_ACTIONS,
    EDITABLE_STATES,
    FOLLOW_UP_STATES,
    OPEN_CASE_STATES,
    PAYABLE_STATES,
    PUBLIC_STATES,
    RECORDED_ACTIONS,
    REPORT_SENT_IN_STATES,
    REPORTING_STATES,
    TRANSITIONS,
    Action,
    State,
    path_to,
)

pytestmark = pytest.mark.django_db


def test_every_action_but_the_timelines_own_entries_has_exactly_one_transition():
    assert {
        Action.CREATE,
        Action.REQUEST_CHANGE,
        Action.APPROVE_CHANGE,
        Action.REJECT_CHANGE,
        Action.ASSIGN_CASE_HANDLER,
        Action.UNASSIGN_CASE_HANDLER,
    } == RECORDED_ACTIONS
    assert set(TRANSITIONS) == set(Action) - RECORDED_ACTIONS
    assert all(action == transition.action for action, transition in TRANSITIONS.items())


def test_the_state_sets_derived_from_the_table_are_the_sets_the_rules_name():
    accepted = {State.ACCEPTED, State.IN_PROGRESS, State.REPORT_SUBMITTED, State.COMPLETED}
    funded = {State.APPROVED} | accepted
    derived = {
        "editable": EDITABLE_STATES,
        "open cases": OPEN_CASE_STATES,
        "public": PUBLIC_STATES,
        "payable": PAYABLE_STATES,
        "decided": DECIDED_STATES,
        "reporting": REPORTING_STATES,
        "report sent in": REPORT_SENT_IN_STATES,
        "followed up": FOLLOW_UP_STATES,
    }
    assert derived == {
        "editable": {State.DRAFT, State.RETURNED},
        # An appealed case is open again: the council may take it up, or get it back.
        "open cases": {State.SUBMITTED, State.IN_REVIEW, State.RECOMMENDED} | APPEAL_STATES,
        "public": funded,
        "payable": accepted,
        "decided": funded | {State.REJECTED},
        "reporting": {State.IN_PROGRESS},
        "report sent in": {State.REPORT_SUBMITTED, State.COMPLETED},
        "followed up": {State.APPROVED, State.ACCEPTED, State.IN_PROGRESS},
    }


def test_a_case_enters_follow_up_only_by_its_approval_or_by_keeping_its_grant():
    """Application.objects.awaiting_final_report() reads a granted project from its state alone,
    without the decision."""
    entries = {
        action
        for action, transition in TRANSITIONS.items()
        if transition.target in FOLLOW_UP_STATES and set(transition.sources) - PUBLIC_STATES
    }
    assert entries == {Action.APPROVE, Action.KEEP_GRANT}


def test_each_decision_outcome_is_recorded_by_the_action_that_leads_to_its_state():
    assert DECISION_ACTIONS == {
        Decision.Outcome.APPROVED: Action.APPROVE,
        Decision.Outcome.REJECTED: Action.REJECT,
    }
    assert {TRANSITIONS[action].target for action in DECISION_ACTIONS.values()} == set(
        Decision.Outcome.values
    )


def test_an_appeal_reopens_a_decided_case_and_ends_in_a_new_review_or_the_outcome_appealed():
    assert {State.APPEALED, State.APPEAL_FORWARDED} == APPEAL_STATES
    assert {t.action for t in TRANSITIONS.values() if t.reopens} == {Action.REGISTER_APPEAL}
    assert TRANSITIONS[Action.REGISTER_APPEAL].sources == set(DECISION_ACTIONS)
    leaving = {
        t.target
        for t in TRANSITIONS.values()
        if t.sources & APPEAL_STATES and t.target not in APPEAL_STATES
    }
    assert leaving == {State.IN_REVIEW, State.APPROVED, State.REJECTED}
    # An appeal that comes to nothing returns the case to the outcome that was appealed.
    assert APPEAL_KEEP_ACTIONS == {
        State.APPROVED: Action.KEEP_GRANT,
        State.REJECTED: Action.KEEP_REJECTION,
    }
    assert not APPEAL_STATES & (PUBLIC_STATES | DECIDED_STATES)


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
        Action.ACCEPT_GRANT,
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
    ("projects/views/editing.py", "submit"): (1, "the name of the form's send-in button"),
    ("projects/views/reports.py", "submit"): (1, "the name of the form's send-in button"),
    ("accounts/management/commands/create_demo_accounts.py", "create"): (
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
