from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from hamarregion.backup import BackupError, restore
from hamarregion.backup.archive import ENGINE_NAMES


class Command(BaseCommand):
    help = (
        "Restore an archive written by backup_portal into an empty database (created, not "
        "migrated) of the same engine, and its files into PRIVATE_MEDIA_ROOT (and MEDIA_ROOT). "
        "The whole archive is checked first: refused, with nothing changed, when a name in it "
        "points outside it or is a link, when a file does not match the sha256 in its manifest, "
        "when it was made from another engine or by a newer version of the portal, when the "
        "database already holds tables, or when a different file is already in place. "
        "PostgreSQL is restored with pg_restore in one transaction, SQLite with its backup API. "
        "Run `manage.py migrate` afterwards if this version of the portal is newer."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="PATH.tar.gz", help="The archive to restore.")
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="The database to restore into."
        )

    def handle(self, *args, archive, database=DEFAULT_DB_ALIAS, verbosity=1, **options):
        try:
            result = restore(archive, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if verbosity >= 1:
            self.stdout.write(
                f"Restored the {ENGINE_NAMES[result.engine]} database and {result.files_written} "
                f"{'file' if result.files_written == 1 else 'files'}"
                + (
                    f" ({result.files_present} were already in place)"
                    if result.files_present
                    else ""
                )
                + f" from {archive}."
            )
        if result.pending_migrations:
            self.stdout.write(
                f"This version of the portal has {result.pending_migrations} migrations the "
                "backup did not: run `manage.py migrate` now."
            )
