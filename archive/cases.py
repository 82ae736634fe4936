"""A case as the archive receives it: for each frozen document of an application, a message
with the registry entry, the document's PDF/A and the attachments that came with it.

Titles and parties carry no personal data. The municipality is the party: it applies, receives
the decision and reports. The project lead's name and address stay in the documents themselves
(the receipt names them), which the archive keeps whole; the archive's metadata, from which
post journals are made, names organisations only.
"""

from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from projects.models import Attachment, CaseDocument, Decision
from projects.services.documents import document_pdf
from projects.workflow import Action

from .arkivmelding import (
    APPLICATION,
    ATTACHMENT_TYPE,
    DECISION,
    INCOMING,
    OUTGOING,
    REPORT,
    CaseFolder,
    Document,
    Entry,
    File,
    Message,
    Party,
)
from .models import RegistryEntry

# The archive's classification of the council's cases: by the programme's focus areas.
CLASSIFICATION_SYSTEM = "Hamarregionen IPR satsingsområder"


@dataclass(frozen=True)
class Kind:
    entry_type: tuple[str, str]
    document_type: tuple[str, str]
    folder: str
    # The attachments that come with the document, if any.
    attachments: str = ""


KINDS = {
    CaseDocument.Kind.RECEIPT: Kind(INCOMING, APPLICATION, "soknad", Attachment.Kind.APPLICATION),
    CaseDocument.Kind.DECISION_LETTER: Kind(OUTGOING, DECISION, "vedtaksbrev"),
    CaseDocument.Kind.CHANGE_LETTER: Kind(OUTGOING, DECISION, "endringsvedtak"),
    CaseDocument.Kind.FINAL_REPORT: Kind(
        INCOMING, REPORT, "sluttrapport", Attachment.Kind.FINAL_REPORT
    ),
}


@dataclass
class Planned:
    """A message and the document and attachments it sends; `missing` are attachments whose
    file is not in storage, left out."""

    message: Message
    document: CaseDocument
    attachments: list[Attachment]
    missing: list[Attachment] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{case_key(self.document.application)}/{self.message.folder}"


def case_key(application) -> str:
    """The case's folder in the export and its key in the archive (eksternNoekkel)."""
    return f"soknad-{application.pk}"


def party_of(application) -> Party:
    municipality = application.lead_municipality
    return Party(name=municipality.name, organisation_number=municipality.organisation_number)


def entry_title(document: CaseDocument) -> str:
    title = document.application.title
    if document.kind == CaseDocument.Kind.RECEIPT:
        return _("Søknad om utviklingsmidler: %(title)s") % {"title": title}
    if document.kind == CaseDocument.Kind.FINAL_REPORT:
        return _("Sluttrapport: %(title)s") % {"title": title}
    if document.kind == CaseDocument.Kind.CHANGE_LETTER:
        return _("Vedtak om endring: %(title)s") % {"title": title}
    # The letter's own step says what it was: the decision may have been made again since.
    approved = document.status_change.action == Action.APPROVE
    letter = Decision.title_of_letter(approved=approved)
    return _("%(letter)s: %(title)s") % {"letter": letter, "title": title}


def case_folder(application) -> CaseFolder:
    first = application.documents.order_by("created_at", "pk").first()
    opened = first.created_at if first else application.created_at
    return CaseFolder(
        key=case_key(application),
        title=_("Utviklingsmidler: %(title)s (%(municipality)s)")
        % {"title": application.title, "municipality": application.lead_municipality.name},
        case_date=timezone.localdate(opened),
        created_at=opened,
        party=party_of(application),
        classes=[
            (CLASSIFICATION_SYSTEM, f"{area.programme.slug}/{area.slug}", area.name)
            for area in application.focus_areas.select_related("programme")
        ],
    )


def attachment_file(attachment: Attachment) -> File | None:
    try:
        with attachment.file.open("rb") as stored:
            content = stored.read()
    except FileNotFoundError:
        return None
    suffix = PurePath(attachment.file.name).suffix
    return File(
        name=f"vedlegg-{attachment.pk}{suffix}",
        original_name=attachment.original_name,
        content=content,
        mime_type=attachment.content_type,
    )


def plan_message(document, *, case, creates_case, attachments) -> Planned:
    """The message of one document; its PDF/A is made now if it had none yet (DocumentUnavailable
    when it cannot be)."""
    document = document_pdf(document=document)
    kind = KINDS[document.kind]
    title = entry_title(document)
    main = Document(
        key=f"saksdokument-{document.pk}",
        title=title,
        document_type=kind.document_type,
        file=File(document.filename, document.filename, bytes(document.pdf), "application/pdf"),
        created_at=document.created_at,
        is_main=True,
        is_pdf_a=True,
    )
    documents, sent, missing = [main], [], []
    for attachment in attachments:
        found = attachment_file(attachment)
        if found is None:
            missing.append(attachment)
            continue
        sent.append(attachment)
        documents.append(
            Document(
                key=f"vedlegg-{attachment.pk}",
                title=attachment.original_name,
                document_type=ATTACHMENT_TYPE,
                file=found,
                created_at=attachment.uploaded_at,
            )
        )
    at = document.created_at
    message = Message(
        folder=f"{timezone.localdate(at):%Y-%m-%d}-{kind.folder}-{document.pk}",
        case=case,
        entry=Entry(
            key=f"journalpost-{document.pk}",
            title=title,
            entry_type=kind.entry_type,
            at=at,
            party=case.party,
            documents=documents,
        ),
        creates_case=creates_case,
    )
    return Planned(message=message, document=document, attachments=sent, missing=missing)


def case_messages(application, documents, *, creates_case: bool, sent=frozenset()):
    """The messages of `documents` (the application's, oldest first). The first creates the case
    folder if `creates_case`. Each attachment goes with the first document of its kind made
    after it was uploaded, unless its id is in `sent`."""
    with translation.override(settings.LANGUAGE_CODE):
        case = case_folder(application)
        attachments = list(application.attachments.order_by("uploaded_at", "pk"))
        taken = set(sent)
        planned = []
        for document in documents:
            kind = KINDS[document.kind]
            going = [
                attachment
                for attachment in attachments
                if kind.attachments
                and attachment.kind == kind.attachments
                and attachment.uploaded_at <= document.created_at
                and attachment.pk not in taken
            ]
            taken.update(attachment.pk for attachment in going)
            planned.append(
                plan_message(
                    document,
                    case=case,
                    creates_case=creates_case and not planned,
                    attachments=going,
                )
            )
    return planned


def sent_attachments(application) -> set[int]:
    """The ids of the application's attachments already sent with a registry entry."""
    return set(
        RegistryEntry.attachments.through.objects.filter(
            registryentry__document__application=application
        ).values_list("attachment_id", flat=True)
    )
