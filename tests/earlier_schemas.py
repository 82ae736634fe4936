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
