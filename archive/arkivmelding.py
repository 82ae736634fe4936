"""The Fiks Arkiv v1 message that files a case folder and its registry entries in the archive
(`no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett`), written from plain values.

The schema takes one folder (mappe) and one registration (registrering) per message, so a case
goes to the archive as several messages: the first creates the case folder (saksmappe) together
with the first registry entry (journalpost); each later one adds an entry and names the folder
by the key this system gave it (referanseForelderMappe/referanseEksternNoekkel). The codes are
those of the Fiks Arkiv v1 code lists (ks-no/fiks-arkiv-specification, Schema/V1/kodelister).
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from xml.etree import ElementTree as ET  # noqa: S405 - writes XML, never parses it

from django.utils import timezone

NAMESPACE = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1"
# The metadata catalogue's types (kode, eksternNoekkel, referanseTilMappe) have their parts in
# the catalogue's own namespace.
CATALOGUE = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1"
ET.register_namespace("n5mdk", CATALOGUE)
XSI = "http://www.w3.org/2001/XMLSchema-instance"
FILE_NAME = "arkivmelding.xml"
# Who sends (arkivmelding/system) and whose keys the references are (eksternNoekkel/fagsystem).
SYSTEM = "Hamarregionen IPR utviklingsmidler"

# (kode, beskrivelse) from the code lists.
INCOMING = ("I", "Inngående dokument")
OUTGOING = ("U", "Utgående dokument")
SENDER = ("EA", "Avsender")
RECIPIENT = ("EM", "Mottaker")
MAIN_DOCUMENT = ("H", "Hoveddokument")
ATTACHMENT = ("V", "Vedlegg")
ELECTRONIC = ("E", "Elektronisk arkiv")
FINISHED = ("F", "Dokumentet er ferdigstilt")
ARCHIVAL_FORMAT = ("A", "Arkivformat")
PRODUCTION_FORMAT = ("P", "Produksjonsformat")
PDF_A = ("RA-PDF", "PDF/A - ISO 19005-1:2005")
APPLICATION = ("SØKNAD", "Søknad")
DECISION = ("VEDTAK", "Vedtak")
REPORT = ("RAPPORT", "Rapport")
ATTACHMENT_TYPE = ("VEDLEGG", "Vedlegg")
# Noark 5, M706: the algorithm to use until further notice.
CHECKSUM_ALGORITHM = "SHA256"


@dataclass(frozen=True)
class Party:
    """An organisation: the lead municipality, by its organisation number where it has one."""

    name: str
    organisation_number: str = ""


@dataclass(frozen=True)
class File:
    """A file of the message: `name` in the message's folder, `original_name` as it was given."""

    name: str
    original_name: str
    content: bytes
    mime_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Document:
    """A document description (dokumentbeskrivelse) with its one file (dokumentobjekt)."""

    key: str
    title: str
    document_type: tuple[str, str]
    file: File
    created_at: datetime
    is_main: bool = False
    # PDF/A made by the portal; an applicant's file is kept as it was uploaded.
    is_pdf_a: bool = False


@dataclass(frozen=True)
class CaseFolder:
    """The case folder (saksmappe) of one application."""

    key: str
    title: str
    case_date: date
    created_at: datetime
    party: Party
    # (klassifikasjonssystemID, klasseID, tittel) of each focus area.
    classes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Entry:
    """A registry entry (journalpost): a document received (I) or sent (U)."""

    key: str
    title: str
    entry_type: tuple[str, str]
    at: datetime
    party: Party
    documents: list[Document]


@dataclass(frozen=True)
class Message:
    """One arkivmelding and the files it names, written to the folder `folder`."""

    folder: str
    case: CaseFolder
    entry: Entry
    creates_case: bool

    @property
    def files(self) -> list[File]:
        return [document.file for document in self.entry.documents]

    def xml(self) -> bytes:
        return arkivmelding_xml(self)


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def _sub(parent, name: str, text=None, namespace=NAMESPACE, **attributes):
    element = ET.SubElement(parent, f"{{{namespace}}}{name}", attributes)
    if text is not None:
        element.text = str(text)
    return element


def _code(parent, name: str, code: tuple[str, str]):
    element = _sub(parent, name)
    _sub(element, "kode", code[0], namespace=CATALOGUE)
    _sub(element, "beskrivelse", code[1], namespace=CATALOGUE)


def _key(parent, name: str, key: str, namespace=NAMESPACE):
    element = _sub(parent, name, namespace=namespace)
    _sub(element, "fagsystem", SYSTEM, namespace=CATALOGUE)
    _sub(element, "noekkel", key, namespace=CATALOGUE)


def _case_folder(root, case: CaseFolder):
    folder = _sub(root, "mappe", **{f"{{{XSI}}}type": "saksmappe"})
    _sub(folder, "tittel", case.title)
    _code(folder, "dokumentmedium", ELECTRONIC)
    _sub(folder, "opprettetDato", _local(case.created_at))
    part = _sub(folder, "part")
    _sub(part, "partNavn", case.party.name)
    if case.party.organisation_number:
        organisation = _sub(part, "organisasjonID")
        _sub(organisation, "identifikator", case.party.organisation_number)
        _sub(organisation, "landkode", "NO")
    for system_id, class_id, title in case.classes:
        classification = _sub(folder, "klassifikasjon")
        _sub(classification, "klassifikasjonssystemID", system_id)
        _sub(classification, "klasseID", class_id)
        _sub(classification, "tittel", title)
    _key(folder, "referanseEksternNoekkel", case.key)
    _sub(folder, "saksdato", case.case_date.isoformat())


def _document(parent, number: int, document: Document):
    description = _sub(parent, "dokumentbeskrivelse")
    _code(description, "dokumenttype", document.document_type)
    _code(description, "dokumentstatus", FINISHED)
    _sub(description, "tittel", document.title)
    _sub(description, "opprettetDato", _local(document.created_at))
    _code(
        description, "tilknyttetRegistreringSom", MAIN_DOCUMENT if document.is_main else ATTACHMENT
    )
    _sub(description, "dokumentnummer", number)
    stored = _sub(description, "dokumentobjekt")
    _sub(stored, "versjonsnummer", 1)
    _code(stored, "variantformat", ARCHIVAL_FORMAT if document.is_pdf_a else PRODUCTION_FORMAT)
    if document.is_pdf_a:
        _code(stored, "format", PDF_A)
        _sub(stored, "formatDetaljer", "PDF/A-2b")
    _sub(stored, "mimeType", document.file.mime_type)
    _sub(stored, "filnavn", document.file.original_name)
    _sub(stored, "referanseDokumentfil", document.file.name)
    _sub(stored, "sjekksum", document.file.sha256)
    _sub(stored, "sjekksumAlgoritme", CHECKSUM_ALGORITHM)
    _sub(stored, "filstoerrelse", len(document.file.content))
    _key(description, "referanseEksternNoekkel", document.key)


def _entry(root, case: CaseFolder, entry: Entry):
    record = _sub(root, "registrering", **{f"{{{XSI}}}type": "journalpost"})
    _sub(record, "opprettetDato", _local(entry.at))
    parent = _sub(record, "referanseForelderMappe")
    _key(parent, "referanseEksternNoekkel", case.key, namespace=CATALOGUE)
    for number, document in enumerate(entry.documents, start=1):
        _document(record, number, document)
    _sub(record, "tittel", entry.title)
    _code(record, "dokumentmedium", ELECTRONIC)
    party = _sub(record, "korrespondansepart")
    _code(party, "korrespondanseparttype", SENDER if entry.entry_type == INCOMING else RECIPIENT)
    # The field documentation asks for it: the municipality does not handle the council's case.
    _sub(party, "erBehandlingsansvarlig", "false")
    _sub(party, "korrespondansepartNavn", entry.party.name)
    if entry.party.organisation_number:
        _sub(party, "organisasjonid", entry.party.organisation_number)
    _key(record, "referanseEksternNoekkel", entry.key)
    _code(record, "journalposttype", entry.entry_type)
    local_date = timezone.localtime(entry.at).date().isoformat()
    _sub(record, "journaldato", local_date)
    _sub(record, "dokumentetsDato", local_date)
    _sub(record, "mottattDato" if entry.entry_type == INCOMING else "sendtDato", _local(entry.at))
    _sub(record, "antallVedlegg", len(entry.documents) - 1)


def arkivmelding_xml(message: Message) -> bytes:
    root = ET.Element(f"{{{NAMESPACE}}}arkivmelding")
    _sub(root, "system", SYSTEM)
    _sub(root, "antallFiler", len(message.files))
    if message.creates_case:
        _case_folder(root, message.case)
    _entry(root, message.case, message.entry)
    ET.indent(root)
    # The target namespace as the default one: xsi:type="saksmappe" names the schema's type in it.
    return ET.tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=NAMESPACE)
