"""Handing cases to the archive: the export the command runs, which records what it sends so
that the next run sends only what is new, and the zip of one case the secretariat downloads in
admin, a copy that records nothing."""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from projects.permissions import is_secretariat

from .arkivmelding import FILE_NAME
from .cases import Planned, case_messages, sent_attachments
from .models import ArchiveExport, RegistryEntry
from .selectors import documents_not_archived


@dataclass
class ExportResult:
    export: ArchiveExport | None
    planned: list[Planned] = field(default_factory=list)

    @property
    def missing(self):
        return [attachment for planned in self.planned for attachment in planned.missing]


def message_files(planned: Planned):
    """(path in the export, content) of the message's XML and of each file it names."""
    yield f"{planned.path}/{FILE_NAME}", planned.message.xml()
    for file in planned.message.files:
        yield f"{planned.path}/{file.name}", file.content


def plan_export(*, since: date | None = None, application_id: int | None = None):
    """The messages for the documents no export has sent yet, case by case."""
    documents = documents_not_archived(since=since, application_id=application_id)
    planned = []
    for _application_id, group in groupby(documents, key=lambda document: document.application_id):
        group = list(group)
        application = group[0].application
        already = RegistryEntry.objects.filter(document__application=application)
        planned += case_messages(
            application,
            group,
            creates_case=not already.exists(),
            sent=sent_attachments(application),
        )
    return planned


@transaction.atomic
def archive_export(
    *,
    out_dir: Path,
    command: str,
    since: date | None = None,
    application_id: int | None = None,
    user=None,
    dry_run: bool = False,
) -> ExportResult:
    """Write a folder per case under `out_dir` with a message per registry entry not sent
    before, and record them. Nothing is recorded if a file cannot be written; with dry_run
    nothing is written or recorded."""
    planned = plan_export(since=since, application_id=application_id)
    if dry_run or not planned:
        return ExportResult(export=None, planned=planned)
    export = ArchiveExport.objects.create(
        created_by=user, command=command, destination=str(out_dir)
    )
    for item in planned:
        entry = RegistryEntry.objects.create(
            export=export,
            document=item.document,
            entry_type=item.message.entry.entry_type[0],
            title=item.message.entry.title,
            party=item.message.entry.party.name,
            journal_date=timezone.localdate(item.message.entry.at),
        )
        entry.attachments.set(item.attachments)
    for item in planned:
        for path, content in message_files(item):
            target = out_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    return ExportResult(export=export, planned=planned)


def case_archive_zip(*, application, user) -> bytes:
    """Every document of the case as the export writes them, in one zip, for the secretariat."""
    if not is_secretariat(user):
        raise PermissionDenied
    documents = application.documents.order_by("created_at", "pk")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for planned in case_messages(application, documents, creates_case=True):
            for path, content in message_files(planned):
                archive.writestr(path, content)
    return buffer.getvalue()
