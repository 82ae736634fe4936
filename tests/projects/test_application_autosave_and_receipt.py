"""Autosave of a draft, the summary the applicant submits from, and the receipt after."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Application, CostLine
from projects.workflow import State
from tests.factories import COMPLETE_FIELDS, ApplicationFactory, complete_application
from tests.html import page_text, start_tags
from tests.projects.edit_page import cost_rows, edit_page_data, edit_url

pytestmark = pytest.mark.django_db


def autosave_url(application):
    return reverse("projects:application-autosave", args=[application.pk])


def summary_url(application):
    return reverse("projects:application-summary", args=[application.pk])


def receipt_url(application):
    return reverse("projects:application-receipt", args=[application.pk])


@pytest.fixture
def draft(hamar, hamar_user, call):
    return complete_application(funding_call=call, lead_municipality=hamar, created_by=hamar_user)


def autosave_data(client, application, **kwargs):
    """What autosave.js posts: the edit page's form as it stands, without a button."""
    data = edit_page_data(client.get(edit_url(application)), **kwargs)
    del data["save"]
    return data


def test_autosave_stores_the_draft_and_answers_the_time(hamar_client, draft):
    data = autosave_data(hamar_client, draft, title="Skrevet for autolagring")

    response = hamar_client.post(autosave_url(draft), data)

    assert response.status_code == 200
    answer = response.json()
    assert answer["saved"] is True
    assert re.fullmatch(r"[0-2][0-9]:[0-5][0-9]", answer["time"])
    assert answer["message"] == f"Lagret kl. {answer['time']}"
    assert Application.objects.get(pk=draft.pk).title == "Skrevet for autolagring"


def test_autosave_gives_new_rows_their_ids_so_the_next_save_does_not_add_them_again(
    hamar_client, draft
):
    data = autosave_data(hamar_client, draft, cost=cost_rows(300, 400))

    answer = hamar_client.post(autosave_url(draft), data).json()

    new = CostLine.objects.filter(application=draft, amount__in=[300, 400]).order_by("amount")
    assert answer["rows"] == {"cost-1": new[0].pk, "cost-2": new[1].pk}
    # The page now holds these rows as stored ones, as autosave.js makes it.
    data["cost-1-id"], data["cost-2-id"] = str(new[0].pk), str(new[1].pk)
    data["cost-INITIAL_FORMS"] = "3"
    data["cost-2-amount"] = "450"
    data["save"] = ""
    hamar_client.post(edit_url(draft), data)
    assert sorted(draft.cost_lines.values_list("amount", flat=True)) == [300, 450, 1_000_000]


def test_autosave_of_a_step_stores_only_that_steps_fields(hamar_client, draft):
    response = hamar_client.post(
        autosave_url(draft),
        {"steg": "mal", "background": "Ny bakgrunn", "main_goal": "Nytt mål"},
    )

    assert response.json()["saved"] is True
    stored = Application.objects.get(pk=draft.pk)
    assert (stored.background, stored.main_goal) == ("Ny bakgrunn", "Nytt mål")
    assert stored.title == COMPLETE_FIELDS["title"]
    assert stored.cost_lines.count() == 1


def test_autosave_of_bad_input_stores_nothing_and_says_what_is_wrong(hamar_client, draft):
    data = autosave_data(hamar_client, draft, title="Ikke lagret", end_date="31.02.2027")

    response = hamar_client.post(autosave_url(draft), data)

    assert response.status_code == 400
    answer = response.json()
    assert answer["saved"] is False
    assert answer["message"].startswith("Ikke lagret automatisk: Sluttdato: Oppgi en gyldig dato.")
    assert Application.objects.get(pk=draft.pk).title == COMPLETE_FIELDS["title"]


def test_autosave_refuses_an_unknown_step_without_storing(hamar_client, draft):
    response = hamar_client.post(autosave_url(draft), {"steg": "alt", "title": "Nei"})

    assert response.status_code == 400
    assert response.json()["message"] == "Ukjent steg."
    assert Application.objects.get(pk=draft.pk).title == COMPLETE_FIELDS["title"]


def test_autosave_of_another_municipalitys_draft_is_not_found(loten_client, draft):
    response = loten_client.post(autosave_url(draft), {"steg": "prosjekt", "title": "Overtatt"})

    assert response.status_code == 404
    assert Application.objects.get(pk=draft.pk).title == COMPLETE_FIELDS["title"]


def test_autosave_of_a_submitted_application_is_refused(hamar_client, draft):
    data = autosave_data(hamar_client, draft, title="Endret etter innsending")
    Application.objects.filter(pk=draft.pk).update(status=State.SUBMITTED)

    response = hamar_client.post(autosave_url(draft), data)

    assert response.status_code == 403
    assert response.json() == {"saved": False, "message": "Søknaden kan ikke endres lenger."}
    assert Application.objects.get(pk=draft.pk).title == COMPLETE_FIELDS["title"]


def test_autosave_needs_the_csrf_token(hamar_user, draft):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(hamar_user)

    response = client.post(autosave_url(draft), {"steg": "prosjekt", "title": "Uten token"})

    assert response.status_code == 403
    assert Application.objects.get(pk=draft.pk).title == COMPLETE_FIELDS["title"]


def test_the_summary_shows_everything_that_will_be_sent_and_the_submit_button(hamar_client, draft):
    response = hamar_client.get(summary_url(draft))

    assert response.status_code == 200
    text = page_text(response)
    for value in (COMPLETE_FIELDS["title"], COMPLETE_FIELDS["background"], "Prosjektledelse"):
        assert value in text
    assert "Dette må rettes" not in text
    buttons = [attrs.get("name") for _tag, attrs in start_tags(response, "button")]
    assert "confirm" in buttons


def test_the_summary_lists_what_stops_a_submission_with_links_to_the_steps(
    hamar_client, hamar, hamar_user, call
):
    application = ApplicationFactory(funding_call=call, lead_municipality=hamar)

    response = hamar_client.get(summary_url(application))

    text = page_text(response)
    assert "Dette må rettes før du kan sende inn" in text
    assert "Kostnadsplanen må ha minst én kostnad større enn 0 kr." in text
    links = {attrs["href"] for _tag, attrs in start_tags(response, "a") if "href" in attrs}
    assert reverse("projects:application-step", args=[application.pk, "planer"]) in links
    assert reverse("projects:application-step", args=[application.pk, "mal"]) in links


def test_confirming_on_the_summary_submits_and_shows_the_receipt(hamar_client, draft):
    response = hamar_client.post(summary_url(draft), {"confirm": ""})

    assert response.status_code == 302
    assert response.url == receipt_url(draft)
    stored = Application.objects.get(pk=draft.pk)
    assert stored.status == State.SUBMITTED
    assert stored.submitted_at is not None
    assert draft.status_changes.filter(action="submit", actor__isnull=False).count() == 1

    receipt = hamar_client.get(response.url)
    text = page_text(receipt)
    assert "Kvittering for innsendt søknad" in text
    assert f"«{COMPLETE_FIELDS['title']}» er sendt inn" in text
    assert timezone.localtime(stored.submitted_at).strftime("%d.%m.%Y kl. %H:%M") in text
    assert COMPLETE_FIELDS["background"] in text
    assert "Søknaden er sendt inn. Sekretariatet har fått beskjed." in text


def test_a_refused_submission_on_the_summary_stays_a_draft_and_says_why(
    hamar_client, hamar, hamar_user, call
):
    application = ApplicationFactory(funding_call=call, lead_municipality=hamar)

    response = hamar_client.post(summary_url(application), {"confirm": ""})

    assert response.status_code == 200
    text = page_text(response)
    assert "Søknaden er ikke sendt inn. Rett feilene som er listet." in text
    assert "Fyll ut dette feltet før du sender inn." in text
    assert Application.objects.get(pk=application.pk).status == State.DRAFT


def test_the_summary_of_a_submitted_application_goes_to_its_page(hamar_client, draft):
    hamar_client.post(summary_url(draft), {"confirm": ""})

    again = hamar_client.post(summary_url(draft), {"confirm": ""})

    assert again.status_code == 302
    assert again.url == draft.get_absolute_url()
    assert draft.status_changes.filter(action="submit").count() == 1


def test_the_receipt_is_reachable_later_from_the_application_page(hamar_client, draft):
    hamar_client.post(summary_url(draft), {"confirm": ""})

    page = hamar_client.get(draft.get_absolute_url())

    links = {attrs["href"] for _tag, attrs in start_tags(page, "a") if "href" in attrs}
    assert receipt_url(draft) in links
    assert hamar_client.get(receipt_url(draft)).status_code == 200


def test_a_draft_never_submitted_has_no_receipt(hamar_client, draft):
    assert hamar_client.get(receipt_url(draft)).status_code == 404
    page = hamar_client.get(draft.get_absolute_url())
    links = {attrs["href"] for _tag, attrs in start_tags(page, "a") if "href" in attrs}
    assert receipt_url(draft) not in links
    assert summary_url(draft) in links
