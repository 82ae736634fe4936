"""The archive in admin: the zip of one case for the secretariat, a copy that records nothing;
the registry entries, where the secretariat marks an entry exempt from the public journal."""

import io
import zipfile

import pytest
from django.urls import reverse

from archive.models import RegistryEntry
from projects.models import CaseDocument
from tests.admin_forms import admin_form_data
from tests.factories import complete_application

from .conftest import export

pytestmark = pytest.mark.django_db

GROUND = "Offl. § 13 jf. fvl. § 13 første ledd nr. 1"


def zip_url(application):
    return reverse("admin:archive_registryentry_case_zip", args=[application.pk])


def test_the_secretariat_downloads_the_case_as_the_export_writes_it(
    granted, secretariat_client, tmp_path, quick_pdfs, schema
):
    response = secretariat_client.get(zip_url(granted))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="soknad-{granted.pk}.zip"'
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    files = zipfile.ZipFile(io.BytesIO(response.content))
    export(tmp_path / "arkiv")
    written = sorted(
        str(path.relative_to(tmp_path / "arkiv"))
        for path in (tmp_path / "arkiv").rglob("*")
        if path.is_file()
    )
    assert sorted(files.namelist()) == written
    for name in files.namelist():
        if name.endswith("arkivmelding.xml"):
            schema.validate(files.read(name).decode())


def test_the_zip_is_a_copy_and_the_export_still_sends_the_case(
    granted, secretariat_client, tmp_path, quick_pdfs
):
    secretariat_client.get(zip_url(granted))
    assert not RegistryEntry.objects.exists()

    result = export(tmp_path / "arkiv")

    assert len(result.planned) == 2


@pytest.mark.parametrize(("who", "expected"), [("council_client", 403), ("hamar_client", 302)])
def test_council_members_and_applicants_get_no_zip(request, granted, who, expected):
    response = request.getfixturevalue(who).get(zip_url(granted))

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("admin:login"))


def test_the_case_page_links_to_the_zip(granted, secretariat_client):
    page = secretariat_client.get(
        reverse("admin:projects_application_change", args=[granted.pk])
    ).content.decode()

    assert f'href="{zip_url(granted)}"' in page


def test_a_case_without_documents_gives_a_message_not_a_zip(secretariat_client, hamar, hamar_user):
    draft = complete_application(lead_municipality=hamar, created_by=hamar_user)

    response = secretariat_client.get(zip_url(draft), follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "admin:projects_application_change", args=[draft.pk]
    )
    assert "Saken har ingen dokumenter å arkivere ennå." in response.content.decode()


def test_an_unknown_case_is_not_found(secretariat_client):
    assert (
        secretariat_client.get(
            reverse("admin:archive_registryentry_case_zip", args=[999999])
        ).status_code
        == 404
    )


def test_the_secretariat_marks_an_entry_exempt_with_its_legal_ground(
    granted, secretariat_client, tmp_path, quick_pdfs
):
    export(tmp_path / "arkiv")
    entry = RegistryEntry.objects.get(document__kind=CaseDocument.Kind.DECISION_LETTER)
    url = reverse("admin:archive_registryentry_change", args=[entry.pk])
    page = secretariat_client.get(url)

    response = secretariat_client.post(url, admin_form_data(page, exemption_ground=GROUND))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.exemption_ground == GROUND
    assert entry.title == "Tilskuddsbrev: Bolyst i Hamarregionen"
    assert entry.history.count() == 2


def test_the_exports_and_entries_are_the_secretariats_alone(
    granted, council_client, secretariat_client, tmp_path, quick_pdfs
):
    result = export(tmp_path / "arkiv")
    export_url = reverse("admin:archive_archiveexport_change", args=[result.export.pk])

    assert secretariat_client.get(export_url).status_code == 200
    assert council_client.get(export_url).status_code == 403
    assert council_client.get(reverse("admin:archive_registryentry_changelist")).status_code == 403
    page = secretariat_client.get(reverse("admin:archive_registryentry_changelist"))
    assert "Søknad om utviklingsmidler: Bolyst i Hamarregionen" in page.content.decode()
