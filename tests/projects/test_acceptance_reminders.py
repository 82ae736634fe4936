"""The send_acceptance_reminders command: the applicant is reminded once, seven days before the
deadline for accepting the grant; the secretariat is told once when it has passed; a grant
accepted gets neither; a moved deadline is reminded of again; --dry-run sends nothing."""

from datetime import date, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from projects.models import AcceptanceReminder, Decision
from projects.workflow import State
from tests.factories import funded_project

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)
BEFORE = AcceptanceReminder.Kind.BEFORE_DEADLINE
PASSED = AcceptanceReminder.Kind.DEADLINE_PASSED


def grant_due(days, *, status=State.APPROVED, title=None):
    """A grant decided in March whose acceptance is due `days` days after TODAY."""
    application = funded_project(
        status=status,
        title=title or f"Aksept om {days} dager ({status})",
        contact_email="kontakt@hamar.example.org",
    )
    Decision.objects.filter(application=application).update(
        acceptance_due_on=TODAY + timedelta(days=days)
    )
    return application


def run(*args, today=TODAY):
    out = StringIO()
    call_command("send_acceptance_reminders", "--date", today.isoformat(), *args, stdout=out)
    return out.getvalue()


def sent():
    return sorted((message.subject, tuple(message.to)) for message in mail.outbox)


def test_the_applicant_is_reminded_from_seven_days_before_the_deadline_and_only_once():
    due_in_7 = grant_due(7)
    grant_due(8)
    grant_due(7, status=State.ACCEPTED, title="Akseptert")

    output = run()
    again = run()
    (message,) = mail.outbox
    next_day = run(today=TODAY + timedelta(days=1))

    assert message.subject == f"Påminnelse: aksepter tilsagnet for {due_in_7.title}"
    assert message.to == ["kontakt@hamar.example.org", due_in_7.created_by.email]
    assert "kommunen må akseptere tilsagnet og vilkårene i portalen senest 04.12.2026" in (
        message.body
    )
    assert f"https://portal.example.org/soknader/{due_in_7.pk}/" in message.body
    assert output == "Sent 1 reminder(s) and 0 passed deadline(s) for 27.11.2026.\n"
    assert again == "Sent 0 reminder(s) and 0 passed deadline(s) for 27.11.2026.\n"
    # The grant due in 8 days is reminded the next day; the first is not reminded again.
    assert next_day == "Sent 1 reminder(s) and 0 passed deadline(s) for 28.11.2026.\n"
    assert len(mail.outbox) == 2
    assert list(
        AcceptanceReminder.objects.filter(application=due_in_7).values_list("kind", "sent_on")
    ) == [(BEFORE, TODAY)]


def test_the_secretariat_is_told_once_when_the_deadline_has_passed():
    overdue = grant_due(-1)
    grant_due(0, title="Frist i dag")
    grant_due(-3, status=State.ACCEPTED, title="Akseptert i tide")

    output = run()
    (notice,) = [m for m in mail.outbox if m.to == ["sekretariat@example.org"]]
    again = run(today=TODAY + timedelta(days=5))

    assert notice.subject == (f"Fristen for aksept av tilsagnet har gått ut: {overdue.title}")
    owner = overdue.lead_municipality.name
    assert f"Fristen for å akseptere tilsagnet gikk ut 26.11.2026, og {owner} har ikke" in (
        notice.body
    )
    assert f"https://portal.example.org/admin/projects/application/{overdue.pk}/change/" in (
        notice.body
    )
    # Due today: reminded, not yet passed. Five days on it has passed: told once more, for it.
    assert output == "Sent 1 reminder(s) and 1 passed deadline(s) for 27.11.2026.\n"
    assert again == "Sent 0 reminder(s) and 1 passed deadline(s) for 02.12.2026.\n"
    assert AcceptanceReminder.objects.filter(kind=PASSED).count() == 2


def test_a_moved_deadline_is_reminded_of_and_told_again():
    application = grant_due(-1)
    run()
    Decision.objects.filter(application=application).update(
        acceptance_due_on=TODAY + timedelta(days=3)
    )

    output = run()
    later = run(today=TODAY + timedelta(days=4))

    assert output == "Sent 1 reminder(s) and 0 passed deadline(s) for 27.11.2026.\n"
    assert later == "Sent 0 reminder(s) and 1 passed deadline(s) for 01.12.2026.\n"
    assert sorted(
        AcceptanceReminder.objects.values_list("kind", "due_on").order_by("kind", "due_on")
    ) == [
        (BEFORE, TODAY + timedelta(days=3)),
        (PASSED, TODAY - timedelta(days=1)),
        (PASSED, TODAY + timedelta(days=3)),
    ]


def test_a_dry_run_sends_and_records_nothing_but_lists_what_it_would_send():
    reminded = grant_due(2)
    overdue = grant_due(-2)

    output = run("--dry-run", "--verbosity", "2")

    assert mail.outbox == []
    assert not AcceptanceReminder.objects.exists()
    owner = reminded.lead_municipality.name
    assert f"Would remind: {reminded.title} ({owner}), acceptance due 29.11.2026." in output
    owner = overdue.lead_municipality.name
    told = f"Would tell the secretariat of: {overdue.title} ({owner}), acceptance due 25.11.2026."
    assert told in output
    assert output.endswith(
        "Dry run for 27.11.2026: would send 1 reminder(s) and 1 passed deadline(s).\n"
    )
    run()
    assert len(mail.outbox) == 2


def test_without_a_date_the_command_uses_todays_date_in_oslo():
    grant_due(7)

    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        call_command("send_acceptance_reminders", stdout=StringIO())

    assert AcceptanceReminder.objects.get().sent_on == TODAY


def test_a_mail_that_cannot_be_queued_is_not_recorded_and_is_tried_again():
    grant_due(3)

    with (
        mock.patch("projects.notifications.send_mail", side_effect=OSError("connection refused")),
        pytest.raises(CommandError, match="connection refused"),
    ):
        run()

    assert not AcceptanceReminder.objects.exists()
    run()
    assert len(mail.outbox) == 1
    assert AcceptanceReminder.objects.count() == 1
