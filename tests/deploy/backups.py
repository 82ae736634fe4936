"""What the backup tests share: a portal with data worth keeping, an empty database of the suite's
engine to restore into, restore_portal run there as an operator runs it, and the tables and
files read back for comparison."""

import contextlib
import io
import json
import sqlite3
import subprocess  # noqa: S404 - our own manage.py with the running interpreter
import sys
import tarfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg2
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from programme.models import Programme
from projects import services
from projects.models import Application, Attachment
from projects.workflow import State
from tests.deploy.servers import PROJECT, production_environment
from tests.factories import (
    PDF_BYTES,
    AttachmentFactory,
    FundingCallFactory,
    MunicipalityFactory,
    case_in,
    complete_application,
)

ON_POSTGRESQL = connection.vendor == "postgresql"


def make_portal(*, secretariat_user, hamar, hamar_user) -> None:
    """The 2022–2023 programme (loaded beforehand) with a call under it, applications in several
    states with a partner, payments, attachments with real bytes, history rows, an admin log
    entry and a session."""
    programme = Programme.objects.get(slug="2022-2023")
    call = FundingCallFactory(
        programme=programme, focus_areas=list(programme.focus_areas.order_by("pk")[:2])
    )
    common = {"funding_call": call, "lead_municipality": hamar, "created_by": hamar_user}
    draft = complete_application(title="Et utkast om bolyst", status=State.DRAFT, **common)
    draft.partner_municipalities.set([MunicipalityFactory(name="Innlandet", slug="innlandet")])
    AttachmentFactory(
        application=draft, file__data=PDF_BYTES + b"% prosjektplan\n", original_name="plan.pdf"
    )
    case_in(State.REJECTED, secretariat=secretariat_user, title="Avslått søknad", **common)
    running = case_in(
        State.IN_PROGRESS, secretariat=secretariat_user, title="Næringsnettverk", **common
    )
    services.payment_register(
        application=running, user=secretariat_user, amount=100_000, paid_on=date(2026, 12, 1)
    )
    AttachmentFactory(
        application=running,
        kind=Attachment.Kind.FINAL_REPORT,
        file__data=PDF_BYTES + b"% sluttrapport\n",
        original_name="sluttrapport.pdf",
    )
    LogEntry.objects.create(
        user=secretariat_user,
        content_type=ContentType.objects.get_for_model(Application),
        object_id=str(running.pk),
        object_repr=str(running),
        action_flag=CHANGE,
        change_message="Endret tittel.",
    )
    session = SessionStore()
    session["innlogget"] = True
    session.create()


def tables() -> list[str]:
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
    )


# Columns of plain text and numbers, read the same by every driver: rows that must come back
# with the same ids and values.
KEY_VALUES = {
    "auth_user": "id, username, password, email, is_staff",
    "projects_application": "id, title, status, lead_municipality_id, created_by_id",
    "projects_attachment": "id, application_id, file, original_name",
    "projects_historicalapplication": "history_id, id, title, status, history_type",
    "django_admin_log": "id, object_id, content_type_id, change_message",
    "django_content_type": "id, app_label, model",
    "django_migrations": "app, name",
}


def read_tables(cursor) -> dict:
    """Rows per table, and the key values of the tables above, through a DB-API cursor."""
    counts = {}
    for table in tables():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - the app registry's
        counts[table] = cursor.fetchone()[0]
    values = {}
    for table, columns in KEY_VALUES.items():
        cursor.execute(f'SELECT {columns} FROM "{table}" ORDER BY {columns}')  # noqa: S608
        values[table] = [tuple(row) for row in cursor.fetchall()]
    return {"counts": counts, "values": values}


def read_files(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@dataclass
class Target:
    """An empty database of the suite's engine, with the URL a process is given for it."""

    url: str
    connect: object

    def read(self) -> dict:
        with contextlib.closing(self.connect()) as target:
            cursor = target.cursor()
            try:
                return read_tables(cursor)
            finally:
                cursor.close()

    def table_count(self) -> int:
        with contextlib.closing(self.connect()) as target:
            cursor = target.cursor()
            cursor.execute(
                "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"
                if ON_POSTGRESQL
                else "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
            )
            count = cursor.fetchone()[0]
            cursor.close()
            return count


@contextlib.contextmanager
def empty_database(tmp_path: Path):
    """On PostgreSQL a new database made by the test role (which may create databases) and
    dropped afterwards; on SQLite a new file."""
    if not ON_POSTGRESQL:
        path = tmp_path / "restored.sqlite3"
        yield Target(url=f"sqlite:///{path}", connect=lambda: sqlite3.connect(path))
        return
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    params = {
        "dbname": name,
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"],
        "host": settings_dict["HOST"] or "localhost",
        "port": settings_dict["PORT"] or 5432,
    }
    try:
        yield Target(
            url="postgres://{user}:{password}@{host}:{port}/{dbname}".format(**params),
            connect=lambda: psycopg2.connect(**params),
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, database_url: str, private_media: Path) -> subprocess.CompletedProcess:
    """A manage.py command in a process of its own, as on the new server."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=production_environment(
            DATABASE_URL=database_url, DJANGO_PRIVATE_MEDIA_ROOT=str(private_media)
        ),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def rewrite(archive: Path, path: Path, *, add=(), change=None, manifest=None, rename=None):
    """A copy of the archive with members added (name, bytes), the bytes of the members whose
    name starts with change[0] passed through change[1], its manifest passed through
    `manifest`, or members renamed ({old: new})."""
    with tarfile.open(archive) as source, tarfile.open(path, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest:
                data = json.dumps(manifest(json.loads(data))).encode()
            elif change and member.name.startswith(change[0]):
                data = change[1](data)
            member.name = (rename or {}).get(member.name, member.name)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
        for name, data in add:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return path
