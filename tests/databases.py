"""The test database as the migrations leave it, kept as a file: for the processes that tests
start (gunicorn, manage.py), and for the pytest-xdist workers after the first, which load it
instead of migrating their own: copying it costs milliseconds, migrating again seconds."""

import fcntl
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing, contextmanager
from pathlib import Path

from django.core import management
from django.db import DEFAULT_DB_ALIAS, connections


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


def migrated_copy_path(tmp_path_factory) -> Path:
    """Where this process (each pytest-xdist worker its own) keeps the copy."""
    return tmp_path_factory.getbasetemp() / "migrated.sqlite3"


def keep_migrated_copy(connection, target: Path) -> None:
    """Write an SQLite test database to `target` through SQLite's online backup; a database on
    another engine leaves nothing, and the tests migrate a file of their own."""
    if connection.vendor != "sqlite":
        return
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)


def load_migrated_copy(source: Path, connection) -> None:
    connection.ensure_connection()
    with closing(sqlite3.connect(source)) as copy:
        copy.backup(connection.connection)


@contextmanager
def migrated_once_per_run(tmp_path_factory, worker_id):
    """While the test databases are set up: the first worker to get there migrates its SQLite
    test database, the others load a copy of it. Each worker's migrations took 8 s of the
    suite's CPU, and what migrate leaves (the post_migrate signal's content types and
    permissions included) is all in the database. Django's creation calls `migrate` through
    management.call_command, replaced here for that one call."""
    migrate = management.call_command
    migrated_here = False

    def call_command(name, *args, **options):
        connection = connections[options.get("database", DEFAULT_DB_ALIAS)]
        if name != "migrate" or connection.vendor != "sqlite":
            return migrate(name, *args, **options)
        management.call_command = migrate

        def migrate_and_keep(folder: Path) -> None:
            nonlocal migrated_here
            migrate(name, *args, **options)
            keep_migrated_copy(connection, folder / "db.sqlite3")
            migrated_here = True

        folder = once_per_run(
            tmp_path_factory, worker_id, "migrated-test-database", migrate_and_keep
        )
        if not migrated_here:
            load_migrated_copy(folder / "db.sqlite3", connection)

    management.call_command = call_command
    try:
        yield
    finally:
        management.call_command = migrate
