from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Delete the audit log's rows (sign-ins, failed sign-ins, second factors, invitations, "
        "role changes, deactivations) older than AUDIT_LOG_RETENTION_DAYS "
        "(DJANGO_AUDIT_LOG_RETENTION_DAYS, default 365), as the privacy statement promises. "
        "Meant to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the rows that would be deleted; delete nothing.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        days = settings.AUDIT_LOG_RETENTION_DAYS
        if days < 1:
            raise CommandError(
                f"AUDIT_LOG_RETENTION_DAYS is {days}: it must be at least 1 day, or the whole "
                "log would go."
            )
        cutoff = timezone.now() - timedelta(days=days)
        with transaction.atomic():
            old = AuditEvent.objects.filter(occurred_at__lt=cutoff)
            count = old.count()
            if not dry_run:
                old.delete()
        if verbosity >= 1:
            when = timezone.localtime(cutoff).strftime("%d.%m.%Y %H:%M")
            if dry_run:
                self.stdout.write(
                    f"Dry run: would delete {count} audit log rows from before {when}."
                )
            else:
                self.stdout.write(f"Deleted {count} audit log rows from before {when}.")
