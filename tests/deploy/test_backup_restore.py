"""Backup and restore (manage.py backup_portal / restore_portal) with the database's own tools: an
archive restored on a "new server" (a new, empty database of the suite's engine and an empty
folder, restore_portal in a process of its own) gives back the same rows with the same ids and
the same files byte for byte; a restore that fails there leaves the database empty and no file
behind.

The data is committed (transactional tests): pg_dump reads the database from a process of its
own and sees only what is committed."""

import hashlib
import io
import json
import os
import stat
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from projects.models import Attachment
from tests.deploy.backups import (
    ON_POSTGRESQL,
    empty_database,
    make_portal,
    manage,
    read_files,
    read_tables,
    rewrite,
    tables,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LEFT_OUT_TABLES = {table for table in tables() if table.startswith(("django_session", "axes_"))}


@pytest.fixture
def portal(programme_fixture, secretariat_user, hamar, hamar_user):
    make_portal(secretariat_user=secretariat_user, hamar=hamar, hamar_user=hamar_user)


@pytest.fixture
def archive(portal, tmp_path):
    path = tmp_path / "backup" / "hamarregion.tar.gz"
    path.parent.mkdir()
    call_command("backup_portal", output=str(path), verbosity=0)
    return path


def assert_the_same_portal_comes_back(archive, tmp_path):
    with connection.cursor() as cursor:
        before = read_tables(cursor)
    files_before = read_files(Path(settings.PRIVATE_MEDIA_ROOT))
    assert len(files_before) == 2
    assert before["counts"]["django_session"] == 1
    assert len(before["values"]["projects_historicalapplication"]) > 3
    restored_files = tmp_path / "new-server" / "private"

    with empty_database(tmp_path) as target:
        result = manage(
            "restore_portal", str(archive), database_url=target.url, private_media=restored_files
        )
        assert result.returncode == 0, result.stderr
        after = target.read()
        unapplied = manage(
            "migrate", "--check", database_url=target.url, private_media=restored_files
        )

    assert "and 2 files" in result.stdout
    assert after["values"] == before["values"]
    assert after["counts"] == before["counts"] | dict.fromkeys(LEFT_OUT_TABLES, 0)
    assert read_files(restored_files) == files_before
    assert unapplied.returncode == 0, unapplied.stdout


@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL's round trip (pg_dump, pg_restore)")
def test_pg_dump_and_pg_restore_give_back_the_same_rows_and_files(archive, tmp_path):
    with tarfile.open(archive) as tar:
        assert "database.pgdump" in tar.getnames()
        assert tar.extractfile("database.pgdump").read(5) == b"PGDMP"
    assert_the_same_portal_comes_back(archive, tmp_path)


@pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite's round trip (its online backup API)")
def test_the_sqlite_backup_gives_back_the_same_rows_and_files(archive, tmp_path):
    with tarfile.open(archive) as tar:
        assert "database.sqlite3" in tar.getnames()
        assert tar.extractfile("database.sqlite3").read(16) == b"SQLite format 3\x00"
    assert_the_same_portal_comes_back(archive, tmp_path)


def test_the_manifest_lists_the_engine_the_migrations_and_every_file(archive):
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        database = tar.extractfile(manifest["database"]["member"]).read()
    assert stat.S_IMODE(os.stat(archive).st_mode) == 0o600
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["database"]["sha256"] == hashlib.sha256(database).hexdigest()
    assert set(manifest["database"]["left_out"]) == LEFT_OUT_TABLES
    assert "0001_initial" in manifest["migrations"]["projects"]
    files = read_files(Path(settings.PRIVATE_MEDIA_ROOT))
    assert {
        name.removeprefix("files/private/"): entry["sha256"]
        for name, entry in manifest["files"].items()
    } == {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def test_a_database_copy_that_fails_to_load_leaves_the_new_database_empty(archive, tmp_path):
    """The copy matches its (rewritten) manifest, so the checks pass, the files are written and
    the database's own tool starts: it fails half-way, and everything is taken back."""

    def cut(data):
        return data[: len(data) // 2] if ON_POSTGRESQL else b"not a database".ljust(len(data))

    member = "database.pgdump" if ON_POSTGRESQL else "database.sqlite3"
    with tarfile.open(archive) as tar:
        damaged = cut(tar.extractfile(member).read())

    def fix_manifest(manifest):
        manifest["database"]["sha256"] = hashlib.sha256(damaged).hexdigest()
        return manifest

    altered = rewrite(archive, tmp_path / "cut.tar.gz", change=(member, cut), manifest=fix_manifest)
    restored_files = tmp_path / "new-server" / "private"

    with empty_database(tmp_path) as target:
        result = manage(
            "restore_portal", str(altered), database_url=target.url, private_media=restored_files
        )
        tables_after = target.table_count()

    assert result.returncode == 1
    assert ("pg_restore failed" if ON_POSTGRESQL else "SQLite could not") in result.stderr
    assert tables_after == 0
    assert not restored_files.exists()
    assert not restored_files.parent.exists()


def test_a_damaged_attachment_leaves_the_new_database_and_folder_empty(archive, tmp_path):
    altered = rewrite(
        archive,
        tmp_path / "damaged.tar.gz",
        change=("files/private/attachments/", lambda data: data[:-2] + b"X\n"),
    )
    restored_files = tmp_path / "new-server" / "private"

    with empty_database(tmp_path) as target:
        result = manage(
            "restore_portal", str(altered), database_url=target.url, private_media=restored_files
        )
        tables_after = target.table_count()

    assert result.returncode == 1
    assert "does not match the sha256 in its manifest" in result.stderr
    assert tables_after == 0
    assert not restored_files.exists()


def test_backup_warns_of_an_attachment_whose_file_is_missing(portal, tmp_path):
    attachment = Attachment.objects.get(original_name="plan.pdf")
    Path(attachment.file.path).unlink()
    errors = io.StringIO()

    call_command("backup_portal", output=str(tmp_path / "b.tar.gz"), stderr=errors, verbosity=0)

    assert f"files/private/{attachment.file.name} is referred to by the data" in errors.getvalue()
    with tarfile.open(tmp_path / "b.tar.gz") as tar:
        assert f"files/private/{attachment.file.name}" not in tar.getnames()
