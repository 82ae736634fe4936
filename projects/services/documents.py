"""The case's frozen documents (projects.models.CaseDocument): the receipt of a submission, the
letter of a decision, the final report as it was sent in, and the letter of an approved change
(services/changes.py).

The transition that sends one (workflow.Transition.freezes) writes its HTML in its own
transaction, from the data as they are at that moment. Once committed, the HTML is made into
PDF/A-2b by WeasyPrint (fonts embedded, XMP metadata with pdfaid) and stored with its SHA-256;
a PDF that could not be made then is made at its first download, from the same HTML. A stored
PDF is never made again, so later edits of the application or of the templates do not change
it.
"""

import hashlib
import logging
from datetime import date

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..models import Appeal, AppealRoute, Attachment, CaseDocument
from ..selectors import application_content

logger = logging.getLogger(__name__)

TEMPLATES = {
    CaseDocument.Kind.RECEIPT: "projects/documents/receipt.html",
    CaseDocument.Kind.DECISION_LETTER: "projects/documents/decision_letter.html",
    CaseDocument.Kind.FINAL_REPORT: "projects/documents/final_report.html",
    CaseDocument.Kind.CHANGE_LETTER: "projects/documents/change_letter.html",
}


def attachment_checksums(attachments) -> list[tuple]:
    """(attachment, its SHA-256) for each attachment, read from the stored files now; None for a
    file that is not there, which the document then says."""
    found = []
    for attachment in attachments:
        digest = hashlib.sha256()
        try:
            with attachment.file.open("rb") as stored:
                for chunk in stored.chunks():
                    digest.update(chunk)
        except FileNotFoundError:
            found.append((attachment, None))
        else:
            found.append((attachment, digest.hexdigest()))
    return found


def document_context(change, kind: str) -> dict:
    application = change.application
    context = {"change": change}
    if kind == CaseDocument.Kind.RECEIPT:
        content = application_content(application)
        context.update(content)
        context.update(
            call=application.funding_call,
            attachment_checksums=attachment_checksums(content["attachments"]),
        )
        return context
    if kind == CaseDocument.Kind.FINAL_REPORT:
        context.update(
            application=application,
            report=application.final_report,
            decision=application.decision_or_none(),
            total_cost=application.total_cost(),
            attachment_checksums=attachment_checksums(
                application.attachments.filter(kind=Attachment.Kind.FINAL_REPORT)
            ),
        )
        return context
    sent_on = timezone.localdate(change.created_at)
    if kind == CaseDocument.Kind.DECISION_LETTER:
        context.update(decision_letter_context(application, sent_on=sent_on))
    else:
        context.update(
            application=application,
            decision=application.decision,
            appeal_text=AppealRoute.current().text_for(sent_on),
        )
    return context


def decision_letter_context(application, *, sent_on: date) -> dict:
    """What the decision letter says, the frozen letter and the secretariat's preview alike:
    the appeal route as the secretariat keeps it now, its deadline counted from `sent_on`, and
    the appeal the decision was made again after, if it was."""
    decision = application.decision
    return {
        "application": application,
        "decision": decision,
        "letter_kind": decision.letter_title(),
        "amount_applied": application.amount_applied(),
        "appeal_text": AppealRoute.current().text_for(sent_on),
        "decided_after_appeal": application.appeals.filter(
            outcome__in=[Appeal.Outcome.REASSESSED, Appeal.Outcome.UPHELD]
        ).last(),
    }


def latest_decision_letter(application) -> CaseDocument | None:
    return (
        application.documents.filter(kind=CaseDocument.Kind.DECISION_LETTER)
        .defer("html", "pdf")
        .last()
    )


def document_freeze(*, change, kind: str, details: dict | None = None) -> CaseDocument:
    """The document `kind` of the step `change`, written now in the caller's transaction (the
    transition's) and made into a PDF once that transaction is committed. `details` adds what
    only the caller knows to the template's context (a change letter's before and after)."""
    context = {**document_context(change, kind), **(details or {})}
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(TEMPLATES[kind], context)
    document = CaseDocument.objects.create(
        application=change.application,
        status_change=change,
        kind=kind,
        html=html,
        created_at=change.created_at,
    )
    transaction.on_commit(lambda: _make_pdf_after_commit(document.pk))
    return document


class DocumentUnavailable(Exception):
    """The PDF cannot be made on this machine now (WeasyPrint without Pango, say)."""


def pdf_of(html: str) -> bytes:
    try:
        # Imported here: WeasyPrint loads Pango and the system's fonts, which only the
        # documents need, not every process that imports the services.
        from weasyprint import HTML

        return HTML(string=html, base_url=settings.SITE_URL).write_pdf(pdf_variant="pdf/a-2b")
    except (ImportError, OSError) as error:
        raise DocumentUnavailable(str(error)) from error


def document_pdf(*, document: CaseDocument) -> CaseDocument:
    """The document with its PDF: as stored, or made from the frozen HTML and stored with its
    checksum if it has none yet."""
    if document.pdf is not None:
        return document
    with transaction.atomic():
        # Locked and read again: two first downloads at once make and store it once.
        document = CaseDocument.objects.select_for_update().get(pk=document.pk)
        if document.pdf is None:
            pdf = pdf_of(document.html)
            document.pdf = pdf
            document.sha256 = hashlib.sha256(pdf).hexdigest()
            document.save(update_fields=["pdf", "sha256"])
    return document


def _make_pdf_after_commit(pk: int) -> None:
    try:
        document_pdf(document=CaseDocument.objects.get(pk=pk))
    except Exception:
        # The step is committed and its HTML kept: the PDF is made at the first download.
        logger.exception("Could not make the PDF of case document %s", pk)
