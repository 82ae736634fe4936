"""The secretariat's internal notes on a case. They are only added: a note stays as written,
with its author and time, like a line in a case file."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Application, CaseNote
from ..models.correspondence import MAX_TEXT_LENGTH
from ..permissions import is_secretariat


def checked_text(text: str, *, field: str, required_message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: required_message}, code="required")
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(
            {field: _("Teksten kan være høyst 10 000 tegn.")},
            code="too_long",
        )
    return text


@transaction.atomic
def case_note_add(*, application: Application, user, text: str) -> CaseNote:
    """An internal note by a person of the secretariat."""
    if not is_secretariat(user):
        raise PermissionDenied
    text = checked_text(text, field="text", required_message=_("Skriv merknaden."))
    return CaseNote.objects.create(application=application, author=user, text=text)
