"""Reading the archive back: every check before anything is written, then the files and the
database, and on any failure the files taken away again."""

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from . import engines
from .archive import ENGINE_NAMES, BackupError, file_roots, refused, sha256_of, unpack


def known_migrations() -> set[tuple[str, str]]:
    """Every migration this code has, and each one a squashed migration replaces: a database
    migrated before a squash lists the replaced ones."""
    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return set(disk) | {key for migration in disk.values() for key in migration.replaces}


def check_compatible(manifest: dict, connection) -> None:
    """The archive fits this database's engine and this version of the code."""
    engine = engines.engine_of(connection)
    made_from = manifest["database"]["engine"]
    if made_from != engine:
        raise refused(
            f"The archive was made from a {ENGINE_NAMES[made_from]} database and this portal "
            f"runs on {ENGINE_NAMES[engine]}. A backup restores only into the engine it was "
            "made from."
        )
    known = known_migrations()
    unknown = sorted(
        f"{label}.{name}"
        for label, names in manifest["migrations"].items()
        for name in names
        if (label, name) not in known
    )
    if unknown:
        raise refused(
            f"The archive's database has migrations this version of the portal does not have "
            f"({', '.join(unknown[:5])}{', …' if len(unknown) > 5 else ''}). Restore with the "
            "version that made the backup, or a newer one."
        )
    roots = file_roots()
    for name in manifest["files"]:
        root_name = PurePosixPath(name).parts[1]
        if root_name not in roots:
            raise refused(
                f"The archive holds files for {root_name!r} (e.g. {name}), and this portal has "
                "no such folder set (MEDIA_ROOT?)."
            )


def refuse_unless_empty(connection) -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise refused(
            f"The database {connection.settings_dict['NAME']} already holds {len(tables)} "
            "tables. restore_portal restores only into an empty database: create a new one "
            "(do not migrate it) and restore into that."
        )


def file_target(name: str) -> Path:
    parts = PurePosixPath(name).parts
    return file_roots()[parts[1]].joinpath(*parts[2:])


def files_to_write(manifest: dict, workdir: Path) -> list[tuple[Path, Path]]:
    """(unpacked file, where it belongs) for every file not already there with the same bytes.
    A different file where one belongs is refused, never overwritten."""
    pairs = []
    for name, entry in manifest["files"].items():
        target = file_target(name)
        if target.exists() or target.is_symlink():
            if (
                target.is_file()
                and not target.is_symlink()
                and sha256_of(target) == entry["sha256"]
            ):
                continue
            raise refused(
                f"{target} already exists with other content. Restore into an empty folder."
            )
        pairs.append((workdir.joinpath(*PurePosixPath(name).parts), target))
    return pairs


def write_files(pairs: list[tuple[Path, Path]], written: list[Path]) -> None:
    """Copy the files to their places, noting in `written` every file and folder made, so that
    a failure can take them away again."""
    for source, target in pairs:
        missing = [folder for folder in reversed(target.parents) if not folder.exists()]
        for folder in missing:
            folder.mkdir()
            written.append(folder)
        written.append(target)
        shutil.copyfile(source, target)
        os.chmod(target, settings.FILE_UPLOAD_PERMISSIONS or 0o640)


def take_away(written: list[Path]) -> None:
    for path in reversed(written):
        # A folder someone else wrote into meanwhile stays.
        with contextlib.suppress(OSError):
            path.rmdir() if path.is_dir() else path.unlink(missing_ok=True)


@dataclass
class RestoreResult:
    engine: str
    files_written: int
    files_present: int
    pending_migrations: int


def restore(archive_path, *, using: str) -> RestoreResult:
    """Restore the archive into an empty database and its files into the configured folders.
    The whole archive is checked first; on any failure the database is left empty and no file
    or folder made here is left behind."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"{archive_path} does not exist.")
    connection = connections[using]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        manifest = unpack(archive_path, workdir)
        check_compatible(manifest, connection)
        pairs = files_to_write(manifest, workdir)
        refuse_unless_empty(connection)
        written: list[Path] = []
        try:
            write_files(pairs, written)
            engines.load(connection, workdir / manifest["database"]["member"])
        except BaseException:
            take_away(written)
            raise
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return RestoreResult(
        engine=manifest["database"]["engine"],
        files_written=len(pairs),
        files_present=len(manifest["files"]) - len(pairs),
        pending_migrations=len(set(loader.disk_migrations) - set(loader.applied_migrations)),
    )
