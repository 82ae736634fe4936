"""The messages of the cost and financing plans' rules."""

from django.utils.translation import gettext_lazy

# The rules of the two plans, by code. The edit pages show them as the applicant types
# (static/js/line-tables.js), with the same messages; application_submission_errors is the judge.
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
