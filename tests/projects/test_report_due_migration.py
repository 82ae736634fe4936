"""Migration projects 0023: each application decided before it gets the copy of its decision's
final report deadline the work queue reads; an undecided or rejected one none. Run by
`manage.py migrate` on a SQLite file of the test's own (tests/earlier_schemas.py)."""

import sqlite3
from contextlib import closing
from datetime import date

from projects.workflow import State
from tests.earlier_schemas import copy_of, insert_application, insert_call, manage

BEFORE = ("projects", "0022_application_follow_up")
REPORT_DUE = ("projects", "0023_application_report_due")

# Each application: its status and its decision as (outcome, amount, report deadline), if any.
APPLICATIONS = {
    "sent in": (State.SUBMITTED, None),
    "granted, under way": (State.IN_PROGRESS, ("approved", 300_000, "2026-06-30")),
    "granted, completed": (State.COMPLETED, ("approved", 200_000, "2025-12-31")),
    "rejected": (State.REJECTED, ("rejected", 0, None)),
}


def test_each_decided_application_gets_its_decisions_report_deadline(
    tmp_path, before_people_migration
):
    database = copy_of(before_people_migration, tmp_path)
    manage(database, "migrate", *BEFORE)
    ids = {}
    with closing(sqlite3.connect(database)) as db, db:
        call, municipality = insert_call(db)
        for number, (title, (status, decision)) in enumerate(APPLICATIONS.items()):
            ids[title] = pk = insert_application(
                db,
                number=number,
                status=status,
                title=title,
                submitted_at="2025-02-01 09:00:00",
                call=call,
                municipality=municipality,
            )
            if decision is None:
                continue
            outcome, amount, report_due_on = decision
            acceptance_due_on = "2025-04-22" if outcome == "approved" else None
            db.execute(
                "INSERT INTO projects_decision (application_id, outcome, granted_amount,"
                " decided_on, case_number, conditions, decision_text, report_due_on,"
                " acceptance_due_on, recorded_at)"
                " VALUES (?, ?, ?, '2025-04-01', ?, '', 'Vedtatt.', ?, ?, '2025-04-01 12:00:00')",
                (pk, outcome, amount, f"25/{number:05d}", report_due_on, acceptance_due_on),
            )

    manage(database, "migrate", *REPORT_DUE)

    with closing(sqlite3.connect(database)) as db:
        stored = dict(db.execute("SELECT id, final_report_due_on FROM projects_application"))
    assert {title: stored[pk] for title, pk in ids.items()} == {
        "sent in": None,
        "granted, under way": str(date(2026, 6, 30)),
        "granted, completed": str(date(2025, 12, 31)),
        "rejected": None,
    }
