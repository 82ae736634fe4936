"""An uploaded file checked and stored as an attachment of an application: the rules every
attachment meets, whoever uploads it and to what (the application, its final report, an
appeal)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..file_types import MAX_ATTACHMENTS_PER_APPLICATION
from ..models import Application, Attachment
from .uploads import store_with_file, upload_check


def attachment_store(*, application: Application, user, uploaded_file, kind: str) -> Attachment:
    """Check the file and store it. The caller has checked that the user may attach it, and
    holds the application's row locked in its transaction."""
    checked = upload_check(uploaded_file)
    if application.attachments.filter(kind=kind).count() >= MAX_ATTACHMENTS_PER_APPLICATION:
        raise ValidationError(
            {"file": _("En søknad kan ha høyst 10 vedlegg. Slett et vedlegg først.")},
            code="too_many",
        )
    attachment = Attachment(application=application, kind=kind, uploaded_by=user)
    return store_with_file(attachment, uploaded_file, checked)
