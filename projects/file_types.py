"""What an uploaded file really is, read from its content, not from the name the user gave it."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_APPLICATION = 10


@dataclass(frozen=True)
class FileType:
    label: str
    suffixes: tuple[str, ...]
    content_type: str


PDF = FileType("PDF", (".pdf",), "application/pdf")
PNG = FileType("PNG", (".png",), "image/png")
JPEG = FileType("JPEG", (".jpg", ".jpeg"), "image/jpeg")
ODT = FileType("ODT", (".odt",), "application/vnd.oasis.opendocument.text")
ODS = FileType("ODS", (".ods",), "application/vnd.oasis.opendocument.spreadsheet")
DOCX = FileType(
    "DOCX",
    (".docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = FileType(
    "XLSX", (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
ALLOWED_TYPES = (PDF, ODT, DOCX, XLSX, ODS, PNG, JPEG)
ALLOWED_LABELS = ", ".join(t.label for t in ALLOWED_TYPES)


class SuspectedZipBomb(Exception):
    """A ZIP-based upload that would unpack to far more than any real document does."""


# Bounds for ZIP-based documents (ODT, ODS, DOCX, XLSX), whose parts a crafted upload can make
# unpack to thousands of times its own size: a bomb for whoever opens it, here or on a desk.
# Real documents stay far inside them: under 10 MB they unpack to some tens of MB, text at
# 5-20 to 1, and have tens or hundreds of parts.
MAX_ARCHIVE_MEMBERS = 10_000
MAX_ARCHIVE_UNPACKED_BYTES = 100 * 1024 * 1024
# Apache POI's default for the same check. Parts under the grace size are left alone: small
# XML parts of real documents can compress very well, and unpacked they harm no one.
MAX_COMPRESSION_RATIO = 100
RATIO_GRACE_BYTES = 1024 * 1024
# More than enough of a part to tell the type (an ODF mimetype is some 50 bytes).
MEMBER_READ_BYTES = 1024

# Every entry zipfile reads from the central directory starts with this signature, so counting
# it bounds the entries before zipfile builds its table, whatever the end record claims.
CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"


def _count_occurrences(fileobj, signature: bytes, chunk_size: int = 64 * 1024) -> int:
    fileobj.seek(0)
    count, carry = 0, b""
    while chunk := fileobj.read(chunk_size):
        window = carry + chunk
        count += window.count(signature)
        carry = window[-(len(signature) - 1) :]
    return count


def _unpacks_too_far(members: list[zipfile.ZipInfo]) -> bool:
    """Whether the sizes the archive declares are those of a bomb. Declared sizes can lie; this
    module never unpacks more than MEMBER_READ_BYTES whatever they say."""
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if unpacked > MAX_ARCHIVE_UNPACKED_BYTES:
        return True
    return any(
        size > RATIO_GRACE_BYTES and size > MAX_COMPRESSION_RATIO * max(compressed, 1)
        for size, compressed in [
            *((member.file_size, member.compress_size) for member in members),
            (unpacked, packed),
        ]
    )


def _read_member_start(archive: zipfile.ZipFile, name: str) -> bytes | None:
    info = archive.getinfo(name)
    # zipfile inflates deflate in bounded steps but hands bzip2 and LZMA their whole input at
    # once; ODF and OOXML use neither.
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    with archive.open(info) as member:
        return member.read(MEMBER_READ_BYTES)


def _zip_type(fileobj) -> FileType | None:
    if _count_occurrences(fileobj, CENTRAL_DIRECTORY_ENTRY) > MAX_ARCHIVE_MEMBERS:
        raise SuspectedZipBomb
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            if _unpacks_too_far(members):
                raise SuspectedZipBomb
            names = {member.filename for member in members}
            if "mimetype" in names:
                start = _read_member_start(archive, "mimetype") or b""
                mimetype = start.decode("ascii", "replace").strip()
                return {ODT.content_type: ODT, ODS.content_type: ODS}.get(mimetype)
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, NotImplementedError):
        return None
    return None


def detect_file_type(fileobj) -> FileType | None:
    """The allowed type the content matches, or None. Leaves the file at its start.

    Raises SuspectedZipBomb for a ZIP-based file whose parts would unpack to an absurd size."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(fileobj)
        return None
    finally:
        fileobj.seek(0)


def type_matches_name(file_type: FileType, name: str) -> bool:
    return PurePath(name).suffix.lower() in file_type.suffixes


def clean_display_name(name: str) -> str:
    """The name shown to users: the last path part, without control characters, at most 255."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:255] or "vedlegg"
