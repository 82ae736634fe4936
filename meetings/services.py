"""Writes with rules for meetings: publishing and withdrawing the minutes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Meeting


@transaction.atomic
def meeting_publish_minutes(*, meeting: Meeting) -> Meeting:
    """Make the minutes public. Only minutes that are written, of a meeting that has been held;
    publishing again keeps the first publication date."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_published_at is not None:
        return meeting
    if not meeting.minutes.strip():
        raise ValidationError(
            _("«%(meeting)s» har ingen protokoll ennå, og den kan ikke publiseres."),
            code="no_minutes",
            params={"meeting": meeting},
        )
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            _("«%(meeting)s» er ikke holdt ennå, og protokollen kan ikke publiseres."),
            code="meeting_not_held",
            params={"meeting": meeting},
        )
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes_published_at", "updated_at"])
    return meeting


@transaction.atomic
def meeting_unpublish_minutes(*, meeting: Meeting) -> Meeting:
    """Take the minutes off the public pages again, for instance to correct them."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_published_at is None:
        return meeting
    meeting.minutes_published_at = None
    meeting.save(update_fields=["minutes_published_at", "updated_at"])
    return meeting
