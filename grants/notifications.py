"""E-mail about the follow-up after a grant, through the mail queue projects.notifications uses.
Each function runs once the change is committed; a mail that cannot be queued is logged, never
turned into an error for the person who made the change."""

import logging

from django.urls import reverse

from hamarregion.site_address import absolute_url
from projects.notifications import APPLICANT, SECRETARIAT, addresses_for, send

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
