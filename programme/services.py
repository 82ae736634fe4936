from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Programme


@transaction.atomic
def programme_change_status(*, programme: Programme, status: Programme.Status) -> Programme:
    """Move a period to draft, published or archived.

    Only one period is published at a time: publishing one moves the period that was
    published until now to the archive, in the same transaction.
    """
    status = Programme.Status(status)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.status == status:
        return programme
    if status == Programme.Status.PUBLISHED:
        if not programme.focus_areas.exists():
            raise ValidationError(
                _("«%(programme)s» har ingen satsingsområder og kan ikke publiseres."),
                code="no_focus_areas",
                params={"programme": programme.title},
            )
        Programme.objects.published().update(
            status=Programme.Status.ARCHIVED, updated_at=timezone.now()
        )
    programme.status = status
    programme.save(update_fields=["status", "updated_at"])
    return programme
