"""Asking for a change: a new end date, a revised budget or a new project leader, with a
justification, by the owning municipality alone; bad input is refused at the field and asks
for nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from grants.models import ChangeRequest
from projects.workflow import Action, State
from tests.factories import change_request
from tests.grants.follow_up_pages import (
    END_DATE_FORM,
    JUSTIFICATION,
    LEADER_FORM,
    budget,
    follow_up_url,
    nothing_requested,
    request_url,
)
from tests.html import page_text

pytestmark = pytest.mark.django_db

Kind = ChangeRequest.Kind


def test_the_applicant_asks_for_a_new_end_date_and_the_secretariat_is_told(
    hamar_client, project, django_capture_on_commit_callbacks
):
    new_end = project.end_date + timedelta(days=92)

    with django_capture_on_commit_callbacks(execute=True):
        response = hamar_client.post(
            request_url(project, "sluttdato"),
            {"end_date": new_end.isoformat(), "justification": JUSTIFICATION},
        )

    assert response.status_code == 302
    assert response["Location"] == follow_up_url(project)
    change = ChangeRequest.objects.get()
    assert (change.kind, change.status, change.new_end_date) == (
        Kind.END_DATE,
        ChangeRequest.Status.PENDING,
        new_end,
    )
    project.refresh_from_db()
    assert project.end_date != new_end, "nothing changes before the secretariat decides"
    entry = project.status_changes.get(action=Action.REQUEST_CHANGE)
    assert (entry.from_status, entry.to_status) == (State.IN_PROGRESS, State.IN_PROGRESS)
    assert change.request_entry == entry
    assert JUSTIFICATION in entry.comment
    (message,) = mail.outbox
    assert message.to == ["sekretariat@example.org"]
    assert message.subject == f"Endringssøknad: {project.title}"
    assert JUSTIFICATION in message.body
    assert reverse("admin:grants_changerequest_change", args=[change.pk]) in message.body
    assert "Til behandling" in page_text(hamar_client.get(follow_up_url(project)))


@pytest.mark.parametrize(
    ("kind", "values", "field", "message"),
    [
        ("sluttdato", {**END_DATE_FORM, "end_date": ""}, "end_date", "Oppgi den nye sluttdatoen."),
        (
            "sluttdato",
            {**END_DATE_FORM, "end_date": "2000-01-01"},
            "end_date",
            "Sluttdatoen må være etter startdatoen.",
        ),
        (
            "sluttdato",
            {**END_DATE_FORM, "end_date": "31.02.2030"},
            "end_date",
            "Oppgi en gyldig dato",
        ),
        (
            "sluttdato",
            {**END_DATE_FORM, "end_date": "31.12.9999"},
            "end_date",
            "Et prosjekt kan vare høyst ti år fra startdatoen",
        ),
        (
            "sluttdato",
            {**END_DATE_FORM, "justification": "  "},
            "justification",
            "Begrunn hvorfor prosjektet må endres.",
        ),
        (
            "prosjektleder",
            {**LEADER_FORM, "project_leader_email": "ikke-en-adresse"},
            "project_leader_email",
            "Oppgi en gyldig e-postadresse",
        ),
        (
            "prosjektleder",
            {**LEADER_FORM, "project_leader_name": ""},
            "project_leader_name",
            "Fyll ut dette feltet.",
        ),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_is_requested(
    hamar_client, project, kind, values, field, message
):
    response = hamar_client.post(request_url(project, kind), values)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Skjemaet har feil som må rettes" in page_text(response)
    assert nothing_requested(project)
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (
            {"cost": 1_200_000, "own": 500_000, "council": 500_000},
            "Finansieringsplanen (1 000 000 kr) må være lik kostnadsplanen (1 200 000 kr)",
        ),
        (
            {"cost": 1_200_000, "own": 600_000, "council": 600_000},
            "Søknadsbeløpet fra regionrådet må være lik tilskuddet, 500 000 kr, ikke 600 000 kr.",
        ),
        (
            {"cost": 900_000, "own": 400_000, "council": 500_000},
            "Søknadsbeløpet (500 000 kr) er over 50 % av prosjektets kostnad.",
        ),
        (
            {"cost": 1_000_000, "own": 500_000, "council": 500_000},
            "Budsjettet er det samme som før.",
        ),
    ],
    ids=["not balanced", "grant grows", "share over the call's", "unchanged"],
)
def test_a_revised_budget_that_breaks_the_plan_rules_is_refused_above_its_table(
    hamar_client, project, plan, message
):
    response = hamar_client.post(request_url(project, "budsjett"), budget(project, **plan))

    assert response.status_code == 200
    form = response.context["form"]
    shown = " ".join(form.table_errors["cost_lines"] + form.table_errors["funding_lines"])
    assert message in shown.replace("\xa0", " ")
    assert message in page_text(response).replace("\xa0", " ")
    assert nothing_requested(project)


def test_a_second_request_of_the_same_kind_waits_for_the_first(hamar_client, project):
    change_request(project)

    page = page_text(hamar_client.get(request_url(project, "sluttdato")))
    response = hamar_client.post(
        request_url(project, "sluttdato"),
        END_DATE_FORM,
        follow=True,
    )

    assert "allerede en endringssøknad om «ny sluttdato» til behandling" in page
    assert "allerede en endringssøknad" in page_text(response)
    assert ChangeRequest.objects.count() == 1


def test_only_the_owning_municipality_asks_and_an_anonymous_visitor_is_sent_to_the_login(
    client, loten_client, council_client, secretariat_client, project
):
    url = request_url(project, "sluttdato")
    data = END_DATE_FORM

    assert loten_client.get(url).status_code == 404
    assert loten_client.post(url, data).status_code == 404
    assert council_client.get(url).status_code == 404
    assert secretariat_client.post(url, data).status_code == 403
    assert loten_client.get(follow_up_url(project)).status_code == 404
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert nothing_requested(project)


def test_an_unknown_kind_of_change_is_not_found(hamar_client, project):
    assert hamar_client.get(request_url(project, "tilskudd")).status_code == 404
