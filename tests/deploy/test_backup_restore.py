"""Backup and restore (manage.py backup_portal / restore_portal): an archive restored into an
empty database gives back the same programme, applications, case records, history and attachment
files; a database with content, a name that climbs out of the archive and a damaged file are each
refused with nothing changed."""

import io
import json
import shutil
import tarfile
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import models
from django.test import Client
from django.urls import reverse

from programme.models import Programme
from projects import services
from projects.models import Application, Attachment, Municipality
from projects.workflow import State
from tests.factories import (
    PDF_BYTES,
    ApplicationFactory,
    AttachmentFactory,
    FundingCallFactory,
    MunicipalityFactory,
    UserFactory,
    case_in,
    complete_application,
)
from tests.html import page_text

pytestmark = pytest.mark.django_db

# Framework tables that are left out of the archive on purpose (see backup_portal's help).
NOT_BACKED_UP_APPS = {"contenttypes", "sessions", "axes"}


def backed_up_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in NOT_BACKED_UP_APPS
        and model is not Permission
        and not model._meta.proxy
    ]


def row_values(model):
    """Every row of the model as a tuple of its column values, in pk order, with content types
    and permissions by natural key (their ids differ between databases) and each many-to-many
    relation as the sorted ids it points to."""
    m2m = [
        field for field in model._meta.many_to_many if field.remote_field.through._meta.auto_created
    ]
    rows = []
    for obj in model._base_manager.order_by("pk"):
        row = []
        for field in model._meta.concrete_fields:
            if field.is_relation and field.remote_field.model is ContentType:
                related = getattr(obj, field.name)
                row.append(related.natural_key() if related else None)
            elif isinstance(field, models.FileField):
                row.append(getattr(obj, field.attname).name)
            else:
                row.append(getattr(obj, field.attname))
        for field in m2m:
            related = getattr(obj, field.name).all()
            if field.remote_field.model is Permission:
                row.append(sorted(permission.natural_key() for permission in related))
            else:
                row.append(sorted(related.values_list("pk", flat=True)))
        rows.append(tuple(row))
    return rows


def snapshot():
    return {model._meta.label_lower: row_values(model) for model in backed_up_models()}


def private_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def empty_database():
    """What a new database looks like after `manage.py migrate`: no content, content types and
    permissions with ids of their own, and the rows the migrations make (the two groups, the
    four member municipalities) with ids that need not match the backed-up ones."""
    for model in apps.get_models(include_auto_created=True):
        model._base_manager.all()._raw_delete(model._base_manager.db)
    ContentType.objects.clear_cache()
    # In another order than the first migrate, so that every id is a new one.
    for app_config in reversed(list(apps.get_app_configs())):
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    for name in ("Rådsmedlem", "Sekretariat"):
        Group.objects.create(name=name).permissions.set(Permission.objects.all()[:3])
    for name, slug in [("Stange", "stange"), ("Ringsaker", "ringsaker"), ("Hamar", "hamar")]:
        Municipality.objects.create(name=name, slug=slug, is_member=True)
    Municipality.objects.create(name="Løten", slug="loten", is_member=True)
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    # empty_database() gives content types new ids inside the test's transaction, which is
    # rolled back: the process-wide cache must not keep them for the next test.
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def portal(programme_fixture, secretariat_user, hamar, hamar_user, loten_user):
    """The 2022–2023 programme with a call under it, and applications in several states with
    their plans, a recommendation, decisions, payments, a final report, attachments with real
    bytes, history rows, an admin log entry and a user who has since been deleted."""
    programme = Programme.objects.get(slug="2022-2023")
    call = FundingCallFactory(
        programme=programme, focus_areas=list(programme.focus_areas.order_by("pk")[:2])
    )
    partner = MunicipalityFactory(name="Innlandet fylkeskommune", slug="innlandet")
    common = {"funding_call": call, "lead_municipality": hamar, "created_by": hamar_user}

    draft = complete_application(title="Et utkast om bolyst", status=State.DRAFT, **common)
    draft.partner_municipalities.set([partner])
    AttachmentFactory(
        application=draft, file__data=PDF_BYTES + b"% prosjektplan\n", original_name="plan.pdf"
    )
    case_in(State.SUBMITTED, secretariat=secretariat_user, title="Sendt inn", **common)
    case_in(State.REJECTED, secretariat=secretariat_user, title="Avslått søknad", **common)
    running = case_in(
        State.IN_PROGRESS, secretariat=secretariat_user, title="Næringsnettverk", **common
    )
    services.payment_register(
        application=running, user=secretariat_user, amount=100_000, paid_on=date(2026, 12, 1)
    )
    services.payment_register(
        application=running,
        user=secretariat_user,
        amount=50_000,
        paid_on=date(2027, 3, 1),
        reference="Bilag 17",
    )
    AttachmentFactory(
        application=running,
        kind=Attachment.Kind.FINAL_REPORT,
        file__data=PDF_BYTES + b"% sluttrapport\n",
        original_name="sluttrapport.pdf",
    )
    case_in(State.COMPLETED, secretariat=secretariat_user, title="Ferdig prosjekt", **common)
    LogEntry.objects.create(
        user=secretariat_user,
        content_type=ContentType.objects.get_for_model(Application),
        object_id=str(running.pk),
        object_repr=str(running),
        action_flag=CHANGE,
        change_message="Endret tittel.",
    )
    # History rows keep the id of a user who is gone: the backup must not need that user.
    leaver = UserFactory(username="sluttet")
    left_behind = ApplicationFactory(funding_call=call, lead_municipality=hamar, created_by=leaver)
    left_behind.title = "Endret av en som har sluttet"
    left_behind.save()
    leaver.delete()
    return {"draft": draft, "running": running}


@pytest.fixture
def archive(portal, tmp_path):
    path = tmp_path / "backup" / "hamarregion.tar.gz"
    path.parent.mkdir()
    call_command("backup_portal", output=str(path), verbosity=0)
    return path


def restore(path):
    out = io.StringIO()
    call_command("restore_portal", str(path), stdout=out)
    return out.getvalue()


def test_restore_into_an_empty_database_gives_back_the_same_data_and_files(portal, archive):
    before, files_before = snapshot(), private_files()
    assert len(files_before) == 2
    assert before["projects.historicalapplication"]
    assert before["admin.logentry"]

    empty_database()
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)
    assert not Application.objects.exists()
    output = restore(archive)

    assert snapshot() == before
    assert private_files() == files_before
    assert "and 2 files" in output


def test_the_restored_portal_shows_the_same_programme_and_projects(client, portal, archive):
    pages = [
        reverse("programme:programme-detail", kwargs={"slug": "2022-2023"}),
        *(
            focus_area.get_absolute_url()
            for focus_area in Programme.objects.get().focus_areas.all()
        ),
        reverse("publication:project-list"),
        reverse("publication:project-detail", kwargs={"pk": portal["running"].pk}),
    ]
    before = {url: page_text(client.get(url)) for url in pages}
    empty_database()
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)

    restore(archive)

    assert {url: page_text(client.get(url)) for url in pages} == before
    assert "Næringsnettverk" in before[pages[-2]]


def test_the_owner_downloads_the_restored_attachments_byte_for_byte(portal, archive):
    attachments = {a.pk: (a.get_absolute_url(), a.file.read()) for a in Attachment.objects.all()}
    empty_database()
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)

    restore(archive)

    owner = Client()
    owner.force_login(get_user_model().objects.get(username="hamar-saksbehandler"))
    for url, content in attachments.values():
        response = owner.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == content
    stranger = Client()
    stranger.force_login(get_user_model().objects.get(username="loten-saksbehandler"))
    assert stranger.get(next(iter(attachments.values()))[0]).status_code == 404


def test_the_secretariat_keeps_its_group_and_permissions(portal, archive):
    permissions = set(Group.objects.get(name="Sekretariat").permissions.values_list("codename"))
    empty_database()

    restore(archive)

    secretariat = Group.objects.get(name="Sekretariat")
    assert set(secretariat.permissions.values_list("codename")) == permissions
    assert get_user_model().objects.get(username="sekretaer").groups.get() == secretariat


def test_the_archive_lists_every_model_of_the_portals_own_apps(archive):
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    own_apps = [
        config
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    ]
    assert {config.label for config in own_apps} >= {"programme", "projects"}
    for config in own_apps:
        for model in config.get_models():
            assert model._meta.label_lower in manifest["counts"]
    assert manifest["counts"]["projects.application"] == Application.objects.count()
    assert not {label for label in manifest["counts"] if label.startswith(("sessions.", "axes."))}
    assert "auth.permission" not in manifest["counts"]
    assert len(manifest["files"]) == 2


def test_a_database_with_applications_is_refused_and_left_as_it_was(portal, archive):
    before, files_before = snapshot(), private_files()

    with pytest.raises(
        CommandError,
        match=r"already holds data \(users: 3, programmes: 1, funding calls: 1, applications: 6\)",
    ):
        restore(archive)

    assert snapshot() == before
    assert private_files() == files_before


def rewrite(archive, tmp_path, *, add=(), change=None, manifest_files=None):
    """A copy of the archive with members added (name, bytes) or a member's bytes changed."""
    path = tmp_path / "altered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(path, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest_files:
                manifest = json.loads(data)
                manifest["files"].update(manifest_files)
                data = json.dumps(manifest).encode()
            if change and member.name.startswith(change[0]):
                data = change[1](data)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
        for name, data in add:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return path


def assert_nothing_restored():
    assert not Application.objects.exists()
    assert not Programme.objects.exists()
    assert not get_user_model().objects.exists()
    assert private_files() == {}


@pytest.mark.parametrize(
    "name",
    ["../utenfor.txt", "/etc/utenfor.txt", "files/private/../../utenfor.txt", "./data.jsonl"],
)
def test_a_name_that_points_outside_the_archive_is_refused(archive, tmp_path, name):
    altered = rewrite(archive, tmp_path, add=[(name, b"hei")])
    empty_database()
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)

    with pytest.raises(CommandError, match="points outside the archive"):
        restore(altered)

    assert_nothing_restored()
    assert not (tmp_path / "utenfor.txt").exists()
    assert not (tmp_path.parent / "utenfor.txt").exists()


def test_a_link_in_the_archive_is_refused(archive, tmp_path):
    altered = tmp_path / "link.tar.gz"
    shutil.copy(archive, altered)
    with tarfile.open(archive) as source, tarfile.open(altered, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        link = tarfile.TarInfo("files/private/passwd")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        target.addfile(link)
    empty_database()
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)

    with pytest.raises(CommandError, match="not a regular file"):
        restore(altered)

    assert_nothing_restored()


def test_a_damaged_attachment_is_refused_and_nothing_is_written(archive, tmp_path):
    def damage(data):
        return data[:-2] + b"X\n"

    altered = rewrite(archive, tmp_path, change=("files/private/attachments/", damage))
    empty_database()
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)

    with pytest.raises(CommandError, match="does not match the sha256"):
        restore(altered)

    assert_nothing_restored()


def test_a_damaged_data_file_is_refused(archive, tmp_path):
    altered = rewrite(
        archive,
        tmp_path,
        change=("data.jsonl", lambda data: data.replace(b"Sendt inn", b"Sendt ut")),
    )
    empty_database()
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)

    with pytest.raises(CommandError, match="data.jsonl in the archive does not match"):
        restore(altered)

    assert_nothing_restored()


def test_a_file_not_in_the_manifest_is_refused(archive, tmp_path):
    altered = rewrite(archive, tmp_path, add=[("files/private/attachments/ekstra.pdf", PDF_BYTES)])
    empty_database()
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)

    with pytest.raises(CommandError, match="not listed: files/private/attachments/ekstra.pdf"):
        restore(altered)

    assert_nothing_restored()


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    not_an_archive = tmp_path / "backup.tar.gz"
    not_an_archive.write_bytes(b"dette er ikke et arkiv")

    with pytest.raises(CommandError, match="cannot be read as a backup archive"):
        restore(not_an_archive)


def test_backup_does_not_overwrite_an_existing_file(portal, tmp_path):
    existing = tmp_path / "forrige.tar.gz"
    existing.write_bytes(b"forrige sikkerhetskopi")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_portal", output=str(existing), verbosity=0)

    assert existing.read_bytes() == b"forrige sikkerhetskopi"


def test_backup_warns_of_an_attachment_whose_file_is_missing(portal, tmp_path):
    attachment = Attachment.objects.get(original_name="plan.pdf")
    Path(attachment.file.path).unlink()
    errors = io.StringIO()

    call_command("backup_portal", output=str(tmp_path / "b.tar.gz"), stderr=errors, verbosity=0)

    assert f"files/private/{attachment.file.name} is referred to by the data" in errors.getvalue()
