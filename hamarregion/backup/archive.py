"""The archive itself: its layout, writing a file into it, and reading it back with every check
made before anything leaves the working folder."""

import hashlib
import json
import os
import tarfile
import zlib
from pathlib import Path, PurePosixPath

from django.conf import settings

FORMAT = 2
MANIFEST = "manifest.json"
FILES = "files"
# The database's copy, by engine: pg_dump's custom format, or an SQLite database file.
DATABASE_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def file_roots() -> dict[str, Path]:
    """The folders whose files go into the archive, by their name there. MEDIA_ROOT only where
    one is set and is not PRIVATE_MEDIA_ROOT or inside it."""
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    roots = {"private": private}
    if settings.MEDIA_ROOT:
        media = Path(settings.MEDIA_ROOT)
        if not media.resolve().is_relative_to(private.resolve()):
            roots["media"] = media
    return roots


def files_under(root: Path):
    """Regular files under root, in a stable order; symbolic links are not followed."""
    for folder, subfolders, filenames in os.walk(root):
        subfolders.sort()
        for filename in sorted(filenames):
            path = Path(folder) / filename
            if path.is_file() and not path.is_symlink():
                yield path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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


def refused(reason: str) -> BackupError:
    return BackupError(f"{reason} Refused; nothing was restored.")


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
        raise refused(
            f"The archive holds a file named {name!r}, which points outside the archive's own "
            "folders."
        )
    if name == MANIFEST or name in DATABASE_MEMBERS.values():
        return path
    if len(path.parts) < 3 or path.parts[0] != FILES:
        raise refused(f"The archive holds {name!r}, which backup_portal does not write.")
    return path


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.loads(archive.extractfile(MANIFEST).read())
        if manifest.get("format") != FORMAT:
            raise refused(
                f"The archive is of format {manifest.get('format')!r}, this portal reads format "
                f"{FORMAT} (a database dump). Restore it with the portal version that made it."
            )
        database = manifest["database"]
        valid = (
            DATABASE_MEMBERS.get(database["engine"]) == database["member"]
            and isinstance(database["sha256"], str)
            and isinstance(manifest["migrations"], dict)
            and all(isinstance(entry["sha256"], str) for entry in manifest["files"].values())
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        valid = False
    if not valid:
        raise refused("The archive's manifest.json is missing parts or is of another format.")
    return manifest


def check_members(archive_path: Path, members: list[tarfile.TarInfo]) -> set[str]:
    seen = set()
    for member in members:
        member_path(member.name)
        if not member.isfile():
            raise refused(
                f"The archive holds {member.name!r}, which is not a regular file (a link or a "
                "device)."
            )
        if member.name in seen:
            raise refused(f"The archive holds {member.name!r} twice.")
        seen.add(member.name)
    if MANIFEST not in seen:
        raise BackupError(
            f"{archive_path} has no manifest.json: it is not an archive made by backup_portal, "
            "or it was cut short. Nothing was restored."
        )
    return seen


def unpack(archive_path: Path, workdir: Path) -> dict:
    """Check the archive and unpack it into workdir: every name safe, every file listed in the
    manifest and matching its sha256. Nothing is written outside workdir."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            members = archive.getmembers()
            seen = check_members(archive_path, members)
            manifest = read_manifest(archive)
            database = manifest["database"]
            expected = {database["member"]: database["sha256"]} | {
                name: entry["sha256"] for name, entry in manifest["files"].items()
            }
            for name in manifest["files"]:
                if member_path(name).parts[0] != FILES:
                    raise refused(f"The manifest lists {name!r} among the files.")
            present = seen - {MANIFEST}
            if present != set(expected):
                missing, extra = sorted(set(expected) - present), sorted(present - set(expected))
                raise refused(
                    "The archive does not hold the files its manifest lists"
                    + (f"; missing: {', '.join(missing)}" if missing else "")
                    + (f"; not listed: {', '.join(extra)}" if extra else "")
                    + "."
                )
            for member in members:
                if member.name != MANIFEST:
                    extract_checked(archive, member, workdir, expected[member.name])
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(
            f"{archive_path} cannot be read as a backup archive ({error}). Nothing was restored."
        ) from error
    return manifest


def extract_checked(archive, member, workdir: Path, sha256: str) -> None:
    target = workdir.joinpath(*PurePosixPath(member.name).parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    source = archive.extractfile(member)
    with open(target, "wb") as handle:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            handle.write(chunk)
    if digest.hexdigest() != sha256:
        raise refused(
            f"{member.name} in the archive does not match the sha256 in its manifest: the "
            "archive is damaged."
        )
