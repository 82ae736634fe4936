"""The receipt of a submission and the decision letter: frozen when they are sent, as PDF/A,
with their checksum, and downloaded by those who may see the application."""

import hashlib
import re
import zlib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from projects.models import Application, Attachment, CaseDocument
from projects.services import application_decide
from projects.services import documents as document_service
from projects.workflow import State
from tests.factories import PDF_BYTES, AttachmentFactory, case_in, complete_application
from tests.html import page_text

pytestmark = pytest.mark.django_db

CONDITIONS = "Logoen til Hamarregionen skal brukes i all profilering."


def text_of(html: str) -> str:
    return page_text(HttpResponse(html))


def inflated(pdf: bytes) -> bytes:
    """The PDF with each compressed stream (metadata, fonts, pages) unpacked beside it."""
    parts = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            parts.append(stream.group(1))
    return b"\n".join(parts)


def assert_pdf_a_2b(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    content = inflated(pdf)
    assert b'pdfaid:part="2"' in content
    assert b'pdfaid:conformance="B"' in content
    assert b"/OutputIntents" in content
    assert b"/FontFile2" in content, "the fonts are embedded"


@pytest.fixture
def draft(hamar, hamar_user):
    application = complete_application(
        lead_municipality=hamar, created_by=hamar_user, title="Bolyst i Hamarregionen"
    )
    AttachmentFactory(application=application, original_name="budsjett.pdf")
    return application


def submit_through_the_summary(client, application):
    return client.post(reverse("projects:application-summary", args=[application.pk]))


@pytest.fixture
def submitted(hamar_client, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_through_the_summary(hamar_client, draft)
    assert response.status_code == 302
    return Application.objects.get(pk=draft.pk)


def decide(application, user, outcome):
    return application_decide(
        application=application,
        user=user,
        outcome=outcome,
        granted_amount=400_000,
        decided_on=date(2026, 3, 12),
        case_number="2026/0042",
        decision_text="Regionrådet innvilger tilskudd som innstilt.",
        conditions=CONDITIONS,
        report_due_on=date(2027, 3, 1),
    )


@pytest.fixture
def recommended(hamar, hamar_user):
    return complete_application(
        lead_municipality=hamar, created_by=hamar_user, status=State.RECOMMENDED
    )


def test_submitting_freezes_a_receipt_of_the_application_as_sent_in_pdf_a(submitted):
    (receipt,) = submitted.documents.all()
    assert receipt.kind == CaseDocument.Kind.RECEIPT
    assert receipt.status_change.action == "submit"

    text = text_of(receipt.html)
    assert "Kvittering for innsendt søknad" in text
    assert "Bolyst i Hamarregionen" in text
    assert "Sendt inn av Hanne Hamar" in text
    assert "Prosjektledelse" in text
    assert "1 000 000 kr" in text
    assert f"budsjett.pdf {len(PDF_BYTES)}" in text.replace("\xa0", " ")
    assert hashlib.sha256(PDF_BYTES).hexdigest() in text
    assert_pdf_a_2b(bytes(receipt.pdf))
    assert receipt.sha256 == hashlib.sha256(bytes(receipt.pdf)).hexdigest()


def test_a_stored_document_never_changes_with_the_application_or_the_templates(
    submitted, hamar_client, monkeypatch
):
    receipt = submitted.documents.get()
    stored = bytes(receipt.pdf)
    Application.objects.filter(pk=submitted.pk).update(title="Et annet navn")

    def templates_changed(html):
        raise AssertionError("a stored document was made again")

    monkeypatch.setattr(document_service, "pdf_of", templates_changed)
    response = hamar_client.get(receipt.get_absolute_url())

    assert response.content == stored
    receipt.refresh_from_db()
    assert receipt.matches_checksum()
    assert "Bolyst i Hamarregionen" in receipt.html
    assert "Et annet navn" not in receipt.html


def test_a_pdf_not_made_when_it_was_sent_is_made_at_download_from_the_frozen_html(
    hamar_client, draft
):
    # The commit's callbacks are not run here: as when making the PDF failed after the commit.
    submit_through_the_summary(hamar_client, draft)
    receipt = draft.documents.get()
    assert receipt.pdf is None
    Application.objects.filter(pk=draft.pk).update(title="Et annet navn")

    response = hamar_client.get(receipt.get_absolute_url())

    receipt.refresh_from_db()
    assert response.content == bytes(receipt.pdf)
    assert receipt.matches_checksum()
    assert_pdf_a_2b(response.content)
    assert "Bolyst i Hamarregionen" in receipt.html


def test_the_grant_letter_states_the_amount_conditions_report_deadline_and_appeal_route(
    recommended, secretariat_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(recommended, secretariat_user, "approved")

    (letter,) = recommended.documents.all()
    assert letter.kind == CaseDocument.Kind.DECISION_LETTER
    text = text_of(letter.html)
    assert "Tilskuddsbrev" in text
    assert "Saksnummer 2026/0042" in text
    assert "Innvilget beløp 400 000 kr" in text
    assert CONDITIONS in text
    assert "Sluttrapporten skal leveres i portalen senest 01.03.2027" in text
    assert "Vedtaket kan påklages, jf. forvaltningsloven § 28." in text
    assert "Klagefristen er 3 uker fra dere mottok dette brevet" in text
    appeal_by = timezone.localdate() + timedelta(weeks=3)
    assert f"går fristen ut {appeal_by:%d.%m.%Y}" in text
    assert_pdf_a_2b(bytes(letter.pdf))


def test_the_rejection_letter_says_so_and_how_to_appeal(recommended, secretariat_user):
    decide(recommended, secretariat_user, "rejected")

    text = text_of(recommended.documents.get().html)
    assert "Avslag på søknad om tilskudd" in text
    assert "Klagefristen er 3 uker" in text


@pytest.mark.parametrize(
    ("who", "expected"),
    [("hamar_client", 200), ("secretariat_client", 200), ("loten_client", 404)],
)
def test_only_those_who_may_see_the_application_download_its_documents(
    request, submitted, who, expected
):
    receipt = submitted.documents.get()

    response = request.getfixturevalue(who).get(receipt.get_absolute_url())

    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{receipt.filename}"'
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def test_an_anonymous_visitor_is_sent_to_the_login(client, submitted):
    response = client.get(submitted.documents.get().get_absolute_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_document_is_found_only_under_its_own_application(
    hamar_client, submitted, hamar, hamar_user
):
    other = complete_application(lead_municipality=hamar, created_by=hamar_user)
    receipt = submitted.documents.get()

    response = hamar_client.get(
        reverse("projects:application-document", args=[other.pk, receipt.pk])
    )

    assert response.status_code == 404


def test_the_mails_and_the_application_page_link_to_the_documents(
    submitted, hamar_client, recommended, secretariat_user, django_capture_on_commit_callbacks
):
    receipt = submitted.documents.get()
    receipt_link = f"https://portal.example.org{receipt.get_absolute_url()}"
    assert all(receipt_link in message.body for message in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(recommended, secretariat_user, "approved")
    letter = recommended.documents.get()
    (message,) = mail.outbox
    assert f"https://portal.example.org{letter.get_absolute_url()}" in message.body

    page = hamar_client.get(submitted.get_absolute_url()).content.decode()

    assert f'href="{receipt.get_absolute_url()}"' in page


def test_a_pdf_that_cannot_be_made_now_gives_a_message_not_an_error(
    hamar_client, draft, monkeypatch
):
    submit_through_the_summary(hamar_client, draft)
    receipt = draft.documents.get()

    def no_pango(html):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr("weasyprint.HTML", lambda **kwargs: no_pango(kwargs))
    response = hamar_client.get(receipt.get_absolute_url(), follow=True)

    assert response.redirect_chain[-1][0] == draft.get_absolute_url()
    assert "Dokumentet kan ikke lages akkurat nå." in response.content.decode()
    receipt.refresh_from_db()
    assert receipt.pdf is None


def test_the_secretariats_case_page_links_to_the_documents(submitted, secretariat_client):
    receipt = submitted.documents.get()

    page = secretariat_client.get(
        reverse("admin:projects_application_change", args=[submitted.pk])
    ).content.decode()

    assert f'href="{receipt.get_absolute_url()}"' in page


def test_an_attachment_whose_file_is_gone_is_named_on_the_receipt_and_the_submission_goes_through(
    hamar_client, draft
):
    attachment = draft.attachments.get()
    attachment.file.storage.delete(attachment.file.name)

    response = submit_through_the_summary(hamar_client, draft)

    assert response.status_code == 302
    text = text_of(draft.documents.get().html)
    assert "budsjett.pdf" in text
    assert "Filen mangler i lageret." in text


def test_sending_in_the_final_report_freezes_it_with_its_attachments_as_pdf_a(
    hamar, hamar_user, hamar_client, secretariat_user, django_capture_on_commit_callbacks
):
    project = case_in(
        State.IN_PROGRESS,
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Bolyst i Hamarregionen",
    )
    AttachmentFactory(
        application=project, kind=Attachment.Kind.FINAL_REPORT, original_name="regnskap.pdf"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = hamar_client.post(
            reverse("projects:final-report", args=[project.pk]),
            {"results": "Førti nye innbyggere.", "actual_cost": "950000", "submit": ""},
        )

    assert response.status_code == 302
    report = project.documents.get(kind=CaseDocument.Kind.FINAL_REPORT)
    assert report.status_change.action == "submit_report"
    text = text_of(report.html)
    assert "Sluttrapport" in text
    assert "Bolyst i Hamarregionen" in text
    assert "Førti nye innbyggere." in text
    assert "Faktiske kostnader 950 000 kr" in text.replace("\xa0", " ")
    assert "Saksnummer 26/00042" in text
    assert "regnskap.pdf" in text
    assert hashlib.sha256(PDF_BYTES).hexdigest() in text
    assert_pdf_a_2b(bytes(report.pdf))
    assert report.matches_checksum()
    assert hamar_client.get(report.get_absolute_url()).content == bytes(report.pdf)
