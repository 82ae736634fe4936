import shutil
import subprocess  # noqa: S404 - our own manage.py with the running interpreter
import sys
from pathlib import Path

import pytest

from tests.databases import migrated_copy_path, once_per_run
from tests.deploy.servers import PROJECT, collectstatic, production_environment


def _migrate(folder: Path) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=PROJECT,
        env=production_environment(DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}"),
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory, worker_id):
    """The static files as a release collects them: hashed names, gzip copies, a manifest."""
    return once_per_run(tmp_path_factory, worker_id, "collected-static", collectstatic)


@pytest.fixture(scope="session")
def migrated_database(django_db_setup, tmp_path_factory, worker_id) -> Path:
    """An SQLite database file as `manage.py migrate` leaves it: on SQLite the copy the test
    database kept before the programme was loaded (tests/conftest.py), on PostgreSQL one made
    by migrate once per run. Copy it, never write to it."""
    copy = migrated_copy_path(tmp_path_factory)
    if copy.exists():
        return copy
    return once_per_run(tmp_path_factory, worker_id, "migrated-database", _migrate) / "db.sqlite3"


@pytest.fixture
def migrated_sqlite(migrated_database, tmp_path) -> Path:
    """A new SQLite database file of this test's own, migrated."""
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_database, database)
    return database
