"""The rules an application must meet to be sent in: the required fields and the money, each
on both sides of its boundary."""

from datetime import timedelta

import pytest

from projects.models import Application
from projects.services import application_submission_errors
from projects.workflow import State
from tests.factories import ApplicationFactory, FundingCallFactory, complete_application
from tests.projects.submission_rules import (
    REQUIRED_MESSAGE,
    kr,
    messages_at,
    submission_codes,
    submit,
)

pytestmark = pytest.mark.django_db


# Written out here rather than imported, so that dropping a field from the service's list fails.
REQUIRED_FIELDS = [
    "title",
    "summary",
    "project_leader_name",
    "project_leader_email",
    "project_leader_phone",
    "contact_name",
    "contact_email",
    "contact_phone",
    "phase",
    "background",
    "main_goal",
    "sub_goals",
    "expected_results",
    "target_group",
    "anchoring",
    "organisation",
    "start_date",
    "end_date",
]


def set_lines(application, *, cost, own=0, council=0):
    application.cost_lines.all().delete()
    application.funding_lines.all().delete()
    application.cost_lines.create(item="Prosjektledelse", amount=cost)
    if own:
        application.funding_lines.create(source="own", amount=own)
    if council:
        application.funding_lines.create(source="council", amount=council)


def test_a_complete_application_meets_every_rule_and_is_submitted(hamar_application, hamar_user):
    now = hamar_application.funding_call.closes_at - timedelta(hours=1)

    assert application_submission_errors(application=hamar_application, now=now) == {}
    submit(hamar_application, hamar_user, now=now)

    hamar_application.refresh_from_db()
    assert hamar_application.status == State.SUBMITTED
    assert hamar_application.submitted_at == now


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
def test_each_required_field_left_empty_refuses_submission_at_that_field(
    hamar_application, hamar_user, field
):
    empty = None if field in {"start_date", "end_date"} else ""
    Application.objects.filter(pk=hamar_application.pk).update(**{field: empty})

    codes = submission_codes(hamar_application, hamar_user)

    assert codes == {field: ["required"]}
    assert messages_at(hamar_application, hamar_user, field) == [REQUIRED_MESSAGE]


def test_a_draft_with_only_a_title_gets_an_error_for_everything_missing(hamar, hamar_user):
    application = ApplicationFactory(lead_municipality=hamar, created_by=hamar_user)

    codes = submission_codes(application, hamar_user)

    assert set(codes) == {
        *(set(REQUIRED_FIELDS) - {"title"}),
        "focus_areas",
        "sub_themes",
        "cost_lines",
        "funding_lines",
    }
    assert codes["focus_areas"] == ["required"]
    assert codes["sub_themes"] == ["required"]
    assert codes["cost_lines"] == ["no_costs"]
    assert codes["funding_lines"] == ["no_amount_applied"]


@pytest.mark.parametrize(
    ("own", "passes"),
    [(499_999, False), (500_000, True), (500_001, False)],
    ids=["funding-1-kr-short", "funding-equal", "funding-1-kr-over"],
)
def test_financing_plan_must_equal_cost_plan_to_the_krone(
    hamar_application, hamar_user, own, passes
):
    set_lines(hamar_application, cost=1_000_000, own=own, council=500_000)

    if passes:
        submit(hamar_application, hamar_user)
        assert Application.objects.get(pk=hamar_application.pk).status == State.SUBMITTED
    else:
        assert submission_codes(hamar_application, hamar_user) == {
            "funding_lines": ["funding_not_equal_cost"]
        }


def test_unbalanced_financing_message_names_both_sums_and_the_difference(
    hamar_application, hamar_user
):
    set_lines(hamar_application, cost=1_000_000, own=500_001, council=500_000)

    assert messages_at(hamar_application, hamar_user, "funding_lines") == [
        kr(
            "Finansieringsplanen (1 000 001 kr) må være lik kostnadsplanen (1 000 000 kr), "
            "men avviker med 1 kr."
        )
    ]


@pytest.mark.parametrize(
    ("applied", "passes"), [(400_000, True), (400_001, False)], ids=["at-max", "1-kr-over"]
)
def test_amount_applied_must_not_exceed_the_calls_largest_amount(
    hamar, hamar_user, applied, passes
):
    call = FundingCallFactory(max_amount=400_000, max_share_percent=100)
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user, applied=applied
    )

    if passes:
        submit(application, hamar_user)
        assert Application.objects.get(pk=application.pk).status == State.SUBMITTED
    else:
        assert submission_codes(application, hamar_user) == {"funding_lines": ["amount_over_max"]}
        assert messages_at(application, hamar_user, "funding_lines") == [
            kr("Søknadsbeløpet (400 001 kr) er over utlysningens største beløp, 400 000 kr.")
        ]


@pytest.mark.parametrize(
    ("percent", "cost", "applied", "passes"),
    [
        (50, 1_000_001, 500_000, True),
        (50, 1_000_001, 500_001, False),
        (33, 300_000, 99_000, True),
        (33, 300_000, 99_001, False),
        (100, 200_000, 200_000, True),
    ],
    ids=["50%-at-share", "50%-1-kr-over", "33%-at-share", "33%-1-kr-over", "100%-all"],
)
def test_amount_applied_must_not_exceed_the_calls_largest_share_of_total_cost(
    hamar, hamar_user, percent, cost, applied, passes
):
    call = FundingCallFactory(
        max_share_percent=percent, max_amount=1_000_000, budget_frame=2_000_000
    )
    application = complete_application(
        funding_call=call,
        lead_municipality=hamar,
        created_by=hamar_user,
        cost=cost,
        applied=applied,
    )

    if passes:
        submit(application, hamar_user)
        assert Application.objects.get(pk=application.pk).status == State.SUBMITTED
    else:
        assert submission_codes(application, hamar_user) == {"funding_lines": ["amount_over_share"]}


def test_share_message_says_the_most_one_may_apply_for(hamar, hamar_user):
    call = FundingCallFactory(max_share_percent=50, max_amount=1_000_000)
    application = complete_application(
        funding_call=call,
        lead_municipality=hamar,
        created_by=hamar_user,
        cost=1_000_001,
        applied=500_001,
    )

    assert messages_at(application, hamar_user, "funding_lines") == [
        kr(
            "Søknadsbeløpet (500 001 kr) er over 50 % av prosjektets kostnad. "
            "Du kan søke om høyst 500 000 kr."
        )
    ]


def test_a_financing_plan_without_an_amount_applied_is_refused(hamar_application, hamar_user):
    set_lines(hamar_application, cost=1_000_000, own=1_000_000)

    assert submission_codes(hamar_application, hamar_user) == {
        "funding_lines": ["no_amount_applied"]
    }


def test_an_empty_cost_plan_is_refused(hamar_application, hamar_user):
    hamar_application.cost_lines.all().delete()
    hamar_application.funding_lines.all().delete()

    codes = submission_codes(hamar_application, hamar_user)

    assert codes["cost_lines"] == ["no_costs"]
