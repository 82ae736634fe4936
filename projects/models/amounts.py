"""Sums for the secretariat's lists, as annotations: one query for the whole list, however
many rows. Each sum is a correlated subquery, so that summing payments does not multiply the
rows of the financing plan (as joins would).

The sums themselves are QuerySet methods (Application.objects.with_amounts(),
FundingCall.objects.with_budget()); this module imports no model, so that the models it serves
can import it."""

from django.db.models import BigIntegerField, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce


def sum_of(rows, group_by: str, field: str):
    """The sum of `field` over `rows` (a QuerySet filtered on an OuterRef), grouped by
    `group_by`; 0 where there are none."""
    totals = (
        rows.order_by()
        .values(group_by)
        .annotate(total=Cast(Sum(field), BigIntegerField()))
        .values("total")
    )
    return Coalesce(Subquery(totals), Value(0), output_field=BigIntegerField())
