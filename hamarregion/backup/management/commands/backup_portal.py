from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from hamarregion.backup import BackupError, backup
from hamarregion.backup.archive import ENGINE_NAMES


class Command(BaseCommand):
    help = (
        "Write the whole portal to one .tar.gz: the database copied by its own tool (pg_dump "
        "--format=custom on PostgreSQL, SQLite's online backup API on SQLite) in one consistent "
        "snapshot, every file under PRIVATE_MEDIA_ROOT (attachments) and MEDIA_ROOT, and a "
        "manifest with the engine, the migrations and the sha256 of every file. Left out on "
        "purpose: the rows of sessions (restoring them would log people back in) and of "
        "django-axes' login attempts (short-lived records with IP addresses; restoring them "
        "would lock accounts again); their tables are kept, empty. The archive holds personal "
        "data and password hashes: it is written readable by its owner only. restore_portal "
        "reads it back into an empty database of the same engine."
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
        if verbosity >= 1:
            size = sum(entry["size"] for entry in result.files.values())
            engine = ENGINE_NAMES[result.engine]
            self.stdout.write(
                f"Wrote {result.path}: the {engine} database ({result.database_size} bytes) "
                f"and {len(result.files)} {'file' if len(result.files) == 1 else 'files'} "
                f"({size} bytes)."
            )
