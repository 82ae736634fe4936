"""The submission rules as the applicant meets them on the edit page, and drafts saved
whatever they hold."""

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse

from projects.models import Application, StatusChange
from projects.workflow import State
from tests.factories import (
    COMPLETE_FIELDS,
    ApplicationFactory,
    FocusAreaFactory,
    FundingCallFactory,
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
from tests.projects.submission_rules import OSLO, REQUIRED_MESSAGE, kr

pytestmark = pytest.mark.django_db


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
