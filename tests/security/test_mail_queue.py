"""Outgoing mail is queued in the database (django-post-office) and sent by send_queued_mail:
a mail server that is down loses no mail and fails no request, and the secretariat sees the
mail in admin."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from post_office.mail import send_queued
from post_office.models import STATUS, Email, Log

from projects.models import ReportReminder
from projects.workflow import State
from tests.conftest import logged_in_client
from tests.factories import FundingCallFactory, UserFactory, complete_application, funded_project
from tests.projects.edit_page import post_edit_page

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def deliver_through(settings, backend):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": backend}}


@pytest.fixture
def queue(settings):
    """Mail as in production: queued by send_mail, delivered by send_queued_mail, while the mail
    server is down. Returns the command that sends the queue."""
    settings.EMAIL_BACKEND = "post_office.EmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": f"{__name__}.MailServerDown"},
        "DEFAULT_PRIORITY": "medium",
        "MAX_RETRIES": 5,
        "RETRY_INTERVAL": timedelta(minutes=30),
    }
    # One batch of what send_queued_mail runs until the queue is empty; the command also closes
    # the database connection after each batch, which would end the test's transaction.
    return send_queued


@pytest.fixture
def draft(hamar, hamar_user):
    return complete_application(
        funding_call=FundingCallFactory(), lead_municipality=hamar, created_by=hamar_user
    )


def test_a_submission_while_the_mail_server_is_down_is_queued_and_delivered_later(
    queue, settings, hamar_client, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit_page(hamar_client, draft, submit=True)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == State.SUBMITTED
    subject = f"Søknad sendt inn: {draft.title}"
    assert sorted(Email.objects.values_list("subject", "status")) == [
        (subject, STATUS.queued),
        (subject, STATUS.queued),
    ]
    assert mail.outbox == []

    queue()  # the mail server refuses: tried again in 30 minutes

    assert mail.outbox == []
    for email in Email.objects.all():
        assert (email.status, email.number_of_retries) == (STATUS.requeued, 1)
        assert email.scheduled_time > timezone.now() + timedelta(minutes=29)
    assert set(Log.objects.values_list("status", "exception_type")) == {
        (STATUS.failed, "SMTPServerDisconnected")
    }

    deliver_through(settings, LOCMEM)  # the mail server is back, and 30 minutes have passed
    Email.objects.update(scheduled_time=timezone.now() - timedelta(minutes=1))
    queue()

    assert sorted(message.subject for message in mail.outbox) == [subject, subject]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [draft.contact_email, settings.SECRETARIAT_EMAIL]
    )
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_a_mail_that_keeps_failing_is_marked_failed_after_the_retries(queue, settings, draft):
    from projects.notifications import send

    send("submit", ["kontakt@example.org"], {"application": draft, "audience": "applicant"})
    for _ in range(6):  # the first attempt and five retries
        Email.objects.update(scheduled_time=timezone.now() - timedelta(minutes=1))
        queue()

    email = Email.objects.get()
    assert (email.status, email.number_of_retries) == (STATUS.failed, 5)
    assert email.logs.filter(status=STATUS.failed).count() == 6
    assert mail.outbox == []


def test_a_report_reminder_while_the_mail_server_is_down_is_recorded_and_queued(queue):
    application = funded_project(status=State.IN_PROGRESS, contact_email="kontakt@example.org")
    today = application.decision.report_due_on

    call_command("send_report_reminders", "--date", today.isoformat(), verbosity=0)

    assert ReportReminder.objects.filter(application=application, sent_on=today).exists()
    (email,) = Email.objects.all()
    assert email.status == STATUS.queued
    assert email.subject == f"Påminnelse om sluttrapport: {application.title}"


def test_the_password_reset_mail_is_queued_and_its_link_never_shown_in_admin(
    queue, settings, client, hamar_user, secretariat_client
):
    response = client.post(reverse("password_reset"), {"email": hamar_user.email})
    queue()  # the mail server is down: the mail stays queued
    (email,) = Email.objects.all()
    deliver_through(settings, LOCMEM)
    Email.objects.filter(pk=email.pk).update(scheduled_time=timezone.now())
    queue()

    assert response.status_code == 302
    (message,) = mail.outbox
    link = message.body[message.body.index("/konto/nytt-passord/") :].split()[0]
    change = secretariat_client.get(reverse("admin:post_office_email_change", args=[email.pk]))
    preview = secretariat_client.get(reverse("admin:post_office_email_preview", args=[email.pk]))
    assert change.status_code == 200
    assert hamar_user.email in change.content.decode()
    assert link not in change.content.decode()
    assert "nytt-passord" not in change.content.decode()
    assert preview.status_code == 404


@pytest.fixture
def sent_mail(db):
    email = Email.objects.create(
        from_email="post@example.org",
        to=["kontakt@example.org"],
        subject="Søknad sendt inn: Bolyst i Hamarregionen",
        message="Søknaden er sendt inn.",
        status=STATUS.failed,
    )
    Log.objects.create(email=email, status=STATUS.failed, message="Connection refused")
    return email


def test_the_secretariat_sees_sent_and_failed_mail_in_admin(secretariat_client, sent_mail):
    listing = secretariat_client.get("/admin/post_office/email/")
    page = secretariat_client.get(reverse("admin:post_office_email_change", args=[sent_mail.pk]))

    assert listing.status_code == 200
    assert "Søknad sendt inn: Bolyst i Hamarregionen" in listing.content.decode()
    assert page.status_code == 200
    assert "Connection refused" in page.content.decode()


def test_a_council_member_does_not_see_the_mail(council_client, sent_mail):
    assert council_client.get("/admin/post_office/email/").status_code == 403
    assert council_client.get("/admin/post_office/log/").status_code == 403
    assert (
        council_client.get(
            reverse("admin:post_office_email_change", args=[sent_mail.pk])
        ).status_code
        == 403
    )


def test_the_secretariat_cannot_resend_or_requeue_a_mail(secretariat_client, sent_mail):
    resend = secretariat_client.get(reverse("admin:resend", args=[sent_mail.pk]))
    requeue = secretariat_client.post(
        "/admin/post_office/email/",
        {"action": "requeue", "_selected_action": [sent_mail.pk]},
    )

    assert resend.status_code == 403
    page = secretariat_client.get(reverse("admin:post_office_email_change", args=[sent_mail.pk]))
    assert reverse("admin:resend", args=[sent_mail.pk]) not in page.content.decode()
    assert requeue.status_code in (200, 302)
    sent_mail.refresh_from_db()
    assert sent_mail.status == STATUS.failed
    assert mail.outbox == []


def test_a_superuser_is_offered_the_resend(sent_mail):
    superuser = UserFactory(username="superbruker", is_staff=True, is_superuser=True)
    page = logged_in_client(superuser).get(
        reverse("admin:post_office_email_change", args=[sent_mail.pk])
    )
    assert reverse("admin:resend", args=[sent_mail.pk]) in page.content.decode()
