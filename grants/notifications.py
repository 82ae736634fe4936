"""The follow-up's e-mails, through the mail queue of projects.notifications: a change request
to the secretariat, its decision to the applicant, and reminders of progress reports."""

import logging

from django.urls import reverse

from hamarregion.site_address import absolute_url
from projects.notifications import (
    APPLICANT,
    SECRETARIAT,
    addresses_for,
    applicant_addresses,
    document_link,
    send,
)

logger = logging.getLogger(__name__)

FOLDER = "grants/email"


def follow_up_url(application) -> str:
    return absolute_url(reverse("grants:follow-up", kwargs={"pk": application.pk}))


def notify_change_request(change_request) -> None:
    """To the secretariat, once the request is committed."""
    application = change_request.application
    recipients = addresses_for(SECRETARIAT, application)
    if not recipients:
        return
    context = {
        "application": application,
        "change_request": change_request,
        "url": absolute_url(reverse("admin:grants_changerequest_change", args=[change_request.pk])),
    }
    _send_committed("change_request", recipients, context)


def notify_change_decision(change_request) -> None:
    """To the applicant, once the decision is committed, with the change letter if any."""
    application = change_request.application
    recipients = addresses_for(APPLICANT, application)
    if not recipients:
        return
    context = {
        "application": application,
        "change_request": change_request,
        "url": follow_up_url(application),
        **document_link(change_request.decision_entry),
    }
    _send_committed("change_decision", recipients, context)


def _send_committed(template: str, recipients: list[str], context: dict) -> None:
    try:
        send(template, recipients, context, folder=FOLDER)
    except Exception:
        # The request or decision is committed: a mail that cannot be queued must not turn it
        # into an error page. The log says what was not sent.
        logger.exception(
            "Could not send %s e-mail for application %s", template, context["application"].pk
        )


def send_progress_reminder(application, *, outstanding, today) -> None:
    """Raises when the mail cannot be queued, so that the caller can try again another run."""
    recipients = applicant_addresses(application)
    if not recipients:
        return
    context = {
        "application": application,
        "reports": outstanding,
        "overdue": any(scheduled.is_overdue(today) for scheduled in outstanding),
        "today": today,
        "url": follow_up_url(application),
    }
    send("progress_reminder", recipients, context, folder=FOLDER)
