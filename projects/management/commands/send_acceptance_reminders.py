from projects.management.reminder_command import ReminderCommand
from projects.models import AcceptanceReminder
from projects.services import acceptance_reminders_send

BEFORE = AcceptanceReminder.Kind.BEFORE_DEADLINE


class Command(ReminderCommand):
    help = (
        "E-mail the applicants whose grant must be accepted within 7 days, and tell the "
        "secretariat of the grants whose acceptance deadline has passed. Each mail is sent once "
        "per deadline, so running the command again sends nothing twice. Meant to run daily "
        "(cron)."
    )

    def handle(self, *args, dry_run=False, today=None, verbosity=1, **options):
        today = self.day(today)
        try:
            sent = acceptance_reminders_send(today=today, dry_run=dry_run)
        except OSError as error:
            raise self.stopped(error) from error
        if verbosity >= 2:
            for application, kind in sent:
                due = application.decision.acceptance_due_on
                what = (
                    ("Would remind" if dry_run else "Reminded")
                    if kind == BEFORE
                    else ("Would tell the secretariat of" if dry_run else "Told the secretariat of")
                )
                self.stdout.write(
                    f"{what}: {application.title} ({application.lead_municipality.name}), "
                    f"acceptance due {due:%d.%m.%Y}."
                )
        if verbosity >= 1:
            reminders = sum(kind == BEFORE for _application, kind in sent)
            counts = f"{reminders} reminder(s) and {len(sent) - reminders} passed deadline(s)"
            if dry_run:
                self.stdout.write(f"Dry run for {today:%d.%m.%Y}: would send {counts}.")
            else:
                self.stdout.write(f"Sent {counts} for {today:%d.%m.%Y}.")
