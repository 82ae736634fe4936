"""What a person changes about themselves, and what an administrator sets for the
organisation."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamarregion.fields import single_line, validate_single_line

from ..audit import Kind, audit_record
from ..models import Organisation

NAME_MAX_LENGTH = 150


def person_name_change(*, person_id: int, first_name: str, last_name: str, request=None):
    """A person's own name, as the portal shows it on the timeline and to their colleagues."""
    first_name, last_name = single_line(first_name or ""), single_line(last_name or "")
    errors = {}
    for field, value, missing in (
        ("first_name", first_name, _("Skriv fornavnet ditt.")),
        ("last_name", last_name, _("Skriv etternavnet ditt.")),
    ):
        if not value:
            errors[field] = missing
        elif len(value) > NAME_MAX_LENGTH:
            errors[field] = _("Navnet kan ha høyst %(max)d tegn.") % {"max": NAME_MAX_LENGTH}
        else:
            try:
                validate_single_line(value)
            except ValidationError as error:
                errors[field] = error.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = get_user_model()._default_manager.select_for_update().get(pk=person_id)
        before = person.get_full_name()
        if (person.first_name, person.last_name) == (first_name, last_name):
            return person
        person.first_name, person.last_name = first_name, last_name
        person.save(update_fields=["first_name", "last_name"])
        audit_record(
            kind=Kind.NAME_CHANGED,
            person=person,
            actor=person,
            request=request,
            detail=f"{before or '–'} → {person.get_full_name()}",
        )
    return person


def organisation_second_factor_require(
    *, organisation_id: int, required: bool, actor, request=None
) -> Organisation:
    """Whether everyone in the organisation must sign in with a second factor."""
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
        if organisation.requires_second_factor == required:
            return organisation
        organisation.requires_second_factor = required
        organisation.save(update_fields=["requires_second_factor"])
        audit_record(
            kind=Kind.SECOND_FACTOR_REQUIREMENT_CHANGED,
            person=actor,
            actor=actor,
            request=request,
            detail=f"{organisation}: " + (_("påkrevd") if required else _("ikke påkrevd")),
        )
    return organisation
