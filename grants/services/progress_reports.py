"""The applicant's progress reports, the secretariat reading them, and the reminders."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamarregion.formatting import format_date
from projects.models import Application
from projects.permissions import is_member_of, is_secretariat
from projects.services.reminders import reminders_send

from ..models import ProgressReminder, ProgressReport
from ..notifications import send_progress_reminder
from ..selectors.progress_reports import (
    progress_reminders_due,
    progress_report_is_open,
    progress_report_schedule,
)


def progress_report_refusal(*, application: Application, number: int, today: date):
    """Why report `number` cannot be sent in now, or None. progress_report_submit refuses with
    it; the report's page asks it before showing its form."""
    scheduled = next((s for s in progress_report_schedule(application) if s.number == number), None)
    if scheduled is None:
        return ValidationError(
            _("Prosjektet skal ikke levere framdriftsrapport nr. %(number)s.") % {"number": number},
            code="not_scheduled",
        )
    if scheduled.report is not None:
        return ValidationError(
            _("Framdriftsrapporten er allerede sendt inn."), code="already_submitted"
        )
    if today < scheduled.opens_on():
        return ValidationError(
            _("Framdriftsrapporten kan skrives fra %(date)s.")
            % {"date": format_date(scheduled.opens_on())},
            code="not_open",
        )
    if not progress_report_is_open(application, scheduled, today):
        return ValidationError(
            _(
                "Framdriftsrapporten kan ikke sendes inn nå: prosjektperioden er over, eller "
                "prosjektet følges ikke lenger opp. Sluttrapporten dekker resten."
            ),
            code="closed",
        )
    return None


@transaction.atomic
def progress_report_submit(
    *,
    application: Application,
    user,
    number: int,
    progress: str,
    spent: int | None,
    deviations: str = "",
    today: date | None = None,
) -> ProgressReport:
    """Send in the report for year `number` of the project period."""
    today = today or timezone.localdate()
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not is_member_of(user, application.lead_municipality):
        raise PermissionDenied
    refusal = progress_report_refusal(application=application, number=number, today=today)
    if refusal is not None:
        raise refusal
    errors = {}
    progress = (progress or "").strip()
    if not progress:
        errors["progress"] = _("Beskriv framdriften så langt.")
    if spent is None or spent < 0:
        errors["spent"] = _("Oppgi hvor mye prosjektet har brukt så langt, i hele kroner.")
    if errors:
        raise ValidationError(errors)
    due_on = next(s.due_on for s in progress_report_schedule(application) if s.number == number)
    report = ProgressReport(
        application=application,
        number=number,
        due_on=due_on,
        progress=progress,
        spent=spent,
        deviations=(deviations or "").strip(),
        submitted_by=user,
    )
    report.full_clean(exclude=["application", "submitted_by"])
    report.save()
    return report


@transaction.atomic
def progress_report_acknowledge(*, report: ProgressReport, user, now=None) -> ProgressReport:
    """The secretariat marks the report as read."""
    if not is_secretariat(user):
        raise PermissionDenied
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.is_acknowledged:
        raise ValidationError(
            _("Framdriftsrapport %(number)s for «%(project)s» er allerede markert som lest.")
            % {"number": report.number, "project": report.application},
            code="already_acknowledged",
        )
    report.acknowledged_by = user
    report.acknowledged_at = now or timezone.now()
    report.save(update_fields=["acknowledged_by", "acknowledged_at"])
    return report


def progress_reminders_send(*, today: date, dry_run: bool = False) -> list:
    """Send each due reminder once a day, as report_reminders_send does for final reports: the
    day's row is written in the transaction the mail is queued in, and a mail that cannot be
    queued rolls its row back so that the next run tries again. Answers (application, the
    reports it owes) for each reminder sent."""
    return reminders_send(
        progress_reminders_due(today=today),
        record=lambda due: ProgressReminder.objects.get_or_create(
            application=due[0], sent_on=today
        )[1],
        send=lambda due: send_progress_reminder(due[0], outstanding=due[1], today=today),
        dry_run=dry_run,
    )
