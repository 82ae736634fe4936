"""Sums for the secretariat's lists, as annotations: one query for the whole list, however
many rows. Each sum is a correlated subquery, so that summing payments does not multiply the
rows of the financing plan (as joins would)."""

from django.db.models import BigIntegerField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce

from .application import FundingLine
from .case import Decision, Payment, Recommendation


def _sum(queryset, group_by: str, field: str):
    totals = (
        queryset.order_by()
        .values(group_by)
        .annotate(total=Cast(Sum(field), BigIntegerField()))
        .values("total")
    )
    return Coalesce(Subquery(totals), Value(0), output_field=BigIntegerField())


def with_application_amounts(queryset):
    """applied_sum, recommended_sum (None without a recommendation), granted_sum (None without
    a decision) and paid_sum on each application."""
    application = OuterRef("pk")
    return queryset.annotate(
        applied_sum=_sum(
            FundingLine.objects.filter(application=application, source=FundingLine.Source.COUNCIL),
            "application",
            "amount",
        ),
        paid_sum=_sum(Payment.objects.filter(application=application), "application", "amount"),
        recommended_sum=F("recommendation__recommended_amount"),
        granted_sum=F("decision__granted_amount"),
    )


def with_call_budget(queryset):
    """recommended_sum, granted_sum, paid_sum and left_sum on each funding call."""
    call = OuterRef("pk")
    group_by = "application__funding_call"
    return queryset.annotate(
        recommended_sum=_sum(
            Recommendation.objects.filter(application__funding_call=call),
            group_by,
            "recommended_amount",
        ),
        granted_sum=_sum(
            Decision.objects.filter(
                application__funding_call=call, outcome=Decision.Outcome.APPROVED
            ),
            group_by,
            "granted_amount",
        ),
        paid_sum=_sum(Payment.objects.filter(application__funding_call=call), group_by, "amount"),
    ).annotate(left_sum=F("budget_frame") - F("granted_sum"))
