"""The thread of messages on the application's page, for the applicant's people."""

from ..forms_correspondence import MessageForm
from ..models import Message
from ..permissions import can_write_message
from ..services import message_thread, thread_is_open


def thread_context(user, application, *, may_answer=None, message_form=None) -> dict:
    """The thread once the application has been sent in, and the answer form to those who
    may write as the applicant (`may_answer`, when the caller knows it already)."""
    if not thread_is_open(application):
        return {"thread_open": False}
    context = {"thread_open": True, "thread": list(message_thread(application))}
    if may_answer is None:
        may_answer = can_write_message(user, application, Message.Sender.APPLICANT)
    if may_answer:
        context["message_form"] = message_form or MessageForm()
    return context
