from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from hamarregion.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by backup_portal into an empty, freshly migrated database "
        "(at the same migrations as the backup), in one transaction, and its files into "
        "PRIVATE_MEDIA_ROOT (and MEDIA_ROOT). Refused, with nothing changed, when the database "
        "already holds users, programmes, funding calls or applications, when a file in the "
        "archive does not match the sha256 in its manifest, or when a name in the archive points "
        "outside it. The rows the migrations make (groups, member municipalities) are replaced "
        "by the archive's."
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
        if verbosity >= 2:
            for label, count in result.counts.items():
                self.stdout.write(f"  {label}: {count}")
        if verbosity >= 1:
            self.stdout.write(
                f"Restored {sum(result.counts.values())} rows of {len(result.counts)} models "
                f"and {result.files_written} {'file' if result.files_written == 1 else 'files'}"
                + (
                    f" ({result.files_present} were already in place)"
                    if result.files_present
                    else ""
                )
                + f" from {archive}."
            )
