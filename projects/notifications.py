"""One place that turns a workflow event into e-mail to the people concerned."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from hamarregion.site_address import absolute_url

from .workflow import Action

logger = logging.getLogger(__name__)

APPLICANT = "applicant"
SECRETARIAT = "secretariat"

# Who hears about each workflow action by e-mail. Templates:
# projects/email/<action>_subject.txt and <action>_body.txt.
AUDIENCES = {
    Action.SUBMIT: (APPLICANT, SECRETARIAT),
    Action.RETURN: (APPLICANT, SECRETARIAT),
    Action.WITHDRAW: (APPLICANT, SECRETARIAT),
    Action.APPROVE: (APPLICANT,),
    Action.REJECT: (APPLICANT,),
    Action.ACCEPT_GRANT: (APPLICANT, SECRETARIAT),
    Action.SUBMIT_REPORT: (SECRETARIAT,),
    Action.RETURN_REPORT: (APPLICANT,),
    Action.APPROVE_REPORT: (APPLICANT,),
    Action.REGISTER_APPEAL: (APPLICANT,),
    Action.FORWARD_APPEAL: (APPLICANT,),
    Action.REASSESS_APPEAL: (APPLICANT,),
    Action.UPHOLD_APPEAL: (APPLICANT,),
    Action.KEEP_REJECTION: (APPLICANT,),
    Action.KEEP_GRANT: (APPLICANT,),
}


def applicant_addresses(application) -> list[str]:
    addresses = []
    for address in (
        application.contact_email,
        application.created_by.email if application.created_by else "",
    ):
        if address and address.lower() not in (a.lower() for a in addresses):
            addresses.append(address)
    return addresses


def addresses_for(audience: str, application) -> list[str]:
    if audience == APPLICANT:
        return applicant_addresses(application)
    return [settings.SECRETARIAT_EMAIL] if settings.SECRETARIAT_EMAIL else []


def application_url(application) -> str:
    return absolute_url(reverse("projects:application-detail", kwargs={"pk": application.pk}))


def case_url(application) -> str:
    """The secretariat's case page in admin."""
    return absolute_url(reverse("admin:projects_application_change", args=[application.pk]))


def document_link(change) -> dict:
    """The address of the document the step froze (a receipt, a decision letter), if any, and
    whether it is the receipt."""
    document = change.application.documents.filter(status_change=change).first()
    if document is None:
        return {}
    return {
        "document_url": absolute_url(document.get_absolute_url()),
        "document_is_receipt": document.kind == document.Kind.RECEIPT,
    }


def send(template: str, recipients: list[str], context: dict, *, folder="projects/email") -> None:
    """Queue the mail rendered from <folder>/<template>_subject.txt and _body.txt."""
    subject = render_to_string(f"{folder}/{template}_subject.txt", context)
    body = render_to_string(f"{folder}/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)


def notify_transition(change) -> None:
    application = change.application
    for audience in AUDIENCES.get(change.action, ()):
        recipients = addresses_for(audience, application)
        if not recipients:
            continue
        context = {
            "application": application,
            "change": change,
            "url": application_url(application),
            **document_link(change),
            "audience": audience,
        }
        try:
            send(change.action, recipients, context)
        except Exception:
            # The change is committed: a broken template (or a database that fails to store
            # the mail) must not turn it into an error page. The log says what was not sent.
            # A mail server that is down never gets here: send_mail only queues the mail
            # (django-post-office), and send_queued_mail delivers it and tries again.
            logger.exception(
                "Could not send %s e-mail for application %s", change.action, application.pk
            )


def send_report_reminder(application, *, today) -> None:
    """Raises when the mail cannot be queued, so that the caller can try again another run.
    Once queued, delivering it (and trying again while the mail server refuses) is
    django-post-office's."""
    recipients = applicant_addresses(application)
    if not recipients:
        return
    context = {
        "application": application,
        "decision": application.decision,
        "overdue": application.decision.report_due_on < today,
        "url": application_url(application),
    }
    send("report_reminder", recipients, context)


def send_about_acceptance(template: str, audience: str, application) -> None:
    """A mail about the deadline for accepting the grant, to the applicant (with the
    application's page) or to the secretariat (with the case page). Raises when the mail cannot
    be queued, as send_report_reminder does."""
    recipients = addresses_for(audience, application)
    if not recipients:
        return
    context = {
        "application": application,
        "decision": application.decision,
        "url": application_url(application) if audience == APPLICANT else case_url(application),
    }
    send(template, recipients, context)


def send_acceptance_reminder(application) -> None:
    send_about_acceptance("acceptance_reminder", APPLICANT, application)


def send_acceptance_overdue(application) -> None:
    send_about_acceptance("acceptance_overdue", SECRETARIAT, application)


def send_acceptance_deadline_moved(application) -> None:
    """Sent once the new deadline is committed: a mail that fails is logged, not raised."""
    try:
        send_about_acceptance("acceptance_deadline_moved", APPLICANT, application)
    except Exception:
        logger.exception("Could not send the moved deadline of application %s", application.pk)
