"""Migration projects 0021: each existing application gets the time its status last changed
from its timeline, as the work queue read it before: the newest step that led into the status
it is in (not an entry that leaves the status as it is), else when it was sent in. Run by
`manage.py migrate` on a SQLite file of the test's own (tests/earlier_schemas.py)."""

import sqlite3
from contextlib import closing

import pytest

from projects.workflow import RECORDED_ACTIONS, Action, State
from tests.earlier_schemas import copy_of, insert_application, insert_call, manage

BEFORE = ("projects", "0020_decision_report_due")
STATUS_CHANGED = ("projects", "0021_application_status_changed_at")

SENT_IN = "2025-02-01 09:00:00"
# Each application: its status, when it was sent in, and its timeline as (action, from, to, at).
APPLICATIONS = {
    "draft": (
        State.DRAFT,
        None,
        [(Action.CREATE, State.DRAFT, State.DRAFT, "2025-01-10 08:00:00")],
    ),
    "no timeline": (State.IN_REVIEW, SENT_IN, []),
    "sent back and sent in again, then assigned": (
        State.SUBMITTED,
        SENT_IN,
        [
            (Action.CREATE, State.DRAFT, State.DRAFT, "2025-01-10 08:00:00"),
            (Action.SUBMIT, State.DRAFT, State.SUBMITTED, "2025-01-20 08:00:00"),
            (Action.RETURN, State.SUBMITTED, State.RETURNED, "2025-01-25 08:00:00"),
            (Action.SUBMIT, State.RETURNED, State.SUBMITTED, "2025-02-01 09:00:00"),
            (Action.ASSIGN_CASE_HANDLER, State.SUBMITTED, State.SUBMITTED, "2025-02-03 10:00:00"),
        ],
    ),
    "reassessed after an appeal": (
        State.IN_REVIEW,
        SENT_IN,
        [
            (Action.START_REVIEW, State.SUBMITTED, State.IN_REVIEW, "2025-03-01 08:00:00"),
            (Action.RECOMMEND, State.IN_REVIEW, State.RECOMMENDED, "2025-03-10 08:00:00"),
            (Action.REJECT, State.RECOMMENDED, State.REJECTED, "2025-04-01 08:00:00"),
            (Action.REGISTER_APPEAL, State.REJECTED, State.APPEALED, "2025-04-15 08:00:00"),
            (Action.REASSESS_APPEAL, State.APPEALED, State.IN_REVIEW, "2025-05-02 12:30:00"),
        ],
    ),
    "a change after the project started": (
        State.IN_PROGRESS,
        SENT_IN,
        [
            (Action.START_PROJECT, State.ACCEPTED, State.IN_PROGRESS, "2025-06-01 08:00:00"),
            (Action.REQUEST_CHANGE, State.IN_PROGRESS, State.IN_PROGRESS, "2025-08-01 08:00:00"),
            (Action.APPROVE_CHANGE, State.IN_PROGRESS, State.IN_PROGRESS, "2025-08-05 08:00:00"),
        ],
    ),
}


def timeline_rule(status, submitted_at, steps):
    """The work queue's rule before the column: written out here, apart from the migration."""
    into = [at for action, _, to, at in steps if to == status and action not in RECORDED_ACTIONS]
    return max(into) if into else submitted_at


@pytest.fixture(scope="module")
def migrated(tmp_path_factory, before_people_migration):
    database = copy_of(before_people_migration, tmp_path_factory.mktemp("status-changed"))
    manage(database, "migrate", *BEFORE)
    ids = {}
    with closing(sqlite3.connect(database)) as db, db:
        call, municipality = insert_call(db)
        for number, (title, (status, submitted_at, steps)) in enumerate(APPLICATIONS.items()):
            ids[title] = pk = insert_application(
                db,
                number=number,
                status=status,
                title=title,
                submitted_at=submitted_at,
                call=call,
                municipality=municipality,
            )
            db.executemany(
                "INSERT INTO projects_statuschange (application_id, action, from_status,"
                " to_status, comment, created_at) VALUES (?, ?, ?, ?, '', ?)",
                [(pk, *step) for step in steps],
            )
    manage(database, "migrate", *STATUS_CHANGED)
    with closing(sqlite3.connect(database)) as db:
        stored = dict(db.execute("SELECT id, status_changed_at FROM projects_application"))
    return {title: stored[pk] for title, pk in ids.items()}


def test_each_application_gets_the_time_the_timeline_says_it_came_into_its_status(migrated):
    assert migrated == {
        title: timeline_rule(*application) for title, application in APPLICATIONS.items()
    }


def test_the_newest_step_into_the_status_counts_and_recorded_entries_do_not(migrated):
    assert migrated == {
        "draft": None,
        "no timeline": SENT_IN,
        "sent back and sent in again, then assigned": "2025-02-01 09:00:00",
        "reassessed after an appeal": "2025-05-02 12:30:00",
        "a change after the project started": "2025-06-01 08:00:00",
    }
