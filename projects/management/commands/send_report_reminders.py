from projects.management.reminders import DailyReminderCommand
from projects.services import report_reminders_send


class Command(DailyReminderCommand):
    help = (
        "E-mail the applicants whose final report is due within 30 days or overdue. Each "
        "project gets at most one reminder a day, so running the command again the same day "
        "sends nothing. Meant to run daily (cron)."
    )

    def send(self, *, today, dry_run):
        return report_reminders_send(today=today, dry_run=dry_run)

    def describe(self, application):
        due = application.decision.report_due_on
        return (
            f"{application.title} ({application.lead_municipality.name}), "
            f"report due {due:%d.%m.%Y}."
        )
