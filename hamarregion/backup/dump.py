"""Writing the archive: the data from one snapshot of the database, then the files."""

import datetime
import hashlib
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.db import connections, models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.timezone import is_aware

from .archive import (
    DATA,
    FILES,
    FORMAT,
    MANIFEST,
    NATURAL_KEY_MODELS,
    BackupError,
    applied_migrations,
    backed_up_models,
    file_roots,
)


def is_natural(model) -> bool:
    return model._meta.label_lower in NATURAL_KEY_MODELS


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Times with all their microseconds: Django's encoder cuts them to milliseconds, which
    would change every timestamp a little and could reorder history rows made in the same
    millisecond."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            if isinstance(o, datetime.time) and is_aware(o):
                raise ValueError("JSON can't represent timezone-aware times.")
            return o.isoformat()
        return super().default(o)


class PortalSerializer(JSONLSerializer):
    """Django's JSON Lines serializer, with natural keys for content types and permissions only.

    Every other relation is written as the id it has: that keeps history rows whose user or
    programme has since been deleted, where a natural key would have to load the missing row."""

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = is_natural(field.remote_field.model)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = is_natural(field.remote_field.model)
        super().handle_m2m_field(obj, field)


def rows_to_dump(model, counts: dict, *, using: str):
    """The model's rows in pk order, in chunks, with what the serializer reads of their
    relations fetched alongside instead of with one query a row."""
    natural_fks = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and is_natural(field.remote_field.model)
    ]
    prefetches = []
    for field in model._meta.many_to_many:
        if not field.remote_field.through._meta.auto_created:
            continue
        target = field.remote_field.model
        related = target._base_manager.using(using).order_by("pk")
        if target._meta.label_lower == "auth.permission":
            related = related.select_related("content_type")
        prefetches.append(Prefetch(field.name, queryset=related))
    queryset = (
        model._base_manager.using(using)
        .order_by("pk")
        .select_related(*natural_fks)
        .prefetch_related(*prefetches)
    )
    label = model._meta.label_lower
    counts[label] = 0
    for obj in queryset.iterator(chunk_size=2000):
        counts[label] += 1
        yield obj


def referenced_files(model_list, roots: dict[str, Path], *, using: str) -> set[str]:
    """The archive names of the files that the rows' file fields point to."""
    locations = {root.resolve(): name for name, root in roots.items()}
    names = set()
    for model in model_list:
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


def dump_data(path: Path, *, using: str, roots: dict[str, Path]) -> tuple[dict, set]:
    """Write every backed-up row to `path` from one snapshot of the database; return the rows
    per model and the files the rows point to."""
    connection = connections[using]
    counts: dict[str, int] = {}
    model_list = backed_up_models()
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using), open(path, "w", encoding="utf-8") as stream:
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every table: PostgreSQL's default gives each query its own.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        PortalSerializer().serialize(
            (obj for model in model_list for obj in rows_to_dump(model, counts, using=using)),
            stream=stream,
            cls=FullPrecisionEncoder,
        )
        files = referenced_files(model_list, roots, using=using)
    return counts, files


class HashingReader:
    """A file read into the archive, hashed as it is read: the manifest's sha256 is that of the
    bytes the archive holds, even if the file changed while the backup ran."""

    def __init__(self, handle):
        self.handle = handle
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.sha256.update(data)
        return data


def add_file(archive: tarfile.TarFile, path: Path, name: str) -> dict:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as handle:
        reader = HashingReader(handle)
        archive.addfile(info, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": info.size}


def files_under(root: Path):
    """Regular files under root, in a stable order; symbolic links are not followed."""
    for folder, subfolders, filenames in os.walk(root):
        subfolders.sort()
        for filename in sorted(filenames):
            path = Path(folder) / filename
            if path.is_file() and not path.is_symlink():
                yield path


@dataclass
class BackupResult:
    path: Path
    counts: dict[str, int]
    files: dict[str, dict]
    missing_files: list[str]


def backup(output, *, using: str) -> BackupResult:
    """Write the archive to `output` (readable by its owner only: it holds personal data and
    password hashes). It appears there whole or not at all."""
    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} already exists; give a new file name.")
    if not output.parent.is_dir():
        raise BackupError(f"The folder {output.parent} does not exist.")
    roots = file_roots()
    fd, partial = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".part")
    try:
        with (
            tempfile.TemporaryDirectory() as workdir,
            os.fdopen(fd, "wb") as raw,
            tarfile.open(fileobj=raw, mode="w:gz") as archive,
        ):
            data_path = Path(workdir) / DATA
            counts, referenced = dump_data(data_path, using=using, roots=roots)
            data_entry = add_file(archive, data_path, DATA)
            files = {}
            for root_name, root in roots.items():
                if root.is_dir():
                    for path in files_under(root):
                        name = f"{FILES}/{root_name}/{path.relative_to(root).as_posix()}"
                        files[name] = add_file(archive, path, name)
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "django_version": django.get_version(),
                "database_vendor": connections[using].vendor,
                "migrations": applied_migrations(
                    connections[using], {label.split(".")[0] for label in counts}
                ),
                "counts": counts,
                "data": data_entry,
                "files": files,
            }
            body = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o600
            with tempfile.TemporaryFile() as handle:
                handle.write(body)
                handle.seek(0)
                archive.addfile(info, handle)
        os.replace(partial, output)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return BackupResult(
        path=output, counts=counts, files=files, missing_files=sorted(referenced - set(files))
    )
