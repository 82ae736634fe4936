"""The test database as the migrations leave it, kept as a file for the processes that tests
start (gunicorn, manage.py): copying it costs milliseconds, migrating again seconds."""

import sqlite3
from contextlib import closing
from pathlib import Path


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
