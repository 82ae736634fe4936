"""`manage.py export_archive`: a folder per case with a Fiks Arkiv message per registry entry,
valid against the schema, with the PDF/A documents and attachments it names; each export is
recorded, so the next run sends only what is new."""

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from archive.arkivmelding import CATALOGUE, NAMESPACE
from archive.models import ArchiveExport, RegistryEntry
from projects.models import CaseDocument
from projects.services import appeal_outcomes, appeal_register, appeal_settle
from projects.workflow import Action, State
from tests.factories import PDF_BYTES, case_moved
from tests.projects.test_case_documents import assert_pdf_a_2b

from .conftest import PROJECT_LEADER, export, parsed, report_sent_in, sent_in

pytestmark = pytest.mark.django_db

N = f"{{{NAMESPACE}}}"
C = f"{{{CATALOGUE}}}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


@pytest.fixture
def out(tmp_path):
    # Beside the attachments' storage (tests/conftest.py: tmp_path / "private"), not around it.
    return tmp_path / "arkiv"


def run(out, *args):
    stdout = StringIO()
    call_command("export_archive", "--out", str(out), *args, stdout=stdout)
    return stdout.getvalue()


def listing(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def messages(case_folder):
    """(folder name, parsed arkivmelding) of each message in a case's folder, oldest first."""
    return [
        (message.name, parsed((message / "arkivmelding.xml").read_bytes()))
        for message in sorted(case_folder.iterdir())
    ]


def find(element, path):
    """The element at `path`, each step in the message's namespace or the catalogue's."""
    for part in path.split("/"):
        if element is None:
            return None
        found = element.find(N + part)
        element = found if found is not None else element.find(C + part)
    return element


def test_the_export_writes_each_case_as_messages_valid_against_fiks_arkiv(granted, out, schema):
    output = run(out)

    receipt = granted.documents.get(kind=CaseDocument.Kind.RECEIPT)
    letter = granted.documents.get(kind=CaseDocument.Kind.DECISION_LETTER)
    attachment = granted.attachments.get()
    day = f"{timezone.localdate():%Y-%m-%d}"
    case = f"soknad-{granted.pk}"
    assert listing(out) == sorted(
        [
            f"{case}/{day}-soknad-{receipt.pk}/arkivmelding.xml",
            f"{case}/{day}-soknad-{receipt.pk}/{receipt.filename}",
            f"{case}/{day}-soknad-{receipt.pk}/vedlegg-{attachment.pk}.pdf",
            f"{case}/{day}-vedtaksbrev-{letter.pk}/arkivmelding.xml",
            f"{case}/{day}-vedtaksbrev-{letter.pk}/{letter.filename}",
        ]
    )
    assert "Wrote 2 registry entries" in output
    for name in listing(out):
        if name.endswith("arkivmelding.xml"):
            schema.validate(str(out / name))
    receipt.refresh_from_db()
    folder = out / case / f"{day}-soknad-{receipt.pk}"
    assert (folder / receipt.filename).read_bytes() == bytes(receipt.pdf)
    assert_pdf_a_2b((folder / receipt.filename).read_bytes())
    assert (folder / f"vedlegg-{attachment.pk}.pdf").read_bytes() == PDF_BYTES


def test_the_first_message_creates_the_case_folder_and_the_next_refers_to_it(
    granted, out, quick_pdfs
):
    run(out)

    (_, first), (_, second) = messages(out / f"soknad-{granted.pk}")
    folder = find(first, "mappe")
    assert folder.get(XSI_TYPE) == "saksmappe"
    assert find(folder, "tittel").text == "Utviklingsmidler: Bolyst i Hamarregionen (Hamar)"
    assert find(folder, "part/partNavn").text == "Hamar"
    focus_area = granted.focus_areas.get()
    assert find(folder, "klassifikasjon/klasseID").text == (
        f"{focus_area.programme.slug}/{focus_area.slug}"
    )
    assert find(folder, "klassifikasjon/tittel").text == focus_area.name
    key = find(folder, "referanseEksternNoekkel/noekkel").text
    assert key == f"soknad-{granted.pk}"
    assert find(second, "mappe") is None
    for message in (first, second):
        parent = find(message, "registrering/referanseForelderMappe/referanseEksternNoekkel")
        assert find(parent, "noekkel").text == key

    received, sent = find(first, "registrering"), find(second, "registrering")
    assert received.get(XSI_TYPE) == sent.get(XSI_TYPE) == "journalpost"
    assert find(received, "journalposttype/kode").text == "I"
    assert find(received, "tittel").text == "Søknad om utviklingsmidler: Bolyst i Hamarregionen"
    assert find(received, "korrespondansepart/korrespondanseparttype/kode").text == "EA"
    assert find(received, "korrespondansepart/korrespondansepartNavn").text == "Hamar"
    assert find(received, "mottattDato") is not None
    assert find(received, "antallVedlegg").text == "1"
    assert find(first, "antallFiler").text == "2"
    assert find(sent, "journalposttype/kode").text == "U"
    assert find(sent, "tittel").text == "Tilskuddsbrev: Bolyst i Hamarregionen"
    assert find(sent, "korrespondansepart/korrespondanseparttype/kode").text == "EM"
    assert find(sent, "sendtDato") is not None


def test_each_file_is_named_with_its_format_size_and_sha256(granted, out, quick_pdfs):
    run(out)

    (name, first), _ = messages(out / f"soknad-{granted.pk}")
    main, attached = find(first, "registrering").findall(f"{N}dokumentbeskrivelse")
    assert find(main, "tilknyttetRegistreringSom/kode").text == "H"
    assert find(attached, "tilknyttetRegistreringSom/kode").text == "V"
    assert find(attached, "dokumentobjekt/filnavn").text == "budsjett.pdf"
    pdf = find(main, "dokumentobjekt")
    assert find(pdf, "format/kode").text == "RA-PDF"
    assert find(pdf, "variantformat/kode").text == "A"
    for description in (main, attached):
        stored = find(description, "dokumentobjekt")
        content = (
            (out / f"soknad-{granted.pk}" / name)
            .joinpath(find(stored, "referanseDokumentfil").text)
            .read_bytes()
        )
        assert find(stored, "sjekksum").text == hashlib.sha256(content).hexdigest()
        assert find(stored, "sjekksumAlgoritme").text == "SHA256"
        assert find(stored, "filstoerrelse").text == str(len(content))


def test_the_municipality_is_named_by_its_organisation_number_when_it_has_one(
    granted, out, quick_pdfs, schema
):
    granted.lead_municipality.organisation_number = "123456785"
    granted.lead_municipality.save()

    run(out)

    (name, first), _ = messages(out / f"soknad-{granted.pk}")
    assert find(first, "mappe/part/organisasjonID/identifikator").text == "123456785"
    party = find(first, "registrering/korrespondansepart")
    assert find(party, "organisasjonid").text == "123456785"
    schema.validate(str(out / f"soknad-{granted.pk}" / name / "arkivmelding.xml"))


def test_no_message_names_the_project_leader(granted, out, quick_pdfs):
    run(out)

    for name in listing(out):
        if name.endswith(".xml"):
            xml = (out / name).read_text()
            assert not [value for value in PROJECT_LEADER if value in xml]
            assert "Hanne" not in xml  # the applicant who sent it in


def test_a_second_run_sends_nothing_and_after_the_final_report_only_its_entry(
    granted, secretariat_user, out, quick_pdfs, schema
):
    run(out / "first")

    output = run(out / "second")

    assert "Wrote 0 registry entries" in output
    assert not (out / "second").exists()
    assert ArchiveExport.objects.count() == 1

    report_sent_in(granted, secretariat_user)
    run(out / "third")

    report = granted.documents.get(kind=CaseDocument.Kind.FINAL_REPORT)
    attachment = granted.attachments.get(original_name="regnskap.pdf")
    folder = f"soknad-{granted.pk}/{timezone.localdate():%Y-%m-%d}-sluttrapport-{report.pk}"
    assert listing(out / "third") == sorted(
        [
            f"{folder}/arkivmelding.xml",
            f"{folder}/{report.filename}",
            f"{folder}/vedlegg-{attachment.pk}.pdf",
        ]
    )
    xml = out / "third" / folder / "arkivmelding.xml"
    schema.validate(str(xml))
    message = parsed(xml.read_bytes())
    assert find(message, "mappe") is None
    parent = find(message, "registrering/referanseForelderMappe/referanseEksternNoekkel/noekkel")
    assert parent.text == f"soknad-{granted.pk}"
    assert find(message, "registrering/journalposttype/kode").text == "I"
    assert find(message, "registrering/tittel").text == "Sluttrapport: Bolyst i Hamarregionen"


def test_each_export_records_what_it_sent(granted, out, quick_pdfs):
    run(out)

    (recorded,) = ArchiveExport.objects.all()
    assert recorded.command == f"export_archive --out {out}"
    entries = recorded.entries.order_by("pk")
    assert [entry.document.kind for entry in entries] == ["receipt", "decision_letter"]
    assert [entry.entry_type for entry in entries] == ["I", "U"]
    assert list(entries[0].attachments.all()) == list(granted.attachments.all())
    assert not entries[1].attachments.exists()
    assert {entry.party for entry in entries} == {"Hamar"}


def test_a_dry_run_writes_and_records_nothing(granted, out, quick_pdfs):
    output = run(out / "out", "--dry-run")

    assert "Dry run: would write 2 registry entries" in output
    assert not (out / "out").exists()
    assert not RegistryEntry.objects.exists()


def test_application_and_since_choose_the_cases_and_documents(
    granted, hamar, hamar_user, out, quick_pdfs
):
    other = sent_in(hamar, hamar_user, title="Et annet prosjekt")
    CaseDocument.objects.filter(application=granted).update(
        created_at=timezone.now() - timedelta(days=40)
    )

    run(out / "one", "--application", str(granted.pk))
    assert {path.name for path in (out / "one").iterdir()} == {f"soknad-{granted.pk}"}

    since = f"{timezone.localdate() - timedelta(days=1):%Y-%m-%d}"
    run(out / "recent", "--since", since)
    assert {path.name for path in (out / "recent").iterdir()} == {f"soknad-{other.pk}"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--application", "999999"], "no application has the id 999999"),
        (["--since", "31.12.2026"], "expected a date as YYYY-MM-DD"),
    ],
)
def test_bad_options_are_named_and_nothing_is_recorded(db, out, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_archive", "--out", str(out), *args)

    assert not ArchiveExport.objects.exists()


def test_the_service_reports_an_attachment_whose_file_is_gone_and_leaves_it_out(
    granted, out, quick_pdfs
):
    attachment = granted.attachments.get()
    attachment.file.storage.delete(attachment.file.name)

    result = export(out)

    assert result.missing == [attachment]
    assert not result.export.entries.get(document__kind="receipt").attachments.exists()


def test_the_demo_data_exports_a_valid_folder_for_each_case_sent_in(
    settings, programme_fixture, out, quick_pdfs, schema
):
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=StringIO())
    call_command("create_demo_data", stdout=StringIO())
    call_command("create_demo_follow_up", stdout=StringIO())

    run(out)

    sent_in = CaseDocument.objects.filter(kind=CaseDocument.Kind.RECEIPT)
    assert {path.name for path in out.iterdir()} == {
        f"soknad-{pk}" for pk in sent_in.values_list("application_id", flat=True)
    }
    messages_written = [name for name in listing(out) if name.endswith("arkivmelding.xml")]
    assert len(messages_written) == CaseDocument.objects.count()
    for name in messages_written:
        schema.validate(str(out / name))


def test_a_letter_keeps_its_own_title_when_the_case_is_decided_again_after_an_appeal(
    hamar, hamar_user, secretariat_user, out, quick_pdfs
):
    application = case_moved(
        sent_in(hamar, hamar_user), State.REJECTED, secretariat=secretariat_user
    )
    appeal_register(
        application=application,
        user=secretariat_user,
        received_on=timezone.localdate(),
        grounds="Vi ber regionrådet vurdere søknaden på nytt.",
    )
    application.refresh_from_db()
    appeal_settle(
        application=application,
        user=secretariat_user,
        action=Action.REASSESS_APPEAL,
        outcome=appeal_outcomes(application=application, action=Action.REASSESS_APPEAL)[0],
        decided_on=timezone.localdate(),
    )
    application.refresh_from_db()
    case_moved(application, State.APPROVED, secretariat=secretariat_user)

    export(out)

    titles = list(
        RegistryEntry.objects.filter(document__kind=CaseDocument.Kind.DECISION_LETTER)
        .order_by("document__created_at", "document__pk")
        .values_list("title", flat=True)
    )
    assert titles == [
        "Avslag: Bolyst i Hamarregionen",
        "Tilskuddsbrev: Bolyst i Hamarregionen",
    ]
