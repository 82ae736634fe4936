"""Messages between the secretariat and the applicant's people on an application. The thread
opens when the application is first sent in: a draft is the applicant's own until then. Each
message is e-mailed to the other side through the mail queue, once it is committed."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Application, Message, MessageAttachment, StatusChange
from ..notifications import applicant_addresses, application_url, case_url, send
from ..permissions import can_write_message
from .notes import checked_text
from .uploads import store_with_file, upload_check

logger = logging.getLogger(__name__)


def thread_is_open(application: Application) -> bool:
    return application.submitted_at is not None


def message_thread(application: Application):
    """The thread as the case page and the application's page show it, oldest first."""
    return application.messages.select_related("author").prefetch_related("attachments")


@transaction.atomic
def message_send(
    *, application: Application, user, sender: str, text: str, uploaded_file=None
) -> Message:
    """A message from the secretariat or from the applicant, with at most one file checked as
    every attachment is."""
    if not can_write_message(user, application, sender):
        raise PermissionDenied
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not thread_is_open(application):
        raise ValidationError(
            _("Meldinger kan sendes når søknaden er sendt inn."), code="not_submitted"
        )
    text = checked_text(text, field="text", required_message=_("Skriv meldingen."))
    checked = upload_check(uploaded_file) if uploaded_file else None
    message = Message.objects.create(application=application, sender=sender, author=user, text=text)
    if checked is not None:
        store_with_file(
            MessageAttachment(message=message, uploaded_by=user), uploaded_file, checked
        )
    transaction.on_commit(lambda: message_notify(message))
    return message


def message_from_step(*, change: StatusChange) -> Message:
    """The comment of a step that speaks to the applicant (the start of the review) as the
    secretariat's message, in the step's transaction."""
    message = Message.objects.create(
        application=change.application,
        sender=Message.Sender.SECRETARIAT,
        author=change.actor,
        text=change.comment,
        status_change=change,
    )
    transaction.on_commit(lambda: message_notify(message))
    return message


def secretariat_addresses(application: Application) -> list[str]:
    """The secretariat's address, and the case handler's where the application has one."""
    addresses = [settings.SECRETARIAT_EMAIL] if settings.SECRETARIAT_EMAIL else []
    email = application.case_handler.email if application.case_handler else ""
    if email and email.lower() not in (a.lower() for a in addresses):
        addresses.append(email)
    return addresses


def message_notify(message: Message) -> None:
    """The e-mail to the other side. The message is committed: a mail that cannot be queued
    is logged, not raised."""
    application = message.application
    if message.sender == Message.Sender.SECRETARIAT:
        template, recipients = "message_to_applicant", applicant_addresses(application)
        url = application_url(application) + "#meldinger"
    else:
        template, recipients = "message_to_secretariat", secretariat_addresses(application)
        url = case_url(application) + "#meldinger"
    if not recipients:
        return
    context = {
        "application": application,
        "message": message,
        "attachments": list(message.attachments.all()),
        "url": url,
    }
    try:
        send(template, recipients, context)
    except Exception:
        logger.exception("Could not send message %s of application %s", message.pk, application.pk)
