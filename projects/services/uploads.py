"""The rules every uploaded document meets, whatever it is attached to: an application, its final
report, or a payment request (grants): the size, the type read from its content, and the checks
for archives that would unpack to absurd sizes. One place, so that every upload is held to them."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..file_types import (
    ALLOWED_LABELS,
    MAX_ATTACHMENT_BYTES,
    FileType,
    SuspectedZipBomb,
    clean_display_name,
    detect_file_type,
    type_matches_name,
)


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed upload_check: the name to show and the type its content has."""

    name: str
    file_type: FileType


def upload_check(uploaded_file, *, field: str = "file") -> CheckedUpload:
    """The upload's display name and type, or a ValidationError with the reason at `field`."""
    name = clean_display_name(uploaded_file.name or "")
    if uploaded_file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {field: _("Filen er for stor. Et vedlegg kan være høyst 10 MB.")}, code="too_large"
        )
    if uploaded_file.size == 0:
        raise ValidationError({field: _("Filen er tom.")}, code="empty")
    try:
        file_type = detect_file_type(uploaded_file)
    except SuspectedZipBomb:
        raise ValidationError(
            {
                field: _(
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
                field: _(
                    "Filen er ikke en gyldig %(types)s-fil, eller filnavnet passer ikke med "
                    "innholdet."
                )
                % {"types": ALLOWED_LABELS}
            },
            code="wrong_type",
        )
    return CheckedUpload(name=name, file_type=file_type)


def store_with_file(record, uploaded_file, checked: CheckedUpload):
    """Save `record` (a model with file, original_name, content_type and size) with the checked
    upload in its private storage. A failed insert leaves no stored file behind."""
    record.original_name = checked.name
    record.content_type = checked.file_type.content_type
    record.size = uploaded_file.size
    record.file.save(checked.name, uploaded_file, save=False)
    try:
        record.save()
    except Exception:
        record.file.delete(save=False)
        raise
    return record
