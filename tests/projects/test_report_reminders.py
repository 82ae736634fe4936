"""The send_report_reminders command: applicants whose final report is due within 30 days or
overdue get one reminder a day; projects that have reported get none; --dry-run sends nothing."""

from datetime import date, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from projects.models import ReportReminder
from projects.workflow import State
from tests.factories import funded_project, report_deadline_moved

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


def project_due(days, *, status=State.IN_PROGRESS, title=None, today=TODAY, **fields):
    """A granted project whose final report is due `days` days after `today`."""
    application = funded_project(
        status=status,
        title=title or f"Frist om {days} dager ({status})",
        contact_email="kontakt@hamar.example.org",
        **fields,
    )
    report_deadline_moved(application, today + timedelta(days=days))
    return application


def run(*args, today=TODAY):
    out = StringIO()
    call_command("send_report_reminders", "--date", today.isoformat(), *args, stdout=out)
    return out.getvalue()


def reminded_titles():
    return sorted(message.subject.split(": ", 1)[1] for message in mail.outbox)


def test_reminds_projects_due_within_30_days_or_overdue_and_no_others():
    due_today = project_due(0)
    due_in_30 = project_due(30)
    overdue = project_due(-45)
    not_started = project_due(10, status=State.APPROVED)
    project_due(31)
    project_due(-5, status=State.REPORT_SUBMITTED)
    project_due(-5, status=State.COMPLETED)

    output = run()

    assert reminded_titles() == sorted(
        a.title for a in (due_today, due_in_30, overdue, not_started)
    )
    assert output == "Sent 4 reminders for 27.11.2026.\n"
    assert sorted(ReportReminder.objects.values_list("application__title", "sent_on")) == sorted(
        (a.title, TODAY) for a in (due_today, due_in_30, overdue, not_started)
    )


def test_the_reminder_goes_to_the_contact_person_and_the_creator_with_the_due_date_and_link():
    application = project_due(12)

    run()

    (message,) = mail.outbox
    assert message.to == ["kontakt@hamar.example.org", application.created_by.email]
    assert message.subject == f"Påminnelse om sluttrapport: {application.title}"
    assert "sluttrapporten skal være sendt inn senest 09.12.2026" in message.body
    assert f"https://portal.example.org/soknader/{application.pk}/" in message.body
    assert "gikk ut" not in message.body


def test_an_overdue_reminder_says_the_deadline_has_passed():
    application = project_due(-3)

    run()

    (message,) = mail.outbox
    assert message.subject == f"Fristen for sluttrapporten har gått ut: {application.title}"
    assert "Fristen for sluttrapporten gikk ut 24.11.2026" in message.body


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (State.APPROVED, "Aksepter først tilsagnet og registrer at prosjektet har startet"),
        (State.ACCEPTED, "Registrer først i portalen at prosjektet har startet."),
    ],
)
def test_a_project_not_yet_started_is_told_to_accept_and_register_the_start_first(status, expected):
    project_due(5, status=status)

    run()

    assert expected in mail.outbox[0].body


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again():
    project_due(3)
    project_due(-1)

    run()
    assert len(mail.outbox) == 2

    second = run()
    assert len(mail.outbox) == 2
    assert second == "Sent 0 reminders for 27.11.2026.\n"
    assert ReportReminder.objects.count() == 2

    run(today=TODAY + timedelta(days=1))
    assert len(mail.outbox) == 4
    assert ReportReminder.objects.count() == 4


def test_a_dry_run_sends_nothing_and_records_nothing_but_lists_what_it_would_send():
    application = project_due(7)

    output = run("--dry-run", "--verbosity", "2")

    assert mail.outbox == []
    assert not ReportReminder.objects.exists()
    assert f"Would remind: {application.title}" in output
    assert "report due 04.12.2026" in output
    assert output.endswith("Dry run for 27.11.2026: would send 1 reminder.\n")
    # A real run afterwards still sends the reminder.
    run()
    assert len(mail.outbox) == 1


def test_verbosity_zero_prints_nothing():
    project_due(7)

    output = run("--verbosity", "0")

    assert output == ""
    assert len(mail.outbox) == 1


def test_without_a_date_the_command_uses_todays_date_in_oslo():
    application = project_due(30)
    project_due(31)

    with mock.patch("django.utils.timezone.localdate", return_value=TODAY) as localdate:
        out = StringIO()
        call_command("send_report_reminders", stdout=out)

    localdate.assert_called_once_with()
    assert reminded_titles() == [application.title]
    assert ReportReminder.objects.get().sent_on == TODAY


@pytest.mark.parametrize("typed", ["27.11.2026", "2026-02-30", "i morgen"])
def test_a_date_that_is_not_yyyy_mm_dd_is_refused(typed):
    project_due(0)

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_report_reminders", "--date", typed, stdout=StringIO())

    assert mail.outbox == []


def test_a_mail_server_that_is_down_stops_the_run_and_the_reminder_is_tried_again():
    project_due(2)

    with (
        mock.patch("projects.notifications.send_mail", side_effect=OSError("connection refused")),
        pytest.raises(CommandError, match="connection refused"),
    ):
        run()

    assert not ReportReminder.objects.exists()
    run()
    assert len(mail.outbox) == 1
