"""The rules an application must meet to be sent in, each on both sides of its boundary."""

import re
from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from projects.models import Application, StatusChange
from projects.services import application_submission_errors, application_transition
from projects.workflow import State
from tests.factories import (
    COMPLETE_FIELDS,
    ApplicationFactory,
    FocusAreaFactory,
    FundingCallFactory,
    SubThemeFactory,
    complete_application,
)
from tests.html import element_text, page_text
from tests.projects.edit_page import (
    cost_rows,
    edit_page_data,
    edit_url,
    funding_rows,
    post_edit_page,
)

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
NBSP = "\u00a0"

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
REQUIRED_MESSAGE = "Fyll ut dette feltet før du sender inn."


def kr(text):
    """Amounts as format_nok writes them, with non-breaking spaces, from a readable
    "1 000 000 kr". (Page text collapses them to plain spaces: see tests.html.normalise.)"""
    return re.sub(r"(?<=\d) (?=\d|kr\b)", NBSP, text)


@pytest.fixture
def hamar_application(hamar, hamar_user):
    return complete_application(lead_municipality=hamar, created_by=hamar_user)


def submit(application, user, **kwargs):
    return application_transition(application=application, action="submit", user=user, **kwargs)


def submission_codes(application, user, **kwargs) -> dict:
    """{field: [code, ...]} of the ValidationError the submission raises; asserts it raised and
    that the application is still a draft with no new step in its timeline."""
    steps = application.status_changes.count()
    with pytest.raises(ValidationError) as raised:
        submit(application, user, **kwargs)
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == State.DRAFT
    assert stored.submitted_at is None
    assert stored.status_changes.count() == steps
    return {
        field: [error.code for error in errors] for field, errors in raised.value.error_dict.items()
    }


def messages_at(application, user, field, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        submit(application, user, **kwargs)
    return [message for error in raised.value.error_dict[field] for message in error.messages]


def set_lines(application, *, cost, own=0, council=0):
    application.cost_lines.all().delete()
    application.funding_lines.all().delete()
    application.cost_lines.create(item="Prosjektledelse", amount=cost)
    if own:
        application.funding_lines.create(source="own", amount=own)
    if council:
        application.funding_lines.create(source="council", amount=council)


# --- Through the service ---------------------------------------------------------------------


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


def test_end_date_the_day_after_start_passes(hamar_application, hamar_user):
    Application.objects.filter(pk=hamar_application.pk).update(
        start_date=date(2027, 3, 1), end_date=date(2027, 3, 2)
    )

    submit(hamar_application, hamar_user)

    assert Application.objects.get(pk=hamar_application.pk).status == State.SUBMITTED


@pytest.mark.parametrize("end_date", [date(2027, 3, 1), date(2027, 2, 28)], ids=["same", "before"])
def test_the_database_refuses_an_end_date_not_after_start(hamar_application, end_date):
    hamar_application.start_date = date(2027, 3, 1)
    hamar_application.end_date = end_date

    with pytest.raises(ValidationError) as raised:
        hamar_application.full_clean()
    assert raised.value.messages == ["Sluttdatoen må være etter startdatoen."]
    with pytest.raises(IntegrityError), transaction.atomic():
        hamar_application.save()


def test_a_focus_area_outside_the_call_is_refused(hamar_application, hamar_user):
    call = hamar_application.funding_call
    outside = FocusAreaFactory(programme=call.programme, name="Utenfor utlysningen")
    hamar_application.focus_areas.add(outside)

    assert submission_codes(hamar_application, hamar_user) == {
        "focus_areas": ["focus_area_outside_call"]
    }
    assert messages_at(hamar_application, hamar_user, "focus_areas") == [
        "Utlysningen er ikke åpen for: Utenfor utlysningen."
    ]


def test_no_focus_area_is_refused(hamar_application, hamar_user):
    hamar_application.focus_areas.clear()

    codes = submission_codes(hamar_application, hamar_user)

    assert codes["focus_areas"] == ["required"]


def test_a_sub_theme_under_a_focus_area_not_chosen_is_refused(hamar_application, hamar_user):
    chosen = hamar_application.focus_areas.get()
    other = hamar_application.funding_call.focus_areas.exclude(pk=chosen.pk).get()
    stray = SubThemeFactory(theme__focus_area=other, name="Løst delområde")
    hamar_application.sub_themes.add(stray)

    assert submission_codes(hamar_application, hamar_user) == {
        "sub_themes": ["sub_theme_outside_focus_areas"]
    }
    assert messages_at(hamar_application, hamar_user, "sub_themes") == [
        "Delområdene må høre til satsingsområdene du har valgt: Løst delområde."
    ]


def test_a_sub_theme_under_a_second_chosen_focus_area_passes(hamar_application, hamar_user):
    chosen = hamar_application.focus_areas.get()
    other = hamar_application.funding_call.focus_areas.exclude(pk=chosen.pk).get()
    hamar_application.focus_areas.add(other)
    hamar_application.sub_themes.add(SubThemeFactory(theme__focus_area=other))

    submit(hamar_application, hamar_user)

    assert Application.objects.get(pk=hamar_application.pk).status == State.SUBMITTED


def test_no_sub_theme_is_refused(hamar_application, hamar_user):
    hamar_application.sub_themes.clear()

    assert submission_codes(hamar_application, hamar_user) == {"sub_themes": ["required"]}


@pytest.fixture
def noon_deadline_application(hamar, hamar_user):
    """A complete application in a call that closes 1 March 2027 at 12:00, Oslo time."""
    closes_at = datetime(2027, 3, 1, 12, 0, tzinfo=OSLO)
    call = FundingCallFactory(
        title="Vårens utlysning", opens_at=closes_at - timedelta(days=60), closes_at=closes_at
    )
    return complete_application(funding_call=call, lead_municipality=hamar, created_by=hamar_user)


def test_submission_one_second_before_the_deadline_passes(noon_deadline_application, hamar_user):
    now = datetime(2027, 3, 1, 11, 59, 59, tzinfo=OSLO)

    submit(noon_deadline_application, hamar_user, now=now)

    stored = Application.objects.get(pk=noon_deadline_application.pk)
    assert stored.status == State.SUBMITTED
    assert stored.submitted_at == now


@pytest.mark.parametrize(
    "now",
    [
        datetime(2027, 3, 1, 12, 0, 0, tzinfo=OSLO),
        datetime(2027, 3, 1, 12, 0, 1, tzinfo=OSLO),
        datetime(2027, 3, 2, 9, 0, tzinfo=OSLO),
    ],
    ids=["12:00:00", "12:00:01", "next-day"],
)
def test_submission_at_or_after_the_deadline_minute_is_refused(
    noon_deadline_application, hamar_user, now
):
    assert submission_codes(noon_deadline_application, hamar_user, now=now) == {
        NON_FIELD_ERRORS: ["call_closed"]
    }
    assert messages_at(noon_deadline_application, hamar_user, NON_FIELD_ERRORS, now=now) == [
        "Søknadsfristen for «Vårens utlysning» gikk ut 01.03.2027 kl. 12:00."
    ]


def test_the_deadline_is_in_oslo_time_not_utc(noon_deadline_application, hamar_user):
    # 12:00 in Oslo in March is 11:00 UTC: 11:30 UTC is after the deadline.
    now = datetime(2027, 3, 1, 11, 30, tzinfo=ZoneInfo("UTC"))

    assert submission_codes(noon_deadline_application, hamar_user, now=now) == {
        NON_FIELD_ERRORS: ["call_closed"]
    }


def test_submission_before_the_call_opens_is_refused(noon_deadline_application, hamar_user):
    call = noon_deadline_application.funding_call

    codes = submission_codes(
        noon_deadline_application, hamar_user, now=call.opens_at - timedelta(seconds=1)
    )

    assert codes == {NON_FIELD_ERRORS: ["call_not_open"]}


def test_submission_to_an_unpublished_call_is_refused(hamar_application, hamar_user):
    hamar_application.funding_call.is_published = False
    hamar_application.funding_call.save()

    assert submission_codes(hamar_application, hamar_user) == {NON_FIELD_ERRORS: ["call_not_open"]}


def test_a_deadline_entered_with_seconds_is_cut_to_the_minute(noon_deadline_application):
    call = noon_deadline_application.funding_call
    call.closes_at = datetime(2027, 3, 1, 12, 0, 45, tzinfo=OSLO)

    call.full_clean()

    assert call.closes_at == datetime(2027, 3, 1, 12, 0, tzinfo=OSLO)


# --- Through the edit page -------------------------------------------------------------------


def assert_still_a_stored_draft(application):
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == State.DRAFT
    assert not StatusChange.objects.filter(application=application, action="submit").exists()


def test_the_edit_page_submits_a_complete_application(hamar_client, hamar_application):
    response = post_edit_page(hamar_client, hamar_application, submit=True)

    assert response.status_code == 302
    assert response["Location"] == hamar_application.get_absolute_url()
    assert Application.objects.get(pk=hamar_application.pk).status == State.SUBMITTED


# Every field is checked through the service above; through the page, one of each kind.
@pytest.mark.parametrize(
    "field", ["summary", "contact_email", "phase", "start_date", "organisation"]
)
def test_edit_page_shows_the_required_message_at_the_empty_field(
    hamar_client, hamar_application, field
):
    response = post_edit_page(hamar_client, hamar_application, submit=True, **{field: ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [REQUIRED_MESSAGE]}
    assert REQUIRED_MESSAGE in element_text(response, f"div_id_{field}")
    assert "Søknaden er ikke sendt inn. Rett feilene som er merket." in page_text(response)
    assert_still_a_stored_draft(hamar_application)
    # The field was emptied in the same post; that edit is not stored either.
    assert getattr(Application.objects.get(pk=hamar_application.pk), field) not in ("", None)


def test_edit_page_refuses_an_empty_title_even_for_a_draft(hamar_client, hamar_application):
    response = post_edit_page(hamar_client, hamar_application, title="")

    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert Application.objects.get(pk=hamar_application.pk).title == COMPLETE_FIELDS["title"]


@pytest.mark.parametrize(
    ("own", "passes"),
    [(-1, False), (0, True), (1, False)],
    ids=["1-kr-short", "equal", "1-kr-over"],
)
def test_edit_page_checks_that_financing_equals_cost_to_the_krone(
    hamar_client, hamar_application, own, passes
):
    response = post_edit_page(
        hamar_client,
        hamar_application,
        submit=True,
        replace_lines=True,
        cost=cost_rows(600_000, 400_000),
        funding=funding_rows(own=500_000 + own, council=500_000),
    )

    if passes:
        assert response.status_code == 302
        assert Application.objects.get(pk=hamar_application.pk).status == State.SUBMITTED
        return
    assert response.status_code == 200
    difference = "avviker med 1 kr"
    assert any(kr(difference) in e for e in response.context["funding_formset"].non_form_errors())
    assert difference in element_text(response, "finansieringsplan")
    assert difference not in element_text(response, "kostnadsplan")
    assert_still_a_stored_draft(hamar_application)


@pytest.mark.parametrize(
    ("council", "passes"), [(500_000, True), (500_001, False)], ids=["at-max", "1-kr-over"]
)
def test_edit_page_checks_the_largest_amount(hamar_client, hamar, hamar_user, council, passes):
    call = FundingCallFactory(max_amount=500_000, max_share_percent=100, budget_frame=1_000_000)
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )

    response = post_edit_page(
        hamar_client,
        application,
        submit=True,
        replace_lines=True,
        cost=cost_rows(2_000_000),
        funding=funding_rows(own=2_000_000 - council, council=council),
    )

    if passes:
        assert response.status_code == 302
        return
    assert "Søknadsbeløpet (500 001 kr) er over utlysningens største beløp, 500 000 kr." in (
        element_text(response, "finansieringsplan")
    )
    assert_still_a_stored_draft(application)


@pytest.mark.parametrize(
    ("council", "passes"), [(500_000, True), (500_001, False)], ids=["at-share", "1-kr-over"]
)
def test_edit_page_checks_the_largest_share(hamar_client, hamar, hamar_user, council, passes):
    call = FundingCallFactory(max_amount=1_000_000, max_share_percent=50)
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )

    response = post_edit_page(
        hamar_client,
        application,
        submit=True,
        replace_lines=True,
        cost=cost_rows(1_000_000, 1),
        funding=funding_rows(own=1_000_001 - council, council=council),
    )

    if passes:
        assert response.status_code == 302
        return
    assert "er over 50 % av prosjektets kostnad" in element_text(response, "finansieringsplan")
    assert_still_a_stored_draft(application)


@pytest.mark.parametrize(
    ("end_date", "passes"),
    [("2027-02-28", False), ("2027-03-01", False), ("2027-03-02", True)],
    ids=["day-before", "same-day", "next-day"],
)
def test_edit_page_requires_the_end_date_after_the_start_date(
    hamar_client, hamar_application, end_date, passes
):
    response = post_edit_page(
        hamar_client, hamar_application, submit=True, start_date="2027-03-01", end_date=end_date
    )

    if passes:
        assert response.status_code == 302
        stored = Application.objects.get(pk=hamar_application.pk)
        assert (stored.start_date, stored.end_date) == (date(2027, 3, 1), date(2027, 3, 2))
        return
    assert response.status_code == 200
    assert "Sluttdatoen må være etter startdatoen." in element_text(response, "div_id_end_date")
    stored = Application.objects.get(pk=hamar_application.pk)
    assert stored.end_date == COMPLETE_FIELDS["end_date"]
    assert_still_a_stored_draft(hamar_application)


def test_edit_page_refuses_a_sub_theme_under_a_focus_area_not_chosen(
    hamar_client, hamar_application
):
    chosen = hamar_application.focus_areas.get()
    other_sub_theme = (
        hamar_application.funding_call.focus_areas.exclude(pk=chosen.pk).get().themes.get()
    ).sub_themes.get()

    response = post_edit_page(
        hamar_client,
        hamar_application,
        submit=True,
        sub_themes=[str(other_sub_theme.pk)],
    )

    assert response.status_code == 200
    assert "Delområdene må høre til satsingsområdene du har valgt" in element_text(
        response, "div_id_sub_themes"
    )
    assert_still_a_stored_draft(hamar_application)
    assert list(Application.objects.get(pk=hamar_application.pk).sub_themes.all()) == list(
        hamar_application.sub_themes.all()
    )


def test_edit_page_offers_only_the_calls_focus_areas(hamar_client, hamar_application):
    call = hamar_application.funding_call
    outside = FocusAreaFactory(programme=call.programme)

    response = post_edit_page(
        hamar_client, hamar_application, submit=True, focus_areas=[str(outside.pk)]
    )

    assert response.status_code == 200
    assert set(response.context["form"].fields["focus_areas"].queryset) == set(
        call.focus_areas.all()
    )
    assert "focus_areas" in response.context["form"].errors
    assert_still_a_stored_draft(hamar_application)


@pytest.fixture
def deadline_tomorrow_noon(hamar, hamar_user):
    """A complete application in a call that closes at 12:00 Oslo time tomorrow."""
    tomorrow = (datetime.now(OSLO) + timedelta(days=1)).date()
    closes_at = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 12, 0, tzinfo=OSLO)
    call = FundingCallFactory(title="Fristen i morgen", closes_at=closes_at)
    return complete_application(funding_call=call, lead_municipality=hamar, created_by=hamar_user)


def test_edit_page_submits_one_second_before_the_deadline(hamar_client, deadline_tomorrow_noon):
    application = deadline_tomorrow_noon
    page = hamar_client.get(edit_url(application))
    just_before = application.funding_call.closes_at - timedelta(seconds=1)

    with mock.patch("django.utils.timezone.now", return_value=just_before):
        response = hamar_client.post(edit_url(application), edit_page_data(page, submit=True))

    assert response.status_code == 302
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == State.SUBMITTED
    assert stored.submitted_at == just_before


def test_edit_page_refuses_submission_at_the_deadline_minute(hamar_client, deadline_tomorrow_noon):
    application = deadline_tomorrow_noon
    page = hamar_client.get(edit_url(application))
    deadline = application.funding_call.closes_at

    with mock.patch("django.utils.timezone.now", return_value=deadline):
        response = hamar_client.post(
            edit_url(application), edit_page_data(page, submit=True, title="Ny tittel")
        )

    assert response.status_code == 200
    expected = (
        f"Søknadsfristen for «Fristen i morgen» gikk ut {deadline.astimezone(OSLO):%d.%m.%Y} "
        "kl. 12:00."
    )
    assert response.context["form"].non_field_errors() == [expected]
    assert expected in page_text(response)
    assert_still_a_stored_draft(application)
    assert Application.objects.get(pk=application.pk).title == COMPLETE_FIELDS["title"]


def test_a_draft_with_only_a_title_is_saved(hamar_client, hamar, hamar_user):
    application = ApplicationFactory(lead_municipality=hamar, created_by=hamar_user)

    response = post_edit_page(hamar_client, application, title="Bare en tittel så langt")

    assert response.status_code == 302
    assert response["Location"] == edit_url(application)
    stored = Application.objects.get(pk=application.pk)
    assert stored.title == "Bare en tittel så langt"
    assert stored.status == State.DRAFT


def test_a_draft_with_unbalanced_plans_and_too_much_applied_is_saved(
    hamar_client, hamar_application
):
    response = post_edit_page(
        hamar_client,
        hamar_application,
        replace_lines=True,
        cost=cost_rows(100),
        funding=funding_rows(council=9_999_999),
        summary="",
    )

    assert response.status_code == 302
    stored = Application.objects.get(pk=hamar_application.pk)
    assert stored.total_cost() == 100
    assert stored.amount_applied() == 9_999_999
    assert stored.summary == ""
    assert stored.status == State.DRAFT


def test_a_draft_is_saved_after_the_deadline_but_not_submitted(hamar_client, hamar, hamar_user):
    call = FundingCallFactory(
        opens_at=datetime(2025, 1, 1, 8, 0, tzinfo=OSLO),
        closes_at=datetime(2025, 2, 1, 12, 0, tzinfo=OSLO),
    )
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )

    saved = post_edit_page(hamar_client, application, main_goal="Nytt hovedmål")
    refused = post_edit_page(hamar_client, application, submit=True)

    assert saved.status_code == 302
    assert Application.objects.get(pk=application.pk).main_goal == "Nytt hovedmål"
    assert refused.status_code == 200
    assert "Søknadsfristen for" in page_text(refused)
    assert_still_a_stored_draft(application)


def test_the_edit_page_shows_no_error_summary_before_anything_is_posted(
    hamar_client, hamar_application
):
    response = hamar_client.get(reverse("projects:application-edit", args=[hamar_application.pk]))

    assert "Skjemaet har feil som må rettes" not in page_text(response)
