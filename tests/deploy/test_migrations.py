"""The squashed migrations: a database migrated before the squash is up to date with them, and a
backup of one restores."""

import sqlite3
from contextlib import closing

from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from hamarregion.backup.restore import known_migrations
from tests.test_architecture import APPS

SQUASHED_APPS = ("meetings", "programme", "projects")
# The squash: each app's first migration and these.
SQUASH = {
    *((app, "0001_initial") for app in SQUASHED_APPS),
    ("meetings", "0002_agendaitem_applications"),
    ("programme", "0002_commitment_projects"),
    ("projects", "0002_groups_and_members"),
}


def replaced_migrations() -> set:
    """What the portal's own squashed migrations replace (django-otp squashes its own too)."""
    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return {
        key for (app, _name), migration in disk.items() if app in APPS for key in migration.replaces
    }


def as_before_the_squash(database) -> None:
    """What a database migrated with the migrations before the squash records for the three
    apps: their first migrations (named as now) and the ones the squash replaced."""
    with closing(sqlite3.connect(database)) as db, db:
        recorded = db.execute("SELECT app, name FROM django_migrations").fetchall()
        db.executemany(
            "DELETE FROM django_migrations WHERE app = ? AND name = ?",
            [
                (app, name)
                for app, name in recorded
                if app in SQUASHED_APPS
                and name != "0001_initial"
                and (app, name) not in replaced_migrations()
            ],
        )


def pending_on(database) -> list:
    """The migrations `migrate` would apply to the SQLite file `database`. The recorder reads
    through the connection's alias, so the file gets an alias of its own for the while."""
    alias = "before_the_squash"
    settings_dict = connections.configure_settings(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}}
    )["default"]
    connections[alias] = DatabaseWrapper(settings_dict, alias)
    try:
        executor = MigrationExecutor(connections[alias])
        return executor.migration_plan(executor.loader.graph.leaf_nodes())
    finally:
        connections[alias].close()
        del connections[alias]


def test_the_squashed_migrations_replace_every_earlier_one_of_the_three_apps():
    replaced = replaced_migrations()

    assert {app for app, _ in replaced} == set(SQUASHED_APPS)
    assert ("projects", "0013_secretariat_reads_mail") in replaced
    assert ("programme", "0007_english_versions") in replaced
    assert ("meetings", "0003_single_line_text") in replaced


def test_a_database_migrated_before_the_squash_needs_none_of_the_squashed_migrations(
    migrated_sqlite, django_db_blocker
):
    as_before_the_squash(migrated_sqlite)

    with django_db_blocker.unblock():
        pending = {
            (migration.app_label, migration.name) for migration, _ in pending_on(migrated_sqlite)
        }

    # Only migrations added after the squash are left to apply.
    assert pending.isdisjoint(SQUASH)


def test_a_new_database_records_the_replaced_migrations_so_older_code_reads_it_too(
    migrated_sqlite,
):
    with closing(sqlite3.connect(migrated_sqlite)) as db:
        recorded = set(db.execute("SELECT app, name FROM django_migrations"))

    assert ("projects", "0012_single_line_text") in recorded
    assert recorded <= known_migrations()
