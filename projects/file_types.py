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


def _zip_type(fileobj) -> FileType | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
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
    """The allowed type the content matches, or None. Leaves the file at its start."""
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
