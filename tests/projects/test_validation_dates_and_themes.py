"""The rules an application must meet to be sent in: its dates, focus areas, sub-themes and
the call's deadline, each on both sides of its boundary."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from projects.models import Application
from projects.workflow import State
from tests.factories import (
    FocusAreaFactory,
    FundingCallFactory,
    SubThemeFactory,
    complete_application,
)
from tests.projects.submission_rules import OSLO, messages_at, submission_codes, submit

pytestmark = pytest.mark.django_db


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
