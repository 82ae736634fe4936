from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from hamarregion.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the whole portal to one .tar.gz: the data of every installed app (the programme, "
        "calls, applications and case records, meetings, users and groups with their "
        "permissions, the history tables and the admin log) in loaddata's JSON Lines format, "
        "every file under PRIVATE_MEDIA_ROOT (attachments) and MEDIA_ROOT, and a manifest with "
        "the rows per model and the sha256 of every file. Left out on purpose: content types "
        "and permissions (migrate makes them in every database; the data names them by natural "
        "key), sessions (restoring them would log people back in) and django-axes' login "
        "attempts (short-lived records with IP addresses; restoring them would lock accounts "
        "again). The archive holds personal data and password hashes: it is written readable "
        "by its owner only. restore_portal reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", required=True, metavar="PATH.tar.gz", help="The archive to write (new)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to back up.")

    def handle(self, *args, output, database=DEFAULT_DB_ALIAS, verbosity=1, **options):
        try:
            result = backup(output, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for name in result.missing_files:
            self.stderr.write(f"Warning: {name} is referred to by the data but was not found.")
        if verbosity >= 2:
            for label, count in result.counts.items():
                self.stdout.write(f"  {label}: {count}")
        if verbosity >= 1:
            rows = sum(result.counts.values())
            size = sum(entry["size"] for entry in result.files.values())
            self.stdout.write(
                f"Wrote {result.path}: {rows} rows of {len(result.counts)} models, "
                f"{len(result.files)} {'file' if len(result.files) == 1 else 'files'} "
                f"({size} bytes)."
            )
