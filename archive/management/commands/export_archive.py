import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.services import archive_export
from projects.management.reminders import iso_date
from projects.models import Application
from projects.services.documents import DocumentUnavailable


class Command(BaseCommand):
    help = (
        "Write the case documents not yet handed to the archive as Fiks Arkiv messages "
        "(arkivmelding.xml with its PDF/A documents and attachments): a folder per case under "
        "--out, a folder per registry entry in it. What is written is recorded, so running the "
        "command again writes only what is new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", required=True, type=Path, metavar="DIR", help="Where to write."
        )
        parser.add_argument(
            "--since",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="Only documents made on or after this date.",
        )
        parser.add_argument(
            "--application", type=int, metavar="ID", help="Only the case of this application."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be written; write nothing and record nothing.",
        )

    def handle(self, *args, out, since=None, application=None, dry_run=False, **options):
        verbosity = options.get("verbosity", 1)
        if isinstance(since, str):
            # call_command(since="…") passes the text through without parsing it.
            try:
                since = iso_date(since)
            except argparse.ArgumentTypeError as error:
                raise CommandError(f"--since: {error}.") from None
        if application is not None and not Application.objects.filter(pk=application).exists():
            raise CommandError(f"--application: no application has the id {application}.")
        out = Path(out)
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out: {out} is a file, not a folder.")
        command = " ".join(
            ["export_archive", f"--out {out}"]
            + ([f"--since {since:%Y-%m-%d}"] if since else [])
            + ([f"--application {application}"] if application is not None else [])
        )
        try:
            result = archive_export(
                out_dir=out,
                command=command,
                since=since,
                application_id=application,
                dry_run=dry_run,
            )
        except DocumentUnavailable as error:
            raise CommandError(
                f"A PDF could not be made: {error}. Nothing was recorded; run the command "
                "again when WeasyPrint works."
            ) from error
        except OSError as error:
            raise CommandError(
                f"Could not write to {out}: {error}. Nothing was recorded."
            ) from error
        for attachment in result.missing:
            self.stderr.write(
                f"Left out: the file of attachment {attachment.pk} ({attachment.original_name}) "
                "is not in storage."
            )
        if verbosity >= 2:
            for planned in result.planned:
                self.stdout.write(f"{'Would write' if dry_run else 'Wrote'} {planned.path}/")
        if verbosity >= 1:
            count = len(result.planned)
            noun = "registry entry" if count == 1 else "registry entries"
            if dry_run:
                self.stdout.write(f"Dry run: would write {count} {noun}.")
            else:
                self.stdout.write(f"Wrote {count} {noun} to {out}.")
