from grants.services.progress_reports import progress_reminders_send
from projects.management.reminders import DailyReminderCommand


class Command(DailyReminderCommand):
    help = (
        "E-mail the applicants whose project owes a progress report: due within 30 days or "
        "overdue, in projects longer than a year, while the project period lasts. Each project "
        "gets at most one reminder a day, so running the command again the same day sends "
        "nothing. Meant to run daily (cron), beside send_report_reminders."
    )

    def send(self, *, today, dry_run):
        return progress_reminders_send(today=today, dry_run=dry_run)

    def describe(self, reminder):
        application, outstanding = reminder
        dates = ", ".join(f"{scheduled.due_on:%d.%m.%Y}" for scheduled in outstanding)
        return (
            f"{application.title} ({application.lead_municipality.name}), "
            f"progress report due {dates}."
        )
