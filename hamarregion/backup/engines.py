"""The databases' own tools do the copying: pg_dump and pg_restore for PostgreSQL, SQLite's
online backup API for SQLite. Each copies a running database in one consistent snapshot, and
restores into an empty database in one transaction."""

import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - PostgreSQL's own pg_dump and pg_restore, found on PATH
import time
from pathlib import Path

from django.apps import apps
from django.db.backends.postgresql.client import DatabaseClient

from .archive import BackupError

# Their tables are kept, empty. Sessions: restored, they would log people back in. django-axes'
# login attempts: short-lived records with IP addresses; restored, they would lock accounts again.
LEFT_OUT_APPS = ("sessions", "axes")
TOOL_SECONDS = 3600
LOCKED_SECONDS = 60


def left_out_tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for config in apps.get_app_configs()
        if config.label in LEFT_OUT_APPS
        for model in config.get_models(include_auto_created=True)
    )


def engine_of(connection) -> str:
    if connection.vendor not in ("postgresql", "sqlite"):
        raise BackupError(
            f"backup_portal works with PostgreSQL and SQLite; this database is {connection.vendor}."
        )
    return connection.vendor


def is_empty(connection) -> bool:
    return not connection.introspection.table_names()


def dump(connection, path: Path) -> dict:
    """Copy the database to `path`; return what the manifest says of the copy."""
    if engine_of(connection) == "postgresql":
        return pg_dump(connection, path)
    return sqlite_dump(connection, path)


def load(connection, path: Path) -> None:
    """Restore the copy at `path` into the connection's database, which is empty: all of it or,
    on any error, nothing."""
    if engine_of(connection) == "postgresql":
        pg_restore(connection, path)
    else:
        sqlite_load(connection, path)


# PostgreSQL


def executable(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed. Install PostgreSQL's client tools (Debian: apt install "
            "postgresql-client), of the server's major version or newer."
        )
    return found


def libpq_environment(connection) -> dict[str, str]:
    """Where and as whom to connect, all in libpq's environment variables: the password then
    never appears on a command line, which every user of the server can read in `ps`."""
    settings_dict = connection.settings_dict
    _, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = dict(os.environ) | (env or {})
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def run_tool(connection, args: list[str]) -> str:
    try:
        result = subprocess.run(  # noqa: S603 - a fixed program, arguments as a list, no shell
            args,
            env=libpq_environment(connection),
            capture_output=True,
            text=True,
            timeout=TOOL_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BackupError(f"{Path(args[0]).name} could not run: {error}") from error
    if result.returncode:
        raise BackupError(
            f"{Path(args[0]).name} failed (exit status {result.returncode}): "
            f"{result.stderr.strip()}"
        )
    return result.stdout.strip()


def pg_dump(connection, path: Path) -> dict:
    program = executable("pg_dump")
    run_tool(
        connection,
        [
            program,
            "--format=custom",
            "--no-password",
            f"--file={path}",
            *(f'--exclude-table-data="{table}"' for table in left_out_tables()),
            f"--dbname={connection.settings_dict['NAME']}",
        ],
    )
    connection.ensure_connection()
    return {
        "server_version": connection.connection.info.parameter_status("server_version"),
        "tool": run_tool(connection, [program, "--version"]),
    }


def pg_restore(connection, path: Path) -> None:
    run_tool(
        connection,
        [
            executable("pg_restore"),
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            "--no-password",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
        ],
    )


# SQLite


def give_up_when_locked(seconds: int = LOCKED_SECONDS):
    """sqlite3's backup waits for a locked database for ever; this gives up after a while."""
    deadline = time.monotonic() + seconds

    def progress(status, remaining, total):
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise BackupError(
                f"The SQLite database stayed locked for {seconds} s (by a transaction that "
                "writes to it); try again when it is done."
            )

    return progress


def sqlite_dump(connection, path: Path) -> dict:
    if connection.in_atomic_block:
        # SQLite cannot copy a database its own connection is writing.
        raise BackupError("backup_portal cannot copy SQLite from inside a transaction.")
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        # One read transaction on the running database, whatever it is written meanwhile.
        connection.connection.backup(copy, progress=give_up_when_locked())
        # The deleted rows are overwritten with zeros, not just unlinked from the file's pages.
        copy.execute("PRAGMA secure_delete = ON")
        for table in left_out_tables():
            # The names come from the app registry, not from input.
            copy.execute(f'DELETE FROM "{table}"')  # noqa: S608  # nosec B608
        copy.commit()
    finally:
        copy.close()
    return {"server_version": sqlite3.sqlite_version, "tool": "sqlite3 online backup API"}


def sqlite_load(connection, path: Path) -> None:
    if connection.in_atomic_block:
        raise BackupError("restore_portal cannot restore SQLite inside a transaction.")
    connection.ensure_connection()
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        # The destination is written in one transaction, rolled back if the copy fails.
        source.backup(connection.connection, progress=give_up_when_locked())
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not restore the database: {error}") from error
    finally:
        source.close()
