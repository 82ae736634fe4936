"""The reads of the export and of the public post journal."""

from datetime import date, datetime, time

from django.utils import timezone

from projects.models import CaseDocument

from .models import RegistryEntry


def documents_not_archived(*, since: date | None = None, application_id: int | None = None):
    """The frozen documents no export has sent, case by case and oldest first, locked until the
    export that reads them has recorded them (a second run at the same time waits)."""
    documents = CaseDocument.objects.filter(registry_entry__isnull=True)
    if since is not None:
        start = timezone.make_aware(datetime.combine(since, time.min))
        documents = documents.filter(created_at__gte=start)
    if application_id is not None:
        documents = documents.filter(application_id=application_id)
    locked = list(documents.select_for_update(of=("self",)).values_list("pk", flat=True))
    # Read again once the rows are locked: a run that waited for another one's lock now sees
    # what that run recorded, and leaves those documents alone.
    return (
        CaseDocument.objects.filter(pk__in=locked, registry_entry__isnull=True)
        .select_related("application__lead_municipality", "application__decision", "status_change")
        .defer("html")
        .order_by("application_id", "created_at", "pk")
    )


def journal_months() -> list[date]:
    """The first day of each month with entries in the post journal, newest first."""
    return list(RegistryEntry.objects.months())


def journal_entries(*, month: date | None = None):
    entries = RegistryEntry.objects.journal()
    return entries.in_month(month) if month is not None else entries
