"""Attachments: the allowed types checked by content and name, the size and count limits, private
storage under a random name, and download only for those who may see the application."""

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Attachment
from projects.services import attachment_add
from projects.workflow import State
from tests.factories import PDF_BYTES, AttachmentFactory, complete_application
from tests.html import element_text, page_text

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
WRONG_TYPE = (
    "Filen er ikke en gyldig PDF, ODT, DOCX, XLSX, ODS, PNG, JPEG-fil, eller filnavnet passer "
    "ikke med innholdet."
)
TOO_LARGE = "Filen er for stor. Et vedlegg kan være høyst 10 MB."
TOO_MANY = "En søknad kan ha høyst 10 vedlegg. Slett et vedlegg først."


def png_bytes() -> bytes:
    """A real 1×1 white PNG."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    """The start of a JFIF file (SOI, APP0) and its end (EOI)."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


def zip_bytes(entries, *, first_stored=False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, content) in enumerate(entries):
            kind = zipfile.ZIP_STORED if (first_stored and index == 0) else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=kind)
    return buffer.getvalue()


CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/"/>'


def docx_bytes() -> bytes:
    return zip_bytes(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("word/document.xml", "<w:document><w:body><w:p/></w:body></w:document>"),
        ]
    )


def xlsx_bytes() -> bytes:
    return zip_bytes(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("xl/workbook.xml", "<workbook><sheets/></workbook>"),
        ]
    )


def opendocument_bytes(kind) -> bytes:
    return zip_bytes(
        [
            ("mimetype", f"application/vnd.oasis.opendocument.{kind}"),
            ("content.xml", "<office:document-content/>"),
            ("META-INF/manifest.xml", "<manifest:manifest/>"),
        ],
        first_stored=True,
    )


ALLOWED = [
    ("rapport.pdf", PDF_BYTES, "application/pdf"),
    ("kart.png", png_bytes(), "image/png"),
    ("foto.jpg", jpeg_bytes(), "image/jpeg"),
    ("foto.JPEG", jpeg_bytes(), "image/jpeg"),
    (
        "soknad.docx",
        docx_bytes(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "budsjett.xlsx",
        xlsx_bytes(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("soknad.odt", opendocument_bytes("text"), "application/vnd.oasis.opendocument.text"),
    (
        "budsjett.ods",
        opendocument_bytes("spreadsheet"),
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
]

REFUSED = [
    ("text-named-pdf.pdf", b"Dette er bare tekst, ikke en PDF.\n"),
    ("png-named-pdf.pdf", png_bytes()),
    ("pdf-named-docx.docx", PDF_BYTES),
    ("docx-named-xlsx.xlsx", docx_bytes()),
    ("odt-named-ods.ods", opendocument_bytes("text")),
    ("jpeg-named-png.png", jpeg_bytes()),
    ("zip-named-docx.docx", zip_bytes([("readme.txt", "hei")])),
    ("broken-zip.xlsx", b"PK\x03\x04" + b"\x00" * 100),
    ("html-named-png.png", b"<html><script>alert(1)</script></html>"),
    ("program.exe", b"MZ\x90\x00\x03"),
    ("pdf-named-exe.exe", PDF_BYTES),
    ("pdf-without-suffix", PDF_BYTES),
    ("opendocument-presentation.odt", opendocument_bytes("presentation")),
]


@pytest.fixture
def draft(hamar, hamar_user):
    return complete_application(lead_municipality=hamar, created_by=hamar_user)


def upload_url(application):
    return reverse("projects:attachment-upload", args=[application.pk])


def upload(client, application, name, content, content_type="application/octet-stream"):
    return client.post(
        upload_url(application), {"file": SimpleUploadedFile(name, content, content_type)}
    )


def stored_files(settings) -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def assert_refused_at_the_field(response, message, application, settings):
    assert response.status_code == 200
    assert response.context["attachment_form"].errors == {"file": [message]}
    assert message in element_text(response, "div_id_file")
    assert not application.attachments.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize(("name", "content", "content_type"), ALLOWED, ids=[a[0] for a in ALLOWED])
def test_each_allowed_type_is_accepted(hamar_client, draft, settings, name, content, content_type):
    response = upload(hamar_client, draft, name, content)

    assert response.status_code == 302
    assert response["Location"] == reverse("projects:application-edit", args=[draft.pk])
    attachment = draft.attachments.get()
    assert attachment.original_name == name
    assert attachment.content_type == content_type
    assert attachment.size == len(content)
    assert Path(attachment.file.path).read_bytes() == content
    assert name in page_text(hamar_client.get(response["Location"]))


@pytest.mark.parametrize(("name", "content"), REFUSED, ids=[r[0] for r in REFUSED])
def test_content_that_does_not_match_an_allowed_type_and_its_name_is_refused(
    hamar_client, draft, settings, name, content
):
    # The browser's claimed content type is no help: the check reads the content.
    response = upload(hamar_client, draft, name, content, content_type="application/pdf")

    assert_refused_at_the_field(response, WRONG_TYPE, draft, settings)


def test_a_file_over_10_mb_is_refused(hamar_client, draft, settings):
    content = b"%PDF-1.4\n" + b"0" * (10 * MB + 1 - 9)
    assert len(content) == 10 * MB + 1

    response = upload(hamar_client, draft, "stor.pdf", content)

    assert_refused_at_the_field(response, TOO_LARGE, draft, settings)


def test_a_file_of_exactly_10_mb_is_accepted(hamar_client, draft):
    content = b"%PDF-1.4\n" + b"0" * (10 * MB - 9)

    response = upload(hamar_client, draft, "akkurat-10-mb.pdf", content)

    assert response.status_code == 302
    assert draft.attachments.get().size == 10 * MB


def test_an_empty_file_is_refused(hamar_client, draft, settings):
    response = upload(hamar_client, draft, "tom.pdf", b"")

    assert response.status_code == 200
    assert response.context["attachment_form"].errors["file"]
    assert not draft.attachments.exists()


def test_posting_no_file_asks_for_one(hamar_client, draft):
    response = hamar_client.post(upload_url(draft), {})

    assert response.status_code == 200
    assert response.context["attachment_form"].errors["file"]
    assert not draft.attachments.exists()


def test_the_tenth_attachment_is_accepted_and_the_eleventh_refused(hamar_client, draft, settings):
    AttachmentFactory.create_batch(9, application=draft)

    tenth = upload(hamar_client, draft, "nummer-10.pdf", PDF_BYTES)
    eleventh = upload(hamar_client, draft, "nummer-11.pdf", PDF_BYTES)

    assert tenth.status_code == 302
    assert eleventh.status_code == 200
    assert eleventh.context["attachment_form"].errors == {"file": [TOO_MANY]}
    assert TOO_MANY in page_text(eleventh)
    assert draft.attachments.count() == 10
    assert not draft.attachments.filter(original_name="nummer-11.pdf").exists()
    assert len(stored_files(settings)) == 10


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("rapport.pdf", "rapport.pdf"),
        ("..\\..\\windows\\rapport.pdf", "rapport.pdf"),
        ("søknad om midler 2026.pdf", "søknad om midler 2026.pdf"),
    ],
)
def test_the_stored_path_never_contains_the_users_file_name(
    hamar_user, draft, settings, given, shown
):
    uploaded = SimpleUploadedFile("placeholder.pdf", PDF_BYTES, "application/pdf")
    uploaded._name = given  # past UploadedFile's own clean-up, as a client could send it

    attachment = attachment_add(application=draft, user=hamar_user, uploaded_file=uploaded)

    assert re.fullmatch(r"attachments/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", attachment.file.name)
    stem = Path(shown).stem
    assert stem not in attachment.file.name
    assert attachment.original_name == shown
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert Path(attachment.file.path).resolve().is_relative_to(root)
    assert stored_files(settings) == [Path(attachment.file.path)]


def test_an_uploaded_path_becomes_a_random_name_and_the_original_is_kept_for_display(
    hamar_client, draft, settings
):
    upload(hamar_client, draft, "../../etc/passwd.pdf", PDF_BYTES)

    attachment = draft.attachments.get()
    assert re.fullmatch(r"attachments/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert attachment.original_name == "passwd.pdf"
    assert (
        Path(attachment.file.path)
        .resolve()
        .is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    )


def test_attachments_are_stored_outside_the_public_folders_and_urls(client, draft, settings):
    attachment = AttachmentFactory(application=draft)
    path = Path(attachment.file.path).resolve()

    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.BASE_DIR, "static").resolve())
    for url in (
        f"/{attachment.file.name}",
        f"/{settings.STATIC_URL}{attachment.file.name}",
        f"/media/{attachment.file.name}",
    ):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ("rapport.pdf", 'attachment; filename="rapport.pdf"'),
        ("søknad.pdf", "attachment; filename*=utf-8''s%C3%B8knad.pdf"),
    ],
)
def test_download_gives_the_file_under_its_original_name(
    hamar_client, hamar_user, draft, name, disposition
):
    attachment = attachment_add(
        application=draft,
        user=hamar_user,
        uploaded_file=SimpleUploadedFile(name, PDF_BYTES, "application/pdf"),
    )

    response = hamar_client.get(attachment.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Disposition"] == disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_download_by_another_municipality_is_404(loten_client, draft):
    attachment = AttachmentFactory(application=draft)

    response = loten_client.get(attachment.get_absolute_url())

    assert response.status_code == 404


def test_download_by_the_secretariat_is_200(secretariat_client, draft):
    attachment = AttachmentFactory(application=draft)

    response = secretariat_client.get(attachment.get_absolute_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_file_missing_on_disk_gives_404_not_an_error(hamar_client, draft):
    attachment = AttachmentFactory(application=draft)
    Path(attachment.file.path).unlink()

    assert hamar_client.get(attachment.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", [State.SUBMITTED, State.WITHDRAWN])
def test_upload_and_delete_are_refused_once_the_application_is_not_editable(
    hamar_client, hamar, hamar_user, settings, status
):
    application = complete_application(
        lead_municipality=hamar, created_by=hamar_user, status=status
    )
    attachment = AttachmentFactory(application=application)

    uploaded = upload(hamar_client, application, "sent.pdf", PDF_BYTES)
    deleted = hamar_client.post(
        reverse("projects:attachment-delete", args=[application.pk, attachment.pk])
    )

    assert uploaded.status_code == 403
    assert deleted.status_code == 403
    assert list(application.attachments.all()) == [attachment]
    assert stored_files(settings) == [Path(attachment.file.path)]


def test_upload_is_allowed_again_when_the_application_is_returned(hamar_client, hamar, hamar_user):
    application = complete_application(
        lead_municipality=hamar, created_by=hamar_user, status=State.RETURNED
    )

    response = upload(hamar_client, application, "oppdatert.pdf", PDF_BYTES)

    assert response.status_code == 302
    assert application.attachments.get().original_name == "oppdatert.pdf"


def test_delete_removes_the_attachment_and_its_file(
    hamar_client, draft, settings, django_capture_on_commit_callbacks
):
    attachment = AttachmentFactory(application=draft, original_name="gammel.pdf")
    path = Path(attachment.file.path)
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = hamar_client.post(
            reverse("projects:attachment-delete", args=[draft.pk, attachment.pk]), follow=True
        )

    assert response.redirect_chain == [(reverse("projects:application-edit", args=[draft.pk]), 302)]
    assert "Vedlegget «gammel.pdf» er slettet." in page_text(response)
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not path.exists()


def test_delete_by_get_does_nothing(hamar_client, draft):
    attachment = AttachmentFactory(application=draft)

    response = hamar_client.get(
        reverse("projects:attachment-delete", args=[draft.pk, attachment.pk])
    )

    assert response.status_code == 405
    assert Attachment.objects.filter(pk=attachment.pk).exists()
