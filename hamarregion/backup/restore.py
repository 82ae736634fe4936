"""Reading the archive back: every check before anything is written, then the data in one
transaction and the files beside it."""

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connections, transaction

from .archive import (
    CHUNK,
    DATA,
    FILES,
    FORMAT,
    MANIFEST,
    BackupError,
    applied_migrations,
    backed_up_models,
    file_roots,
    sha256_of,
)

# A restore goes only into a database without these: a freshly migrated one. The rows the
# migrations themselves make (the groups and their permissions, the four member
# municipalities) are replaced by the archive's.
CONTENT_MODELS = {
    "auth.user": "users",
    "programme.programme": "programmes",
    "projects.fundingcall": "funding calls",
    "projects.application": "applications",
}


def member_path(name: str) -> PurePosixPath:
    """The member's name as a relative path inside the archive; anything that could point
    elsewhere (an absolute path, .., a name that is not ours) is refused."""
    path = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or path.is_absolute()
        or ".." in path.parts
        or path.as_posix() != name  # "./x", "a//b", "a/./b": not as backup_portal writes them
    ):
        raise BackupError(
            f"The archive holds a file named {name!r}, which points outside the archive's own "
            "folders. Refused; nothing was restored."
        )
    if name in (MANIFEST, DATA):
        return path
    if len(path.parts) < 3 or path.parts[0] != FILES:
        raise BackupError(
            f"The archive holds {name!r}, which backup_portal does not write. Refused; nothing "
            "was restored."
        )
    return path


def read_manifest(archive: tarfile.TarFile, member: tarfile.TarInfo) -> dict:
    try:
        manifest = json.loads(archive.extractfile(member).read())
        valid = (
            manifest["format"] == FORMAT
            and isinstance(manifest["counts"], dict)
            and isinstance(manifest["migrations"], dict)
            and isinstance(manifest["data"]["sha256"], str)
            and all(isinstance(entry["sha256"], str) for entry in manifest["files"].values())
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        valid = False
    if not valid:
        raise BackupError(
            "The archive's manifest.json is missing parts or is of another format. Refused; "
            "nothing was restored."
        )
    return manifest


def unpack(archive_path: Path, workdir: Path) -> dict:
    """Check the archive and unpack it into workdir: every name safe, every file listed in the
    manifest and matching its sha256. Nothing is written outside workdir."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            members = archive.getmembers()
            seen = set()
            for member in members:
                member_path(member.name)
                if not member.isfile():
                    raise BackupError(
                        f"The archive holds {member.name!r}, which is not a regular file (a link "
                        "or a device). Refused; nothing was restored."
                    )
                if member.name in seen:
                    raise BackupError(
                        f"The archive holds {member.name!r} twice. Refused; nothing was restored."
                    )
                seen.add(member.name)
            if MANIFEST not in seen:
                raise BackupError(
                    f"{archive_path} has no manifest.json: it is not an archive made by "
                    "backup_portal, or it was cut short."
                )
            manifest = read_manifest(archive, archive.getmember(MANIFEST))
            expected = {DATA: manifest["data"]["sha256"]} | {
                name: entry["sha256"] for name, entry in manifest["files"].items()
            }
            for name in expected:
                member_path(name)
            present = seen - {MANIFEST}
            if present != set(expected):
                missing, extra = sorted(set(expected) - present), sorted(present - set(expected))
                raise BackupError(
                    "The archive does not hold the files its manifest lists"
                    + (f"; missing: {', '.join(missing)}" if missing else "")
                    + (f"; not listed: {', '.join(extra)}" if extra else "")
                    + ". Refused; nothing was restored."
                )
            for member in members:
                if member.name == MANIFEST:
                    continue
                target = workdir.joinpath(*PurePosixPath(member.name).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                source = archive.extractfile(member)
                with open(target, "wb") as handle:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        handle.write(chunk)
                if digest.hexdigest() != expected[member.name]:
                    raise BackupError(
                        f"{member.name} in the archive does not match the sha256 in its "
                        "manifest: the archive is damaged. Refused; nothing was restored."
                    )
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(
            f"{archive_path} cannot be read as a backup archive ({error}). Nothing was restored."
        ) from error
    return manifest


def check_compatible(manifest: dict, connection) -> None:
    """The archive fits this code and this database: the same models and the same migrations."""
    known = {model._meta.label_lower for model in backed_up_models()}
    unknown = sorted(set(manifest["counts"]) - known)
    if unknown:
        raise BackupError(
            f"The archive holds {', '.join(unknown)}, which this version of the portal does not "
            "have. Restore with the version that made the backup. Nothing was restored."
        )
    applied = applied_migrations(connection, manifest["migrations"])
    if applied != manifest["migrations"]:
        differing = sorted(
            label
            for label in manifest["migrations"]
            if applied.get(label) != manifest["migrations"][label]
        )
        raise BackupError(
            "The database's migrations differ from those the backup was made with (apps: "
            f"{', '.join(differing)}). Migrate an empty database to the same version as the "
            "backup (`manage.py migrate <app> <migration>`, or the portal version that made it), "
            "restore, then migrate forward. Nothing was restored."
        )
    roots = file_roots()
    for name in manifest["files"]:
        root_name = PurePosixPath(name).parts[1]
        if root_name not in roots:
            raise BackupError(
                f"The archive holds files for {root_name!r} (e.g. {name}), and this portal has "
                "no such folder set (MEDIA_ROOT?). Nothing was restored."
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
            raise BackupError(
                f"{target} already exists with other content. Restore into an empty folder; "
                "nothing was restored."
            )
        pairs.append((workdir.joinpath(*PurePosixPath(name).parts), target))
    return pairs


def refuse_unless_empty(using: str) -> None:
    found = []
    for label, noun in CONTENT_MODELS.items():
        count = apps.get_model(label)._base_manager.using(using).count()
        if count:
            found.append(f"{noun}: {count}")
    if found:
        raise BackupError(
            f"The database already holds data ({', '.join(found)}). restore_portal restores "
            "only into an empty database: create a new one, run `manage.py migrate`, and "
            "restore into that. Nothing was restored."
        )


def clear_restored_tables(using: str) -> None:
    """Empty every table the archive fills: in a freshly migrated database these hold only what
    the migrations made, which the archive's rows replace. Foreign keys are checked when the
    transaction ends, so the order does not matter; no signals (no history rows) are sent."""
    for model in backed_up_models():
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                through._base_manager.using(using).all()._raw_delete(using)
        model._base_manager.using(using).all()._raw_delete(using)


@dataclass
class RestoreResult:
    counts: dict[str, int]
    files_written: int
    files_present: int


def restore(archive_path, *, using: str) -> RestoreResult:
    """Restore the archive into an empty database, in one transaction, and its files into the
    configured folders. On any failure the database is rolled back and no file is left behind."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"{archive_path} does not exist.")
    connection = connections[using]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        manifest = unpack(archive_path, workdir)
        check_compatible(manifest, connection)
        pairs = files_to_write(manifest, workdir)
        written: list[Path] = []
        try:
            with transaction.atomic(using=using):
                refuse_unless_empty(using)
                clear_restored_tables(using)
                try:
                    call_command("loaddata", str(workdir / DATA), database=using, verbosity=0)
                except (DeserializationError, DatabaseError) as error:
                    raise BackupError(
                        f"The archive's data could not be loaded ({error}). Nothing was restored."
                    ) from error
                counts = {}
                for label, expected in manifest["counts"].items():
                    counts[label] = apps.get_model(label)._base_manager.using(using).count()
                    if counts[label] != expected:
                        raise BackupError(
                            f"{label}: {counts[label]} rows restored, the manifest lists "
                            f"{expected}. Nothing was restored."
                        )
                for source, target in pairs:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    written.append(target)
                    shutil.copyfile(source, target)
                    os.chmod(target, settings.FILE_UPLOAD_PERMISSIONS or 0o640)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
    return RestoreResult(
        counts=counts,
        files_written=len(pairs),
        files_present=len(manifest["files"]) - len(pairs),
    )
