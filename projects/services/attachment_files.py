"""An uploaded file checked and stored as an attachment: the rules every attachment meets,
whoever uploads it and to what (the application, its final report, an appeal)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..file_types import (
    ALLOWED_LABELS,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS_PER_APPLICATION,
    SuspectedZipBomb,
    clean_display_name,
    detect_file_type,
    type_matches_name,
)
from ..models import Application, Attachment


def attachment_store(*, application: Application, user, uploaded_file, kind: str) -> Attachment:
    """Check the file and store it. The caller has checked that the user may attach it, and
    holds the application's row locked in its transaction."""
    name = clean_display_name(uploaded_file.name or "")
    if uploaded_file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {"file": _("Filen er for stor. Et vedlegg kan være høyst 10 MB.")}, code="too_large"
        )
    if uploaded_file.size == 0:
        raise ValidationError({"file": _("Filen er tom.")}, code="empty")
    try:
        file_type = detect_file_type(uploaded_file)
    except SuspectedZipBomb:
        raise ValidationError(
            {
                "file": _(
                    "Filen er et komprimert arkiv som ville pakket seg ut til urimelig mye data, "
                    "og kan ikke lastes opp. Lagre dokumentet på nytt fra kontorprogrammet, "
                    "eller last det opp som PDF."
                )
            },
            code="zip_bomb",
        ) from None
    if file_type is None or not type_matches_name(file_type, name):
        raise ValidationError(
            {
                "file": _(
                    "Filen er ikke en gyldig %(types)s-fil, eller filnavnet passer ikke med "
                    "innholdet."
                )
                % {"types": ALLOWED_LABELS}
            },
            code="wrong_type",
        )
    if application.attachments.filter(kind=kind).count() >= MAX_ATTACHMENTS_PER_APPLICATION:
        raise ValidationError(
            {"file": _("En søknad kan ha høyst 10 vedlegg. Slett et vedlegg først.")},
            code="too_many",
        )
    attachment = Attachment(
        application=application,
        kind=kind,
        original_name=name,
        content_type=file_type.content_type,
        size=uploaded_file.size,
        uploaded_by=user,
    )
    attachment.file.save(name, uploaded_file, save=False)
    # A failed insert must not leave the stored file behind.
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment
