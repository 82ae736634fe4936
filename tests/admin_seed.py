"""A row for every model admin lists that the demo data leaves empty (sign-in logs, mail,
reminders, appeals, progress reports, the archive's registry), so that a crawl of admin meets
each model's change page. Run after the demo data commands."""

import tempfile
from datetime import timedelta

from django.contrib import admin
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import Role
from accounts.services.invitations import invitation_send
from projects.models import AcceptanceReminder, Application, ReportReminder
from projects.models.appeal import Appeal
from projects.workflow import State

BROWSER = {"user_agent": "Mozilla/5.0", "http_accept": "text/html", "path_info": "/admin/login/"}


def seed_every_admin_model():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from post_office.models import Email, Log

    from grants.models import ProgressReminder, ProgressReport

    secretariat = Organisation.objects.get(kind=Organisation.Kind.SECRETARIAT)
    staff = secretariat.memberships.first().person
    today = timezone.localdate()
    AccessAttempt.objects.create(
        username="ukjent",
        ip_address="192.0.2.1",
        get_data="",
        post_data="",
        failures_since_start=1,
        **BROWSER,
    )
    AccessLog.objects.create(username="ukjent", ip_address="192.0.2.1", **BROWSER)
    AccessFailureLog.objects.create(username="ukjent", ip_address="192.0.2.1", **BROWSER)
    email = Email.objects.create(
        from_email="post@example.org", to=["hamar@example.org"], subject="Søknaden er mottatt"
    )
    Log.objects.create(email=email, status=0, message="Sendt")
    invitation_send(
        organisation_id=Organisation.objects.get(slug="hamar").pk,
        email="ny@example.org",
        role=Role.APPLICANT,
        actor=staff,
        within_domains=False,
    )
    funded = Application.objects.filter(status=State.IN_PROGRESS).first()
    ReportReminder.objects.create(application=funded, sent_on=today)
    ProgressReminder.objects.create(application=funded, sent_on=today)
    ProgressReport.objects.create(
        application=funded, number=1, due_on=today, progress="Piloten er i gang.", spent=1000
    )
    AcceptanceReminder.objects.create(
        application=funded,
        kind=AcceptanceReminder.Kind.BEFORE_DEADLINE,
        due_on=today,
        sent_on=today,
    )
    Appeal.objects.create(
        application=Application.objects.filter(status=State.REJECTED).first() or funded,
        appealed_outcome="rejected",
        received_on=today,
        deadline=today + timedelta(days=21),
        within_deadline=True,
        grounds="Søknaden oppfyller kriteriene.",
    )
    # One case's export: its receipt (incoming) and decision letter (outgoing) give the
    # archive's lists rows of both kinds; every case's would render some 13 PDFs.
    with tempfile.TemporaryDirectory() as out:
        call_command("export_archive", out=out, application=funded.pk, verbosity=0)
    empty = [m._meta.label for m in admin.site._registry if not m._default_manager.exists()]
    assert not empty, f"no row of {empty} for the crawl"
