"""What the daily reminder commands share: --dry-run, --date, sending through a service that
records each reminder with its mail, and the report of what was sent."""

import argparse
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {value!r}") from None


class DailyReminderCommand(BaseCommand):
    """A subclass says how to send the day's reminders (send) and how to name one (describe)."""

    def send(self, *, today: date, dry_run: bool) -> list:
        """The service's run: the reminders sent (or, dry, those it would send)."""
        raise NotImplementedError

    def describe(self, reminder) -> str:
        """One reminder, for the list at verbosity 2."""
        raise NotImplementedError

    def line(self, reminder, *, dry_run: bool) -> str:
        return f"{'Would remind' if dry_run else 'Reminded'}: {self.describe(reminder)}"

    def counted(self, reminders: list) -> str:
        """What was sent, counted, for the summary line."""
        noun = "reminder" if len(reminders) == 1 else "reminders"
        return f"{len(reminders)} {noun}"

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the reminders that would be sent; send nothing and record nothing.",
        )
        parser.add_argument(
            "--date",
            dest="today",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="Act as if today were this date (default: today in Europe/Oslo).",
        )

    def handle(self, *args, dry_run=False, today=None, verbosity=1, **options):
        if isinstance(today, str):
            # call_command(date="…") passes the text through without parsing it.
            try:
                today = iso_date(today)
            except argparse.ArgumentTypeError as error:
                raise CommandError(f"--date: {error}.") from None
        today = today or timezone.localdate()
        # Each reminder is its own transaction in the service, with its mail queued in it: a
        # mail that cannot be queued keeps the ones before it recorded, and is tried again on
        # the next run. A queued mail the mail server refuses is retried by send_queued_mail.
        try:
            reminders = self.send(today=today, dry_run=dry_run)
        except OSError as error:
            raise CommandError(
                f"Sending stopped: {error}. Reminders sent before this are recorded; "
                "run the command again to send the rest."
            ) from error
        if verbosity >= 2:
            for reminder in reminders:
                self.stdout.write(self.line(reminder, dry_run=dry_run))
        if verbosity >= 1:
            counts = self.counted(reminders)
            if dry_run:
                self.stdout.write(f"Dry run for {today:%d.%m.%Y}: would send {counts}.")
            else:
                self.stdout.write(f"Sent {counts} for {today:%d.%m.%Y}.")
