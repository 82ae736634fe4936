from projects.management.reminder_command import ReminderCommand
from projects.services import report_reminders_send


class Command(ReminderCommand):
    help = (
        "E-mail the applicants whose final report is due within 30 days or overdue. Each "
        "project gets at most one reminder a day, so running the command again the same day "
        "sends nothing. Meant to run daily (cron)."
    )

    def handle(self, *args, dry_run=False, today=None, verbosity=1, **options):
        today = self.day(today)
        try:
            applications = report_reminders_send(today=today, dry_run=dry_run)
        except OSError as error:
            raise self.stopped(error) from error
        if verbosity >= 2:
            for application in applications:
                due = application.decision.report_due_on
                self.stdout.write(
                    f"{'Would remind' if dry_run else 'Reminded'}: {application.title} "
                    f"({application.lead_municipality.name}), report due {due:%d.%m.%Y}."
                )
        if verbosity >= 1:
            count = len(applications)
            noun = "reminder" if count == 1 else "reminders"
            if dry_run:
                self.stdout.write(f"Dry run for {today:%d.%m.%Y}: would send {count} {noun}.")
            else:
                self.stdout.write(f"Sent {count} {noun} for {today:%d.%m.%Y}.")
