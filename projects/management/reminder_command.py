"""What the daily reminder commands share: --dry-run, --date and the day they act on."""

import argparse
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {value!r}") from None


class ReminderCommand(BaseCommand):
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

    def day(self, today) -> date:
        """The --date given, or today in Oslo."""
        if isinstance(today, str):
            # call_command(date="…") passes the text through without parsing it.
            try:
                today = iso_date(today)
            except argparse.ArgumentTypeError as error:
                raise CommandError(f"--date: {error}.") from None
        return today or timezone.localdate()

    @staticmethod
    def stopped(error: OSError) -> CommandError:
        """Each reminder is its own transaction in the service, with its mail queued in it: a
        mail that cannot be queued keeps the ones before it recorded, and is tried again on the
        next run. A queued mail the mail server refuses is retried by send_queued_mail."""
        return CommandError(
            f"Sending stopped: {error}. Reminders sent before this are recorded; "
            "run the command again to send the rest."
        )
