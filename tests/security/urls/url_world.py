"""The objects every URL of the portal is exercised on, and how each URL is reversed."""

import re
from datetime import date
from pathlib import Path

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from post_office.models import STATUS, Email, Log

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership
from accounts.roles import Role
from accounts.services import invitation_send
from archive.services import archive_export
from grants.models import ProgressReminder, ProgressReport
from programme.models import Commitment, Programme, SubTheme, SustainableDevelopmentGoal, Theme
from projects.models import AcceptanceReminder, AppealRoute, Payment, ReportReminder
from projects.services import message_send
from projects.workflow import State
from tests.factories import (
    PDF_BYTES,
    AgendaItemFactory,
    AttachmentFactory,
    FundingCallFactory,
    GuestFactory,
    case_in,
    change_request,
    funded_project,
    payment_request_for,
)

LOGIN = "login"  # a redirect to /konto/logg-inn/?next=...
ADMIN_LOGIN = "admin-login"  # a redirect to /admin/login/?next=...
REDIRECT = "redirect"  # a redirect elsewhere
# The municipality is a Hamar applicant who made the applications; the organisation
# administrator is another person of Hamar, who manages its people.
ROLES = [
    "anonymous",
    "municipality",
    "organisation_admin",
    "other_municipality",
    "council",
    "secretariat",
]


def named_patterns(patterns=None, namespace="", prefix=""):
    """(namespace:name or None, full route) of every pattern, the admin's included."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else None), route


def summary_of(world, role, client, url):
    """(status, Location or "") of the role's GET of url: asked once per world, as the URL
    tables' tests only read the world and each test's changes are rolled back. The tables of
    test_url_coverage and test_admin_existence ask the council's and the secretariat's answers
    of the same admin pages."""
    key = (role, url)
    if key not in world["answers"]:
        client.raise_request_exception = False
        response = client.get(url)
        redirect = 300 <= response.status_code < 400
        location = response.get("Location", "") if redirect else ""
        world["answers"][key] = (response.status_code, location)
    return world["answers"][key]


def people_world(*, hamar, hamar_user, secretariat_user) -> dict:
    """A pending invitation to Hamar with the token its mail holds, and a row of the audit log."""
    invitation = invitation_send(
        organisation_id=hamar.organisation_id,
        email="invitert@hamar.kommune.no",
        role=Role.APPLICANT,
        actor=secretariat_user,
        within_domains=False,
    )
    (token,) = re.findall(r"/konto/invitasjon/([^/\s]+)/", mail.outbox[-1].body)
    return {
        "invitation": invitation,
        "invitation_token": token,
        "accounts_objects": {
            "accounts_organisation": hamar.organisation,
            "accounts_membership": Membership.objects.get(person=hamar_user),
            "accounts_invitation": invitation,
            "accounts_auditevent": audit_record(kind=AuditEvent.Kind.LOGIN, person=hamar_user),
        },
    }


def build_world(*, hamar, hamar_user, secretariat_user):
    """Hamar's applications in the states the applicant's pages need, a funded project in the
    public catalogue, and one row of every model the admin shows."""
    programme = Programme.objects.published().get()
    call = FundingCallFactory(
        programme=programme,
        slug="utviklingsmidler-2026",
        focus_areas=list(programme.focus_areas.order_by("order")[:2]),
    )
    mine = {"funding_call": call, "lead_municipality": hamar, "created_by": hamar_user}
    draft = case_in(State.SUBMITTED, secretariat=secretariat_user, **mine)
    draft.status = State.DRAFT
    draft.save()
    attachment = AttachmentFactory(application=draft)
    approved = case_in(State.APPROVED, secretariat=secretariat_user, **mine)
    # Three years long: it reports progress yearly and may ask for changes.
    in_progress = case_in(
        State.IN_PROGRESS,
        secretariat=secretariat_user,
        start_date=date(2026, 1, 1),
        end_date=date(2028, 12, 31),
        **mine,
    )
    reported = case_in(State.REPORT_SUBMITTED, secretariat=secretariat_user, **mine)
    appealed = case_in(State.APPEALED, secretariat=secretariat_user, **mine)
    payment = Payment.objects.create(
        application=in_progress, amount=1000, paid_on=date(2026, 11, 27), recorded_by=None
    )
    reminder = ReportReminder.objects.create(application=in_progress, sent_on=date(2026, 11, 27))
    payment_request = payment_request_for(
        in_progress, amount=1000, attachments=[SimpleUploadedFile("bilag.pdf", PDF_BYTES)]
    )
    progress = ProgressReport.objects.create(
        application=in_progress, number=1, due_on=date(2027, 1, 1), progress="I rute.", spent=1000
    )
    progress_reminder = ProgressReminder.objects.create(
        application=in_progress, sent_on=date(2026, 12, 1)
    )
    pending_change = change_request(in_progress)
    message = message_send(
        application=in_progress,
        user=secretariat_user,
        sender="secretariat",
        text="Vi har mottatt rapporten.",
        uploaded_file=SimpleUploadedFile("brev.pdf", PDF_BYTES),
    )
    acceptance_reminder = AcceptanceReminder.objects.create(
        application=approved,
        kind=AcceptanceReminder.Kind.BEFORE_DEADLINE,
        due_on=approved.decision.acceptance_due_on,
        sent_on=date(2026, 12, 11),
    )
    public = funded_project(funding_call=call, lead_municipality=hamar, status=State.COMPLETED)
    focus_area = programme.focus_areas.order_by("order").first()
    agenda_item = AgendaItemFactory(
        focus_areas=[focus_area], applications=[public], guests=[GuestFactory(name="NHO")]
    )
    mail = Email.objects.create(
        from_email="post@example.org",
        to=[hamar_user.email],
        subject="Søknad sendt inn",
        message="Søknaden er sendt inn.",
        status=STATUS.sent,
    )
    # The reported case handed to the archive: its export and registry entries.
    archived = archive_export(
        out_dir=Path(settings.PRIVATE_MEDIA_ROOT) / "arkiv",
        command="export_archive",
        application_id=reported.pk,
    ).export
    attempt = {
        "username": "gjetter",
        "ip_address": "192.0.2.1",
        "user_agent": "test",
        "http_accept": "text/html",
        "path_info": "/konto/logg-inn/",
    }
    people = people_world(hamar=hamar, hamar_user=hamar_user, secretariat_user=secretariat_user)
    return {
        "invitation": people["invitation"],
        "invitation_token": people["invitation_token"],
        "programme": programme,
        "focus_area": focus_area,
        "call": call,
        "draft": draft,
        "attachment": attachment,
        "approved": approved,
        "in_progress": in_progress,
        "reported": reported,
        "payment": payment,
        "reminder": reminder,
        "payment_request": payment_request,
        "message": message,
        "public": public,
        "meeting": agenda_item.meeting,
        "objects": {
            **people["accounts_objects"],
            "programme_programme": programme,
            "programme_focusarea": focus_area,
            "programme_commitment": Commitment.objects.filter(focus_area=focus_area).first(),
            "programme_theme": Theme.objects.filter(focus_area=focus_area).first(),
            "programme_subtheme": SubTheme.objects.filter(theme__focus_area=focus_area).first(),
            "programme_sustainabledevelopmentgoal": SustainableDevelopmentGoal.objects.first(),
            "archive_archiveexport": archived,
            "archive_registryentry": archived.entries.first(),
            "projects_application": reported,
            "projects_recommendation": reported.recommendation,
            "projects_decision": reported.decision,
            "projects_payment": payment,
            "projects_finalreport": reported.final_report,
            "projects_reportreminder": reminder,
            "grants_paymentrequest": payment_request,
            "grants_progressreport": progress,
            "grants_progressreminder": progress_reminder,
            "grants_changerequest": pending_change,
            "projects_grantacceptance": in_progress.grant_acceptance,
            "projects_acceptancereminder": acceptance_reminder,
            "projects_appeal": appealed.appeals.get(),
            "projects_appealroute": AppealRoute.objects.get(),
            "projects_fundingcall": call,
            "projects_municipality": hamar,
            "meetings_meeting": agenda_item.meeting,
            "meetings_guest": agenda_item.guests.get(),
            "auth_user": hamar_user,
            "auth_group": secretariat_user.groups.first(),
            "axes_accessattempt": AccessAttempt.objects.create(**attempt, failures_since_start=1),
            "axes_accesslog": AccessLog.objects.create(**attempt),
            "axes_accessfailurelog": AccessFailureLog.objects.create(**attempt),
            "post_office_email": mail,
            "post_office_log": Log.objects.create(email=mail, status=STATUS.sent),
        },
    }


# The admin site's own views, outside any model.
ADMIN_SITE_VIEWS = {
    "index",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "autocomplete",
    "jsi18n",
}


def admin_args(name, world):
    """args or kwargs for an admin URL name, found by the rule its name follows."""
    objects = world["objects"]
    view = name.removeprefix("admin:")
    if view in ADMIN_SITE_VIEWS:
        return {}
    if view == "auth_user_password_change":
        return {"id": world["objects"]["auth_user"].pk}
    if view == "accounts_organisation_invite":
        return {"object_id": objects["accounts_organisation"].pk}
    if view == "projects_application_transition":
        return {"pk": world["in_progress"].pk, "action": "submit_report"}
    if view == "grants_paymentrequest_handle":
        return {"pk": world["payment_request"].pk, "outcome": "godkjenn"}
    if view == "grants_changerequest_decide":
        return {"object_id": objects["grants_changerequest"].pk}
    if view in (
        "projects_application_payment",
        "projects_application_decision_letter",
        "projects_application_assessment",
        "projects_application_case_handler",
    ):
        return {"pk": world["in_progress"].pk}
    if view in ("projects_application_note", "projects_application_message"):
        return {"pk": world["in_progress"].pk}
    if view in (
        "meetings_meeting_agenda",
        "meetings_meeting_decisions",
        "meetings_meeting_disqualifications",
    ):
        return {"object_id": objects["meetings_meeting"].pk}
    if view == "archive_registryentry_case_zip":
        return {"application_pk": world["reported"].pk}
    if view == "projects_application_acceptance_deadline":
        return {"pk": world["approved"].pk}
    if view == "view_on_site":
        content_type = ContentType.objects.get_for_model(world["public"])
        return {"content_type_id": content_type.pk, "object_id": world["public"].pk}
    if view in ("post_office_email_preview", "resend"):
        return {"pk": objects["post_office_email"].pk}
    if view == "post_office_email_image":
        return {"pk": objects["post_office_email"].pk, "content_id": "0" * 32}
    if view == "app_list":
        return {"app_label": "projects"}
    if view.endswith("_simple_history"):
        obj = objects[view.removesuffix("_simple_history")]
        if not obj.history.exists():  # rows loaded from fixtures have no history yet
            obj.save()
        return ("args", [obj.pk, obj.history.order_by("history_id").first().history_id])
    for suffix in ("_change", "_delete", "_history"):
        if view.endswith(suffix):
            return {"object_id": objects[view.removesuffix(suffix)].pk}
    return {}
