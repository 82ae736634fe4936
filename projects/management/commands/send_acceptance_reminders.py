from projects.management.reminders import DailyReminderCommand
from projects.models import AcceptanceReminder
from projects.services import acceptance_reminders_send

BEFORE = AcceptanceReminder.Kind.BEFORE_DEADLINE


class Command(DailyReminderCommand):
    help = (
        "E-mail the applicants whose grant must be accepted within 7 days, and tell the "
        "secretariat of the grants whose acceptance deadline has passed. Each mail is sent once "
        "per deadline, so running the command again sends nothing twice. Meant to run daily "
        "(cron)."
    )

    def send(self, *, today, dry_run):
        return acceptance_reminders_send(today=today, dry_run=dry_run)

    def line(self, reminder, *, dry_run):
        application, kind = reminder
        if kind == BEFORE:
            what = "Would remind" if dry_run else "Reminded"
        else:
            what = "Would tell the secretariat of" if dry_run else "Told the secretariat of"
        due = application.decision.acceptance_due_on
        return (
            f"{what}: {application.title} ({application.lead_municipality.name}), "
            f"acceptance due {due:%d.%m.%Y}."
        )

    def counted(self, reminders):
        before = sum(kind == BEFORE for _application, kind in reminders)
        return f"{before} reminder(s) and {len(reminders) - before} passed deadline(s)"
