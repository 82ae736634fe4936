import fcntl
import shutil
import subprocess  # noqa: S404 - our own manage.py with the running interpreter
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.databases import migrated_copy_path
from tests.deploy.servers import PROJECT, collectstatic, production_environment


def once_per_run(tmp_path_factory, worker_id, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once for the whole run by `make(folder)`: pytest-xdist's workers share the
    run's base folder and take turns under a lock, the first one makes it."""
    if worker_id == "master":
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    folder = tmp_path_factory.getbasetemp().parent / name
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # Marked done only once made: a worker that failed half-way leaves it to the next.
        done = folder.with_suffix(".done")
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


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
