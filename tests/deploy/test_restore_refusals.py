"""restore_portal refuses, with a message that says why and nothing changed, an archive that is
damaged, climbs out of its folders, holds a link, comes from another engine or a newer portal,
or is restored over a database with tables or over different files; backup_portal never
overwrites an archive."""

import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from tests.deploy.backups import ON_POSTGRESQL, read_files, read_tables, rewrite
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

ATTACHMENT = "attachments/2026/soknad.pdf"


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """An archive of the freshly migrated test database with one attachment file, made outside
    any test's transaction (SQLite cannot copy a database its own connection is writing)."""
    folder = tmp_path_factory.mktemp("backup")
    source = folder / "private" / ATTACHMENT
    source.parent.mkdir(parents=True)
    source.write_bytes(PDF_BYTES + b"% vedlegg\n")
    path = folder / "hamarregion.tar.gz"
    with django_db_blocker.unblock(), override_settings(PRIVATE_MEDIA_ROOT=folder / "private"):
        call_command("backup_portal", output=str(path), verbosity=0)
    return path


@pytest.fixture
def new_folder(settings, tmp_path):
    """The restore writes its files into a folder of its own, which does not exist yet."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "restored-private"
    return settings.PRIVATE_MEDIA_ROOT


def database_state():
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor), read_tables(cursor)


def assert_refused(path, message, folder):
    before = database_state()
    with pytest.raises(CommandError, match=message):
        call_command("restore_portal", str(path), verbosity=0)
    assert database_state() == before
    assert not folder.exists()


@pytest.mark.parametrize(
    "name",
    [
        "../utenfor.txt",
        "/tmp/utenfor.txt",  # noqa: S108 - a name in the archive, never written
        "files/private/../../utenfor.txt",
        "./manifest.json",
    ],
)
def test_a_name_that_points_outside_the_archive_is_refused(archive, tmp_path, new_folder, name):
    altered = rewrite(archive, tmp_path / "altered.tar.gz", add=[(name, b"hei")])

    assert_refused(altered, "points outside the archive", new_folder)
    assert not (tmp_path / "utenfor.txt").exists()
    assert not (tmp_path.parent / "utenfor.txt").exists()


def test_a_link_in_the_archive_is_refused(archive, tmp_path, new_folder):
    altered = tmp_path / "link.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(altered, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        link = tarfile.TarInfo("files/private/passwd")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        target.addfile(link)

    assert_refused(altered, "not a regular file", new_folder)


def test_a_damaged_attachment_is_refused(archive, tmp_path, new_folder):
    altered = rewrite(
        archive,
        tmp_path / "altered.tar.gz",
        change=(f"files/private/{ATTACHMENT}", lambda data: data[:-2] + b"X\n"),
    )

    assert_refused(altered, f"files/private/{ATTACHMENT} in the archive does not match", new_folder)


def test_a_damaged_database_copy_is_refused(archive, tmp_path, new_folder):
    altered = rewrite(
        archive,
        tmp_path / "altered.tar.gz",
        change=("database.", lambda data: data[:100] + bytes([data[100] ^ 1]) + data[101:]),
    )

    assert_refused(altered, r"database\.\w+ in the archive does not match the sha256", new_folder)


def test_a_file_not_in_the_manifest_is_refused(archive, tmp_path, new_folder):
    altered = rewrite(
        archive,
        tmp_path / "altered.tar.gz",
        add=[("files/private/attachments/ekstra.pdf", PDF_BYTES)],
    )

    assert_refused(altered, "not listed: files/private/attachments/ekstra.pdf", new_folder)


def test_an_archive_from_the_other_engine_is_refused(archive, tmp_path, new_folder):
    ours, other = ("postgresql", "sqlite") if ON_POSTGRESQL else ("sqlite", "postgresql")
    members = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}

    def from_the_other_engine(manifest):
        manifest["database"] |= {"engine": other, "member": members[other]}
        return manifest

    altered = rewrite(
        archive,
        tmp_path / "altered.tar.gz",
        manifest=from_the_other_engine,
        rename={members[ours]: members[other]},
    )
    names = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}

    assert_refused(
        altered,
        f"made from a {names[other]} database and this portal runs on {names[ours]}",
        new_folder,
    )


def test_an_archive_from_a_newer_portal_is_refused(archive, tmp_path, new_folder):
    def newer(manifest):
        manifest["migrations"]["projects"].append("9999_fra_fremtiden")
        return manifest

    altered = rewrite(archive, tmp_path / "altered.tar.gz", manifest=newer)

    assert_refused(altered, "migrations this version of the portal does not have", new_folder)


def test_an_archive_of_the_earlier_json_format_is_refused(archive, tmp_path, new_folder):
    def earlier(manifest):
        return {"format": 1, "counts": {}, "migrations": {}, "files": {}}

    altered = rewrite(archive, tmp_path / "altered.tar.gz", manifest=earlier)

    assert_refused(altered, "of format 1", new_folder)


def test_a_file_that_is_not_an_archive_is_refused(tmp_path, new_folder):
    not_an_archive = tmp_path / "backup.tar.gz"
    not_an_archive.write_bytes(b"dette er ikke et arkiv")

    assert_refused(not_an_archive, "cannot be read as a backup archive", new_folder)


def test_a_database_with_tables_is_refused(archive, new_folder):
    assert_refused(archive, r"already holds \d+ tables", new_folder)


def test_a_different_file_already_in_place_is_refused_and_kept(archive, new_folder):
    in_place = new_folder / ATTACHMENT
    in_place.parent.mkdir(parents=True)
    in_place.write_bytes(b"en annen fil")

    with pytest.raises(CommandError, match="already exists with other content"):
        call_command("restore_portal", str(archive), verbosity=0)

    assert read_files(new_folder) == {ATTACHMENT: b"en annen fil"}


def test_backup_does_not_overwrite_an_existing_file(tmp_path):
    existing = tmp_path / "forrige.tar.gz"
    existing.write_bytes(b"forrige sikkerhetskopi")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_portal", output=str(existing), verbosity=0)

    assert existing.read_bytes() == b"forrige sikkerhetskopi"
    assert [path.name for path in tmp_path.iterdir()] == ["forrige.tar.gz"]
