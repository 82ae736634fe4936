"""Databases as an earlier release of the portal left them, for the tests of a data migration:
a SQLite file migrated by `manage.py migrate` in a process of its own, given old rows, then
migrated forward."""

import os
import shutil
import subprocess  # noqa: S404 - our own manage.py with the running interpreter
import sys
from pathlib import Path

from django.conf import settings

# The older of the points the migration tests start from; each test copies it and goes on from
# there, as migrating from nothing to it is most of what such a test costs.
BEFORE_PEOPLE = ("projects", "0014_workflow_states_of_acceptance_and_appeals")


def manage(database: Path, *args):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1"}
    subprocess.run(  # noqa: S603 - manage.py of this project
        [sys.executable, "manage.py", *args, "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


def copy_of(database: Path, folder: Path) -> Path:
    copy = folder / "db.sqlite3"
    shutil.copyfile(database, copy)
    return copy


def insert_call(db) -> tuple[int, int]:
    """A published programme's funding call and the first municipality, in a database at
    projects 0020 or later: (call id, municipality id)."""
    programme = db.execute(
        "INSERT INTO programme_programme (title, slug, start_year, end_year, vision,"
        " introduction, focus_areas_heading, title_en, vision_en, introduction_en,"
        " focus_areas_heading_en, status, updated_at)"
        " VALUES ('Handlingsprogram', 'hp', 2024, 2027, '', '', '', '', '', '', '',"
        " 'published', '2025-01-01')"
    ).lastrowid
    call = db.execute(
        "INSERT INTO projects_fundingcall (title, slug, description, opens_at, closes_at,"
        " budget_frame, max_share_percent, max_amount, is_published, programme_id)"
        " VALUES ('Utviklingsmidler 2025', 'um-2025', '', '2025-01-01', '2025-03-01',"
        " 1000000, 50, 500000, 1, ?)",
        (programme,),
    ).lastrowid
    (municipality,) = db.execute("SELECT id FROM projects_municipality LIMIT 1").fetchone()
    return call, municipality


def insert_application(db, *, number, status, title, submitted_at, call, municipality) -> int:
    """An application of `call`, with empty texts; `number` makes its creation token unique."""
    return db.execute(
        "INSERT INTO projects_application (status, title, summary, partner_organisations,"
        " project_leader_name, project_leader_email, project_leader_phone,"
        " contact_name, contact_email, contact_phone, phase, background, main_goal,"
        " sub_goals, expected_results, target_group, anchoring, organisation,"
        " creation_token, created_at, updated_at, submitted_at, funding_call_id,"
        " lead_municipality_id)"
        " VALUES (?, ?, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',"
        " ?, '2025-01-10 08:00:00', '2025-08-05 08:00:00', ?, ?, ?)",
        (status, title, f"{number:032x}", submitted_at, call, municipality),
    ).lastrowid
