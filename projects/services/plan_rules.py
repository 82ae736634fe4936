"""The rules of the cost and financing plans, and their messages."""

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from hamarregion.formatting import format_nok

from ..models import FundingLine

# The rules of the two plans, by code. The edit pages show them as the applicant types
# (static/js/line-tables.js), with the same messages; plan_errors is the judge.
PLAN_RULES = {
    "no_costs": gettext_lazy("Kostnadsplanen må ha minst én kostnad større enn 0 kr."),
    "funding_not_equal_cost": gettext_lazy(
        "Finansieringsplanen (%(funding)s) må være lik kostnadsplanen (%(cost)s), "
        "men avviker med %(difference)s."
    ),
    "no_amount_applied": gettext_lazy(
        "Finansieringsplanen må ha en linje «Søknadsbeløp fra regionrådet»."
    ),
    "amount_over_max": gettext_lazy(
        "Søknadsbeløpet (%(applied)s) er over utlysningens største beløp, %(max)s."
    ),
    "amount_over_share": gettext_lazy(
        "Søknadsbeløpet (%(applied)s) er over %(percent)s %% av prosjektets "
        "kostnad. Du kan søke om høyst %(max)s."
    ),
}


def plan_errors(
    *, costs: Iterable[int], funding: Iterable[tuple[str, int]], funding_call
) -> dict[str, list[ValidationError]]:
    """What is wrong with a cost plan (its amounts) and a financing plan ((source, amount) of
    each line) in the funding call, as {"cost_lines": [...], "funding_lines": [...]}: the rules
    of a submission, and of a granted project's revised budget."""
    errors = defaultdict(list)
    funding = list(funding)
    total_cost = sum(costs)
    total_funding = sum(amount for _source, amount in funding)
    applied = sum(amount for source, amount in funding if source == FundingLine.Source.COUNCIL)
    if total_cost <= 0:
        errors["cost_lines"].append(ValidationError(PLAN_RULES["no_costs"], code="no_costs"))
    if total_funding != total_cost:
        errors["funding_lines"].append(
            ValidationError(
                PLAN_RULES["funding_not_equal_cost"],
                code="funding_not_equal_cost",
                params={
                    "funding": format_nok(total_funding),
                    "cost": format_nok(total_cost),
                    "difference": format_nok(abs(total_funding - total_cost)),
                },
            )
        )
    if applied <= 0:
        errors["funding_lines"].append(
            ValidationError(PLAN_RULES["no_amount_applied"], code="no_amount_applied")
        )
    if applied > funding_call.max_amount:
        errors["funding_lines"].append(
            ValidationError(
                PLAN_RULES["amount_over_max"],
                code="amount_over_max",
                params={"applied": format_nok(applied), "max": format_nok(funding_call.max_amount)},
            )
        )
    # Integer arithmetic: the share rule must hold to the krone, with no rounding of floats.
    if total_cost > 0 and applied * 100 > funding_call.max_share_percent * total_cost:
        errors["funding_lines"].append(
            ValidationError(
                PLAN_RULES["amount_over_share"],
                code="amount_over_share",
                params={
                    "applied": format_nok(applied),
                    "percent": funding_call.max_share_percent,
                    "max": format_nok(funding_call.max_share_percent * total_cost // 100),
                },
            )
        )
    return dict(errors)
