"""One place that turns a workflow event into e-mail to the people concerned."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)

# Actions that the applicant and the secretariat hear about by e-mail.
NOTIFIED_ACTIONS = {"submit", "return", "withdraw"}


def applicant_addresses(application) -> list[str]:
    addresses = []
    for address in (
        application.contact_email,
        application.created_by.email if application.created_by else "",
    ):
        if address and address.lower() not in (a.lower() for a in addresses):
            addresses.append(address)
    return addresses


def notify_transition(change) -> None:
    if change.action not in NOTIFIED_ACTIONS:
        return
    application = change.application
    context = {
        "application": application,
        "change": change,
        "url": settings.SITE_URL.rstrip("/")
        + reverse("projects:application-detail", kwargs={"pk": application.pk}),
    }
    messages = [
        (applicant_addresses(application), "applicant"),
        ([settings.SECRETARIAT_EMAIL] if settings.SECRETARIAT_EMAIL else [], "secretariat"),
    ]
    for recipients, audience in messages:
        if not recipients:
            continue
        context["audience"] = audience
        subject = render_to_string(f"projects/email/{change.action}_subject.txt", context)
        body = render_to_string(f"projects/email/{change.action}_body.txt", context)
        try:
            send_mail(
                " ".join(subject.split()),
                body,
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
        except OSError:
            # The change is committed; a mail server that is down must not undo it.
            logger.exception(
                "Could not send %s e-mail for application %s", change.action, application.pk
            )
