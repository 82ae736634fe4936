"""Every change the secretariat makes to the programme or to a case is kept with who and when,
and can be read under «Historikk» in admin."""

import pytest
from django.urls import reverse

from programme.models import FocusArea
from projects.models import Application, FundingCall, Municipality
from projects.workflow import State
from tests.admin_forms import admin_form_data
from tests.factories import FocusAreaFactory, FundingCallFactory, case_in, history_recorded
from tests.html import page_text, start_tags

pytestmark = pytest.mark.django_db


def history_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[obj.pk])


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def test_renaming_a_focus_area_is_recorded_with_the_secretariat_user(
    secretariat_client, secretariat_user, programme_fixture
):
    focus_area = FocusArea.objects.get(slug="diskusjonsarena")
    form = secretariat_client.get(change_url(focus_area))

    response = secretariat_client.post(
        change_url(focus_area), admin_form_data(form, name="Diskusjonsarena for regionen")
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = focus_area.history.latest("history_date")
    assert latest.history_type == "~"
    assert latest.history_user == secretariat_user
    assert latest.name == "Diskusjonsarena for regionen"


def test_the_focus_areas_history_is_readable_in_admin(secretariat_client, secretariat_user):
    with history_recorded():
        focus_area = FocusAreaFactory(name="Befolkningsvekst")
    form = secretariat_client.get(change_url(focus_area))
    secretariat_client.post(change_url(focus_area), admin_form_data(form, name="Bolyst"))

    change_page = secretariat_client.get(change_url(focus_area))
    response = secretariat_client.get(history_url(focus_area))

    assert history_url(focus_area) in {a.get("href") for _t, a in start_tags(change_page, "a")}
    assert response.status_code == 200
    rows = page_text(response).split("Endringer ", 1)[1]
    assert rows.startswith("Bolyst ")
    assert "Endret sekretaer Navn: Befolkningsvekst → Bolyst" in rows
    assert "Opprettet Systemet" in rows
    assert "2 versjoner" in rows


def test_a_call_edited_in_admin_keeps_its_history(secretariat_client, secretariat_user):
    call = FundingCallFactory(budget_frame=2_000_000)
    form = secretariat_client.get(change_url(call))

    response = secretariat_client.post(
        change_url(call),
        admin_form_data(
            form,
            budget_frame="2500000",
            opens_at_0=form.context["adminform"].form["opens_at"].value().strftime("%d.%m.%Y"),
            opens_at_1="00:00",
            closes_at_0=form.context["adminform"].form["closes_at"].value().strftime("%d.%m.%Y"),
            closes_at_1="12:00",
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = FundingCall.history.filter(id=call.pk).latest("history_date")
    assert (latest.budget_frame, latest.history_user) == (2_500_000, secretariat_user)
    assert secretariat_client.get(history_url(call)).status_code == 200


def test_a_municipality_edited_in_admin_keeps_its_history(secretariat_client, secretariat_user):
    municipality = Municipality.objects.get(slug="stange")
    form = secretariat_client.get(change_url(municipality))

    secretariat_client.post(change_url(municipality), admin_form_data(form, number="3413"))

    latest = municipality.history.latest("history_date")
    assert (latest.number, latest.history_user) == ("3413", secretariat_user)
    assert secretariat_client.get(history_url(municipality)).status_code == 200


def test_each_step_of_a_case_taken_in_admin_is_recorded_with_who(
    secretariat_client, secretariat_user, hamar, hamar_user
):
    with history_recorded():
        application = case_in(
            State.SUBMITTED,
            secretariat=secretariat_user,
            lead_municipality=hamar,
            created_by=hamar_user,
        )

    secretariat_client.post(
        reverse("admin:projects_application_transition", args=[application.pk, "start_review"])
    )
    secretariat_client.post(
        reverse("admin:projects_application_transition", args=[application.pk, "recommend"]),
        {"assessment": "Anbefales.", "recommended_amount": "300000"},
    )

    latest = application.history.latest("history_date")
    assert (latest.status, latest.history_user) == (State.RECOMMENDED, secretariat_user)
    assert [(row.status, row.history_user) for row in application.history.order_by("history_date")][
        -2:
    ] == [(State.IN_REVIEW, secretariat_user), (State.RECOMMENDED, secretariat_user)]
    recommendation = Application.objects.get(pk=application.pk).recommendation
    assert recommendation.history.get().history_user == secretariat_user
    response = secretariat_client.get(history_url(application))
    assert response.status_code == 200
    assert "Status: Under behandling → Innstilling skrevet" in page_text(response)
    assert "Status: Sendt inn → Under behandling" in page_text(response)
    assert secretariat_client.get(history_url(recommendation)).status_code == 200


@pytest.mark.parametrize("model", ["application", "focusarea"])
def test_an_old_version_can_be_read_but_not_restored(
    secretariat_client, secretariat_user, hamar, hamar_user, programme_fixture, model
):
    if model == "application":
        obj = case_in(
            State.IN_REVIEW,
            secretariat=secretariat_user,
            lead_municipality=hamar,
            created_by=hamar_user,
        )
        field, value = "status", State.IN_REVIEW
    else:
        obj = FocusArea.objects.get(slug="diskusjonsarena")
        obj.name = "Nytt navn"
        obj.save()
        field, value = "name", "Nytt navn"
    first = obj.history.earliest("history_date")
    url = reverse(
        f"admin:{obj._meta.app_label}_{model}_simple_history", args=[obj.pk, first.history_id]
    )

    read = secretariat_client.get(url)
    restore = secretariat_client.post(url, {"_save": "1"})

    assert read.status_code == 200
    assert read.context["revert_disabled"] is True
    assert restore.status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, field) == value


def test_an_applicant_cannot_reach_the_history(hamar_client, secretariat_user, hamar, hamar_user):
    application = case_in(
        State.SUBMITTED,
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
    )

    response = hamar_client.get(history_url(application))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
