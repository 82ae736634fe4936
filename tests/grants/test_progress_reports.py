"""Progress reports: projects longer than a year report each full year of their period; the
applicant sends them in on the follow-up page, the secretariat reads them in admin, and the
daily command reminds of those due or overdue, once a day."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from grants.models import ProgressReminder, ProgressReport
from grants.selectors.progress_reports import progress_report_due_dates, years_after
from projects.models import Application
from projects.workflow import State
from tests.factories import case_in, progress_report, project_under_way
from tests.grants.follow_up_pages import follow_up_url
from tests.html import page_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def report_url(application, number=1):
    return reverse("grants:progress-report", args=[application.pk, number])


REPORT = {"progress": "Kartleggingen er ferdig.", "spent": "250000", "deviations": "Ingen."}


@pytest.mark.parametrize(
    ("start", "end", "due"),
    [
        (date(2026, 1, 1), date(2026, 12, 31), []),
        (date(2026, 1, 1), date(2027, 1, 1), []),
        (date(2026, 1, 1), date(2027, 1, 2), [date(2027, 1, 1)]),
        (date(2026, 1, 1), date(2029, 1, 1), [date(2027, 1, 1), date(2028, 1, 1)]),
        (date(2024, 2, 29), date(2026, 3, 1), [date(2025, 2, 28), date(2026, 2, 28)]),
    ],
)
def test_a_report_is_due_each_full_year_from_the_start_while_before_the_end(start, end, due):
    assert progress_report_due_dates(start_date=start, end_date=end) == due


def test_a_project_of_a_year_or_less_shows_that_it_owes_no_progress_report(
    hamar_client, secretariat_user, hamar, hamar_user
):
    short = project_under_way(
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        start_date=TODAY - timedelta(days=200),
        end_date=TODAY + timedelta(days=100),
    )

    text = page_text(hamar_client.get(follow_up_url(short)))

    assert "prosjektet leverer ingen framdriftsrapporter" in text
    assert hamar_client.get(report_url(short)).status_code == 404


def test_the_follow_up_page_shows_the_report_due_and_the_applicant_sends_it_in(
    hamar_client, project, hamar_user
):
    due = years_after(project.start_date, 1)

    page = page_text(hamar_client.get(follow_up_url(project)))
    assert f"Framdriftsrapport 1 skal leveres senest {due:%d.%m.%Y}." in page
    assert "Framdriftsrapport 2" in page

    response = hamar_client.post(report_url(project), REPORT)

    assert response.status_code == 302
    assert response["Location"] == follow_up_url(project)
    report = ProgressReport.objects.get()
    assert (report.application, report.number, report.due_on) == (project, 1, due)
    assert (report.progress, report.spent, report.submitted_by) == (
        "Kartleggingen er ferdig.",
        250_000,
        hamar_user,
    )
    page = page_text(hamar_client.get(follow_up_url(project)))
    assert f"Sendt inn {TODAY:%d.%m.%Y}" in page
    assert "skal leveres senest" not in page
    assert "Kartleggingen er ferdig." in page_text(hamar_client.get(report_url(project)))


def test_an_overdue_report_is_shown_as_overdue(hamar_client, secretariat_user, hamar, hamar_user):
    late = project_under_way(
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        start_date=TODAY - timedelta(days=400),
    )
    due = years_after(late.start_date, 1)

    page = page_text(hamar_client.get(follow_up_url(late)))

    assert f"Fristen for framdriftsrapport 1 gikk ut {due:%d.%m.%Y}." in page
    assert "Fristen har gått ut" in page


@pytest.mark.parametrize(
    ("field", "values", "message"),
    [
        ("progress", {**REPORT, "progress": "  "}, "Beskriv framdriften så langt."),
        ("spent", {**REPORT, "spent": ""}, "Oppgi hvor mye prosjektet har brukt så langt"),
        ("spent", {**REPORT, "spent": "-5"}, "Verdien må være større enn eller lik 0."),
    ],
)
def test_a_report_with_a_field_missing_is_refused_at_the_field_and_nothing_is_stored(
    hamar_client, project, field, values, message
):
    response = hamar_client.post(report_url(project), values)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Skjemaet har feil som må rettes" in page_text(response)
    assert not ProgressReport.objects.exists()


def test_a_report_not_yet_due_within_30_days_cannot_be_written(hamar_client, project):
    response = hamar_client.get(report_url(project, number=2))
    assert response.context["form"] is None
    assert "Framdriftsrapporten kan skrives fra" in page_text(response)

    response = hamar_client.post(report_url(project, number=2), REPORT, follow=True)

    assert "Framdriftsrapporten kan skrives fra" in page_text(response)
    assert not ProgressReport.objects.exists()


def test_a_report_is_sent_in_once(hamar_client, project):
    progress_report(project)

    response = hamar_client.post(report_url(project), {**REPORT, "progress": "Igjen"}, follow=True)

    assert "Framdriftsrapporten er allerede sendt inn." in page_text(response)
    assert ProgressReport.objects.get().progress != "Igjen"


def test_a_report_sent_in_stays_when_the_end_date_moves_before_its_year(hamar_client, project):
    progress_report(project)
    # The project now ends before the year the report covered was out.
    Application.objects.filter(pk=project.pk).update(
        end_date=timezone.localdate() + timedelta(days=5)
    )

    page = hamar_client.get(follow_up_url(project))

    assert "Kartleggingen er ferdig" in page_text(hamar_client.get(report_url(project)))
    assert report_url(project) in page.content.decode()


def test_another_municipality_gets_404_and_an_anonymous_visitor_the_login(
    client, loten_client, council_client, project
):
    for url in (follow_up_url(project), report_url(project)):
        assert loten_client.get(url).status_code == 404
        assert council_client.get(url).status_code == 404
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert loten_client.post(report_url(project), REPORT).status_code == 404
    assert not ProgressReport.objects.exists()


def test_the_secretariat_reads_the_report_but_cannot_send_one(secretariat_client, project):
    progress_report(project, deviations="Leverandøren er forsinket.")

    assert "Leverandøren er forsinket." in page_text(secretariat_client.get(report_url(project)))
    response = secretariat_client.post(report_url(project, number=2), REPORT)
    assert response.status_code == 403


def test_a_draft_has_no_follow_up_page(hamar_client, hamar, hamar_user, secretariat_user):
    submitted = case_in(
        State.SUBMITTED,
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
    )

    assert hamar_client.get(follow_up_url(submitted)).status_code == 404


def test_the_secretariat_marks_reports_as_read_in_admin(secretariat_client, project):
    report = progress_report(project)
    changelist = reverse("admin:grants_progressreport_changelist")

    response = secretariat_client.post(
        changelist, {"action": "acknowledge", "_selected_action": [report.pk]}, follow=True
    )

    report.refresh_from_db()
    assert report.is_acknowledged
    assert "1 framdriftsrapport er markert som lest." in page_text(response)
    again = secretariat_client.post(
        changelist, {"action": "acknowledge", "_selected_action": [report.pk]}, follow=True
    )
    assert "er allerede markert som lest" in page_text(again)
    assert ProgressReport.objects.unread().count() == 0


# The daily reminders.


def run(*args, today=TODAY):
    out = StringIO()
    call_command("send_progress_reminders", "--date", today.isoformat(), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def owing(secretariat_user, hamar, hamar_user):
    """Projects that owe their first report now, or not, by when they started."""

    def make(days_ago, *, status=State.IN_PROGRESS, **fields):
        fields.setdefault("end_date", TODAY + timedelta(days=700))
        # Small grants: the call's frame holds them all.
        fields.setdefault("applied", 100_000)
        return case_in(
            status,
            secretariat=secretariat_user,
            lead_municipality=hamar,
            created_by=hamar_user,
            title=f"Startet for {days_ago} dager siden ({status})",
            start_date=TODAY - timedelta(days=days_ago),
            contact_email="kontakt@hamar.example.org",
            **fields,
        )

    return make


def test_reminds_projects_whose_report_is_due_within_30_days_or_overdue_and_no_others(owing):
    due_in_25 = owing(340)
    overdue = owing(400)
    not_started = owing(360, status=State.APPROVED)
    owing(300)  # due in about 65 days
    reported = owing(350)
    progress_report(reported)
    owing(370, status=State.REPORT_SUBMITTED)
    short = owing(360, end_date=TODAY + timedelta(days=3))  # a year long: no progress report

    output = run()

    titles = sorted(message.subject.split(": ", 1)[1] for message in mail.outbox)
    assert titles == sorted(a.title for a in (due_in_25, overdue, not_started))
    assert short.title not in titles
    assert output == "Sent 3 reminders for " + f"{TODAY:%d.%m.%Y}.\n"
    assert ProgressReminder.objects.filter(sent_on=TODAY).count() == 3


def test_the_reminder_names_the_report_its_deadline_and_the_follow_up_page(owing):
    overdue = owing(400)
    due = years_after(overdue.start_date, 1)

    run()

    (message,) = mail.outbox
    assert message.to == ["kontakt@hamar.example.org", overdue.created_by.email]
    assert message.subject == f"Fristen for framdriftsrapporten har gått ut: {overdue.title}"
    assert f"Fristen for framdriftsrapport 1 gikk ut {due:%d.%m.%Y}." in message.body
    assert f"https://portal.example.org{follow_up_url(overdue)}" in message.body


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again(owing):
    owing(340)

    run()
    assert run() == f"Sent 0 reminders for {TODAY:%d.%m.%Y}.\n"
    assert len(mail.outbox) == 1

    run(today=TODAY + timedelta(days=1))
    assert len(mail.outbox) == 2
    assert ProgressReminder.objects.count() == 2


def test_a_dry_run_sends_and_records_nothing_but_lists_what_it_would_send(owing):
    project = owing(340)

    output = run("--dry-run", "--verbosity", "2")

    assert mail.outbox == []
    assert not ProgressReminder.objects.exists()
    assert f"Would remind: {project.title} (Hamar), progress report due" in output
    assert output.endswith(f"Dry run for {TODAY:%d.%m.%Y}: would send 1 reminder.\n")


def test_the_secretariat_group_may_view_the_follow_up_records(secretariat_group):
    granted = set(
        secretariat_group.permissions.filter(content_type__app_label="grants").values_list(
            "codename", flat=True
        )
    )

    assert {
        "view_progressreport",
        "view_progressreminder",
        "view_changerequest",
        "view_budgetchangeline",
    } <= granted
