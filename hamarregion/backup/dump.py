"""Writing the archive: the database's own copy first, then the files."""

import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
from django.apps import apps
from django.db import connections, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from . import engines
from .archive import (
    DATABASE_MEMBERS,
    FILES,
    FORMAT,
    MANIFEST,
    BackupError,
    add_file,
    file_roots,
    files_under,
)


def applied_migrations(connection) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {label: sorted(names) for label, names in sorted(applied.items())}


def referenced_files(roots: dict[str, Path], *, using: str) -> set[str]:
    """The archive names of the files that the rows' file fields point to."""
    locations = {root.resolve(): name for name, root in roots.items()}
    names = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            root_name = locations.get(Path(field.storage.location).resolve())
            if root_name is None:
                continue
            for value in (
                model._base_manager.using(using)
                .exclude(**{field.attname: ""})
                .exclude(**{f"{field.attname}__isnull": True})
                .values_list(field.attname, flat=True)
                .iterator()
            ):
                names.add(f"{FILES}/{root_name}/{value}")
    return names


@dataclass
class BackupResult:
    path: Path
    engine: str
    database_size: int
    files: dict[str, dict]
    missing_files: list[str]


def backup(output, *, using: str) -> BackupResult:
    """Write the archive to `output` (readable by its owner only: it holds personal data and
    password hashes). It appears there whole or not at all.

    The database is copied first, then the files: a file uploaded in between is a file without
    a row, which is harmless; the other way round a row would point at a missing file."""
    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} already exists; give a new file name.")
    if not output.parent.is_dir():
        raise BackupError(f"The folder {output.parent} does not exist.")
    connection = connections[using]
    engine = engines.engine_of(connection)
    roots = file_roots()
    # mkstemp makes the file readable and writable by its owner only.
    fd, partial = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".part")
    try:
        with (
            tempfile.TemporaryDirectory() as workdir,
            os.fdopen(fd, "wb") as raw,
            tarfile.open(fileobj=raw, mode="w:gz") as archive,
        ):
            member = DATABASE_MEMBERS[engine]
            copy = Path(workdir) / member
            about = engines.dump(connection, copy)
            database = {"engine": engine, "member": member, **about}
            database |= add_file(archive, copy, member)
            database["left_out"] = engines.left_out_tables()
            referenced = referenced_files(roots, using=using)
            files = {}
            for root_name, root in roots.items():
                if root.is_dir():
                    for path in files_under(root):
                        name = f"{FILES}/{root_name}/{path.relative_to(root).as_posix()}"
                        files[name] = add_file(archive, path, name)
            write_manifest(
                archive,
                {
                    "format": FORMAT,
                    "created_at": timezone.now().isoformat(),
                    "django_version": django.get_version(),
                    "database": database,
                    "migrations": applied_migrations(connection),
                    "files": files,
                },
            )
        os.replace(partial, output)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return BackupResult(
        path=output,
        engine=engine,
        database_size=database["size"],
        files=files,
        missing_files=sorted(referenced - set(files)),
    )


def write_manifest(archive: tarfile.TarFile, manifest: dict) -> None:
    body = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
    info = tarfile.TarInfo(MANIFEST)
    info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o600
    with tempfile.TemporaryFile() as handle:
        handle.write(body)
        handle.seek(0)
        archive.addfile(info, handle)
