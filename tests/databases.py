"""The test database as the migrations leave it, kept: on SQLite as a file, for the processes
that tests start (gunicorn, manage.py) and for the pytest-xdist workers after the first; on
PostgreSQL as a template database the other workers' databases are made from. Copying it costs
milliseconds, migrating again seconds."""

import fcntl
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing, contextmanager
from pathlib import Path

from django.core import management
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections


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


def keep_as_template(connection, worker_id: str, folder: Path) -> None:
    """A PostgreSQL database made from the just-migrated test database, named in `folder`: the
    test databases' name without the worker's suffix, so that each run replaces the last one's.
    Making a database from another needs the other without connections: the migrations'
    connection is closed first, and the next query opens it again."""
    template = connection.settings_dict["NAME"].removesuffix(f"_{worker_id}") + "_migrated"
    connection.close()
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(template)}")
        cursor.execute(
            f"CREATE DATABASE {quote(template)} TEMPLATE {quote(connection.settings_dict['NAME'])}"
        )
    (folder / "template").write_text(template)


def made_from_template(connection, folder: Path) -> bool:
    """The test database made again from the kept template; False where the template is gone
    (the worker that made it dropped it when its tests ended)."""
    template = (folder / "template").read_text()
    name = connection.settings_dict["NAME"]
    connection.close()
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE {quote(name)}")
        try:
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
        except DatabaseError:
            cursor.execute(f"CREATE DATABASE {quote(name)}")
            return False
    return True


def drop_template(connection, folder: Path) -> None:
    """Dropped when the tests of the worker that made it end; a worker copying it just then
    keeps it, and the next run replaces it."""
    quote = connection.ops.quote_name
    template = (folder / "template").read_text()
    try:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(template)}")
    except DatabaseError:
        pass


@contextmanager
def migrated_once_per_run(tmp_path_factory, worker_id, django_db_blocker):
    """While the test databases are set up: the first pytest-xdist worker to get there migrates
    its test database and keeps it, the others load it (SQLite) or are made from it (PostgreSQL).
    Each worker's migrations took 8 s of the suite's CPU, and what migrate leaves (the
    post_migrate signal's content types and permissions included) is all in the database.
    Django's creation calls `migrate` through management.call_command, replaced here for that
    one call."""
    migrate = management.call_command
    made_template = None

    def call_command(name, *args, **options):
        nonlocal made_template
        connection = connections[options.get("database", DEFAULT_DB_ALIAS)]
        if name != "migrate" or connection.vendor not in ("sqlite", "postgresql"):
            return migrate(name, *args, **options)
        management.call_command = migrate
        migrated_here = False

        def migrate_and_keep(folder: Path) -> None:
            nonlocal migrated_here, made_template
            migrate(name, *args, **options)
            migrated_here = True
            if connection.vendor == "sqlite":
                keep_migrated_copy(connection, folder / "db.sqlite3")
            else:
                keep_as_template(connection, worker_id, folder)
                made_template = (connection, folder)

        folder = once_per_run(
            tmp_path_factory, worker_id, f"migrated-{connection.vendor}", migrate_and_keep
        )
        if migrated_here:
            return None
        if connection.vendor == "sqlite":
            load_migrated_copy(folder / "db.sqlite3", connection)
        elif not made_from_template(connection, folder):
            migrate(name, *args, **options)
        return None

    if worker_id != "master":
        management.call_command = call_command
    try:
        yield
    finally:
        management.call_command = migrate
        if made_template is not None:
            with django_db_blocker.unblock():
                drop_template(*made_template)
