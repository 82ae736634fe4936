"""E-mail about the follow-up after a grant, through the mail queue projects.notifications uses:
payment requests, change requests and their decisions, reminders of progress reports. A mail
sent after a commit that cannot be queued is logged, never turned into an error for the person
who made the change."""

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


def _send(template: str, audience: str, application, context: dict) -> None:
    recipients = addresses_for(audience, application)
    if not recipients:
        return
    try:
        send(template, recipients, {"application": application, **context}, folder=FOLDER)
    except Exception:
        logger.exception("Could not send %s e-mail for application %s", template, application.pk)


def notify_payment_request_submitted(request) -> None:
    """The secretariat hears of a new payment request, with a link to it in admin."""
    url = absolute_url(reverse("admin:grants_paymentrequest_change", args=[request.pk]))
    _send(
        "payment_request_submitted",
        SECRETARIAT,
        request.application,
        {"payment_request": request, "url": url},
    )


def notify_payment_request_handled(request) -> None:
    """The applicant hears whether the request was approved, with another amount, or returned."""
    _send(
        "payment_request_handled",
        APPLICANT,
        request.application,
        {"payment_request": request, "url": absolute_url(request.get_absolute_url())},
    )


def follow_up_url(application) -> str:
    return absolute_url(reverse("grants:follow-up", kwargs={"pk": application.pk}))


def notify_change_request(change_request) -> None:
    """The secretariat hears of a new change request, with a link to it in admin."""
    url = absolute_url(reverse("admin:grants_changerequest_change", args=[change_request.pk]))
    _send(
        "change_request",
        SECRETARIAT,
        change_request.application,
        {"change_request": change_request, "url": url},
    )


def notify_change_decision(change_request) -> None:
    """The applicant hears the decision, with the change letter if one was made."""
    application = change_request.application
    _send(
        "change_decision",
        APPLICANT,
        application,
        {
            "change_request": change_request,
            "url": follow_up_url(application),
            **document_link(change_request.decision_entry),
        },
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
