"""Editing an application: failed submissions, returns, withdrawal and the amounts stored."""

import pytest
from django.core import mail
from django.urls import reverse

from projects.models import Application, CostLine, FundingLine, StatusChange
from projects.services import application_transition
from projects.workflow import State
from tests.factories import COMPLETE_FIELDS, ApplicationFactory, complete_application
from tests.html import page_text, start_tags
from tests.projects.application_pages import RETURN_COMMENT, messages_of, timeline
from tests.projects.edit_page import (
    cost_rows,
    edit_page_data,
    edit_url,
    funding_rows,
    post_edit_page,
)

pytestmark = pytest.mark.django_db


def test_a_failed_submission_stores_none_of_the_edits_made_in_that_post(
    hamar_client, hamar, hamar_user, call
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )
    lines_before = list(application.cost_lines.values_list("item", "amount"))

    response = post_edit_page(
        hamar_client,
        application,
        submit=True,
        title="Ny tittel som ikke skal lagres",
        cost=cost_rows(1),
    )

    assert response.status_code == 200
    assert "Søknaden er ikke sendt inn. Rett feilene som er merket." in page_text(response)
    stored = Application.objects.get(pk=application.pk)
    assert stored.title == COMPLETE_FIELDS["title"]
    assert stored.status == State.DRAFT
    assert list(stored.cost_lines.values_list("item", "amount")) == lines_before
    assert not StatusChange.objects.filter(application=application).exists()
    # The page keeps what the user typed, so it can be put right and sent again.
    assert response.context["form"]["title"].value() == "Ny tittel som ikke skal lagres"


def test_after_a_failed_submission_the_user_puts_it_right_and_sends_again(
    hamar_client, hamar, hamar_user, call
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )
    failed = post_edit_page(
        hamar_client, application, submit=True, title="Rettet tittel", cost=cost_rows(1)
    )
    assert failed.status_code == 200

    again = hamar_client.post(
        edit_url(application),
        edit_page_data(failed, submit=True, funding=funding_rows(own=1)),
    )

    assert again.status_code == 302
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == State.SUBMITTED
    assert stored.title == "Rettet tittel"
    assert stored.total_cost() == stored.total_funding() == 1_000_001
    assert stored.cost_lines.count() == 2


def test_a_row_marked_for_deletion_stays_marked_when_the_submission_fails(
    hamar_client, hamar, hamar_user, call
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )
    page = hamar_client.get(edit_url(application))
    data = edit_page_data(page, submit=True, cost=cost_rows(1))
    data["cost-0-DELETE"] = "on"

    failed = hamar_client.post(edit_url(application), data)

    assert failed.status_code == 200
    assert application.cost_lines.count() == 1
    inputs = {attrs.get("name"): attrs for _, attrs in start_tags(failed, "input")}
    assert inputs["cost-0-id"]["value"] == str(application.cost_lines.get().pk)
    assert "checked" in inputs.get("cost-0-DELETE", {}), "the row's «Slett» mark was lost"


def test_a_returned_application_is_editable_again_and_shows_the_secretariats_message(
    hamar_client, hamar, hamar_user, secretariat_user, call
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )
    application_transition(application=application, action="submit", user=hamar_user)
    application_transition(
        application=application, action="return", user=secretariat_user, comment=RETURN_COMMENT
    )

    detail = hamar_client.get(application.get_absolute_url())
    edit = hamar_client.get(edit_url(application))
    resubmitted = post_edit_page(hamar_client, application, submit=True, title="Oppdatert")

    assert "Status: Sendt tilbake for endring" in page_text(detail)
    assert f"Sekretariatet har sendt søknaden tilbake: {RETURN_COMMENT}" in page_text(detail)
    assert edit.status_code == 200
    assert RETURN_COMMENT in page_text(edit)
    assert resubmitted.status_code == 302
    stored = Application.objects.get(pk=application.pk)
    assert (stored.status, stored.title) == (State.SUBMITTED, "Oppdatert")
    after = page_text(hamar_client.get(application.get_absolute_url()))
    assert "Sekretariatet har sendt søknaden tilbake" not in after
    assert RETURN_COMMENT in timeline(hamar_client.get(application.get_absolute_url()))


def test_the_applicant_withdraws_with_a_comment(
    hamar_client, hamar, hamar_user, call, django_capture_on_commit_callbacks
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user, status=State.SUBMITTED
    )
    url = reverse("projects:application-withdraw", args=[application.pk])

    page = hamar_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = hamar_client.post(url, {"comment": "Prosjektet er utsatt."}, follow=True)

    assert f"Trekk søknaden «{application.title}»" in page_text(page)
    assert response.redirect_chain == [(application.get_absolute_url(), 302)]
    assert messages_of(response) == ["Søknaden er trukket."]
    change = StatusChange.objects.get(application=application)
    assert (change.action, change.from_status, change.to_status, change.comment) == (
        "withdraw",
        State.SUBMITTED,
        State.WITHDRAWN,
        "Prosjektet er utsatt.",
    )
    assert "Status: Trukket" in page_text(response)
    assert len(mail.outbox) == 2


def test_a_withdrawn_application_cannot_be_withdrawn_again_or_edited(
    hamar_client, hamar, hamar_user, call
):
    application = complete_application(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user, status=State.WITHDRAWN
    )
    url = reverse("projects:application-withdraw", args=[application.pk])

    page = hamar_client.get(url)
    response = hamar_client.post(url, {"comment": "Igjen"}, follow=True)
    edit = hamar_client.get(edit_url(application))

    assert "Søknaden har status «Trukket» og kan ikke trekkes." in page_text(page)
    assert response.redirect_chain == [(application.get_absolute_url(), 302)]
    assert not StatusChange.objects.filter(application=application).exists()
    assert edit.status_code == 302


def test_amounts_in_the_edit_table_are_stored_as_whole_kroner(
    hamar_client, hamar, hamar_user, call
):
    application = ApplicationFactory(
        funding_call=call, lead_municipality=hamar, created_by=hamar_user
    )

    response = post_edit_page(
        hamar_client,
        application,
        cost=cost_rows(1_250_000),
        funding=funding_rows(own=1_250_000),
    )

    assert response.status_code == 302
    assert list(CostLine.objects.values_list("amount", flat=True)) == [1_250_000]
    assert list(FundingLine.objects.values_list("source", "amount")) == [("own", 1_250_000)]


def test_submitting_from_the_edit_page_without_confirming_stores_nothing_and_says_so(
    hamar_client, hamar, hamar_user
):
    application = complete_application(lead_municipality=hamar, created_by=hamar_user)

    response = post_edit_page(
        hamar_client, application, submit=True, title="Ny tittel", confirm_submit=None
    )

    assert response.status_code == 200
    message = "Kryss av for å bekrefte at du har sett over søknaden før du sender den inn."
    assert message in page_text(response)
    assert 'href="#id_confirm_submit"' in response.content.decode()
    application.refresh_from_db()
    assert application.status == State.DRAFT
    assert application.title != "Ny tittel"
    assert not StatusChange.objects.filter(application=application, action="submit").exists()
