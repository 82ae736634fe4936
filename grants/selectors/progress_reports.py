"""When a project reports its progress: one report for each full year of its period, counted
from the start (start + 12 months, + 24 months, ...) while before the end date; the final report
covers the end. A project of a year or less reports no progress."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from projects.models import Application
from projects.workflow import FOLLOW_UP_STATES

from ..models import ProgressReport

# A report may be written, and the applicant is reminded, from 30 days before it is due.
REPORT_WINDOW_DAYS = 30


def years_after(start: date, years: int) -> date:
    """The same day `years` years later; 29 February becomes 28 February in other years."""
    year = start.year + years
    return start.replace(year=year, day=min(start.day, calendar.monthrange(year, start.month)[1]))


def progress_report_due_dates(*, start_date: date | None, end_date: date | None) -> list[date]:
    if start_date is None or end_date is None:
        return []
    dates = []
    while (due := years_after(start_date, len(dates) + 1)) < end_date:
        dates.append(due)
    return dates


@dataclass(frozen=True)
class ScheduledReport:
    """A report of the schedule: its number (the year of the period), its due date and, once
    sent in, the report."""

    number: int
    due_on: date
    report: ProgressReport | None

    def opens_on(self) -> date:
        return self.due_on - timedelta(days=REPORT_WINDOW_DAYS)

    def is_overdue(self, today: date) -> bool:
        return self.report is None and self.due_on < today


def progress_report_schedule(application: Application) -> list[ScheduledReport]:
    """The reports the project period asks for, and any sent in for a year the period no longer
    has (its end date was moved earlier): a report sent in is never lost from the schedule."""
    reports = {report.number: report for report in application.progress_reports.all()}
    due_dates = progress_report_due_dates(
        start_date=application.start_date, end_date=application.end_date
    )
    schedule = [
        ScheduledReport(number=number, due_on=due, report=reports.pop(number, None))
        for number, due in enumerate(due_dates, start=1)
    ]
    schedule += [
        ScheduledReport(number=number, due_on=report.due_on, report=report)
        for number, report in sorted(reports.items())
    ]
    return schedule


def progress_report_is_open(application: Application, scheduled: ScheduledReport, today) -> bool:
    """Whether the report is asked for now: not yet sent in, due within 30 days or overdue,
    while the grant is followed up and the project period lasts."""
    return (
        scheduled.report is None
        and application.status in FOLLOW_UP_STATES
        and scheduled.opens_on() <= today <= application.end_date
    )


def progress_reports_outstanding(application: Application, *, today: date) -> list:
    """The reports the project owes now (progress_report_is_open), the earliest first."""
    return [
        scheduled
        for scheduled in progress_report_schedule(application)
        if progress_report_is_open(application, scheduled, today)
    ]


def progress_reminders_due(*, today: date) -> list[tuple[Application, list[ScheduledReport]]]:
    """Granted projects that owe a progress report now and have not been reminded today, each
    with the reports it owes. Only projects longer than a year, and past their first year's
    window, can owe one: a year is at least 365 days."""
    candidates = (
        Application.objects.awaiting_final_report()
        .filter(
            start_date__lte=today + timedelta(days=REPORT_WINDOW_DAYS - 365),
            end_date__gte=today,
        )
        .exclude(progress_reminders__sent_on=today)
        .select_related("lead_municipality", "created_by")
        .prefetch_related("progress_reports")
        .order_by("pk")
    )
    due = []
    for application in candidates:
        outstanding = progress_reports_outstanding(application, today=today)
        if outstanding:
            due.append((application, outstanding))
    return due
