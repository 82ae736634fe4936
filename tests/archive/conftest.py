"""A case sent in by Hamar with an attachment, granted and under way, and the schema the
archive's messages are checked against."""

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema

from archive.services import archive_export
from projects.models import Attachment
from projects.services import documents as document_service
from projects.workflow import State
from tests.factories import AttachmentFactory, case_moved, complete_application

# Fiks Arkiv v1's schema, as ../shared/standards/fiks-arkiv-v1/ holds it (README beside it).
SCHEMA_DIR = Path(__file__).parent / "fiks-arkiv-v1"
PROJECT_LEADER = ("Kari Nordmann", "kari@hamar.example.org")
FAKE_PDF = b"%PDF-1.7\n% a PDF made by the test, not by WeasyPrint\n%%EOF\n"


@pytest.fixture(scope="session")
def schema():
    return xmlschema.XMLSchema(
        SCHEMA_DIR / "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd"
    )


@pytest.fixture
def quick_pdfs(monkeypatch):
    """Documents made without WeasyPrint, for tests about what surrounds them."""
    monkeypatch.setattr(document_service, "pdf_of", lambda html: FAKE_PDF)


def sent_in(hamar, hamar_user, *, title="Bolyst i Hamarregionen", **fields):
    draft = complete_application(
        lead_municipality=hamar, created_by=hamar_user, title=title, **fields
    )
    AttachmentFactory(application=draft, original_name="budsjett.pdf")
    return case_moved(draft, State.SUBMITTED, secretariat=None)


@pytest.fixture
def granted(hamar, hamar_user, secretariat_user):
    """Sent in with its receipt, granted with its decision letter, under way."""
    application = sent_in(hamar, hamar_user)
    return case_moved(application, State.IN_PROGRESS, secretariat=secretariat_user)


def report_sent_in(application, secretariat):
    AttachmentFactory(
        application=application, kind=Attachment.Kind.FINAL_REPORT, original_name="regnskap.pdf"
    )
    return case_moved(application, State.REPORT_SUBMITTED, secretariat=secretariat)


def export(out, **options):
    return archive_export(out_dir=out, command="export_archive (test)", **options)


def parsed(xml: bytes) -> ET.Element:
    return ET.fromstring(xml)  # noqa: S314 - the export's own output
