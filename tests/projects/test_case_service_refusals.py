"""The case rules live in the services: the admin pages and the applicant's pages call them and
show their refusals, with the messages the services write, and nothing is stored."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from projects.models import Decision, FinalReport, Payment, Recommendation, StatusChange
from projects.services import (
    TransitionNotAllowed,
    application_decide,
    application_recommend,
    final_report_save,
    payment_refusal,
    transition_refusal,
)
from projects.workflow import Action, State
from tests.factories import case_in
from tests.html import element_text

pytestmark = pytest.mark.django_db

DECISION = {
    "outcome": Decision.Outcome.APPROVED,
    "granted_amount": 400_000,
    "decided_on": date(2026, 11, 27),
    "case_number": "26/01234",
    "decision_text": "Regionrådet innvilger søknaden.",
    "report_due_on": date(2027, 12, 31),
}


@pytest.fixture
def make_case(secretariat_user, hamar, hamar_user):
    def make(state):
        return case_in(
            state, secretariat=secretariat_user, lead_municipality=hamar, created_by=hamar_user
        )

    return make


def change_url(application):
    return reverse("admin:projects_application_change", args=[application.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_decision_refuses_a_report_deadline_not_after_the_decision(make_case, secretariat_user):
    application = make_case(State.RECOMMENDED)

    with pytest.raises(ValidationError) as refused:
        application_decide(
            application=application,
            user=secretariat_user,
            **{**DECISION, "report_due_on": DECISION["decided_on"]},
        )

    assert refused.value.message_dict == {
        "report_due_on": ["Fristen for sluttrapporten må være etter vedtaksdatoen."]
    }
    assert not Decision.objects.exists()


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_a_grant_of_no_kroner_is_refused_at_the_field_by_the_service(
    secretariat_client, make_case, amount
):
    application = make_case(State.RECOMMENDED)
    url = reverse("admin:projects_application_transition", args=[application.pk, "approve"])
    data = {
        "decided_on": "27.11.2026",
        "case_number": "26/01234",
        "decision_text": "Regionrådet innvilger søknaden.",
        "granted_amount": amount,
        "report_due_on": "2027-12-31",
    }

    response = secretariat_client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["granted_amount"] == [
        "Et innvilget tilskudd må være større enn 0 kr."
    ]
    assert not Decision.objects.exists()


def test_the_status_is_refused_before_the_fields(make_case, secretariat_user):
    application = make_case(State.SUBMITTED)

    with pytest.raises(TransitionNotAllowed):
        application_decide(
            application=application, user=secretariat_user, **{**DECISION, "case_number": ""}
        )
    with pytest.raises(TransitionNotAllowed):
        application_recommend(
            application=application,
            user=secretariat_user,
            assessment="",
            recommended_amount=-1,
        )
    assert not Decision.objects.exists()
    assert not Recommendation.objects.exists()


def test_an_action_the_status_does_not_allow_is_not_offered_as_a_form(
    secretariat_client, make_case
):
    application = make_case(State.SUBMITTED)
    url = reverse("admin:projects_application_transition", args=[application.pk, "approve"])

    response = secretariat_client.get(url, follow=True)

    assert response.redirect_chain == [(change_url(application), 302)]
    assert messages_of(response) == [
        str(transition_refusal(application=application, action=Action.APPROVE))
    ]


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_a_payment_of_no_kroner_is_refused_at_the_field_by_the_service(
    secretariat_client, make_case, amount
):
    application = make_case(State.ACCEPTED)
    url = reverse("admin:projects_application_payment", args=[application.pk])

    response = secretariat_client.post(url, {"amount": amount, "paid_on": "01.12.2026"})

    assert response.status_code == 200
    assert "En utbetaling må være større enn 0 kr." in element_text(response, "content")
    assert not Payment.objects.exists()


def test_the_payment_page_of_an_application_without_a_grant_goes_back_with_the_services_message(
    secretariat_client, make_case
):
    application = make_case(State.REJECTED)
    url = reverse("admin:projects_application_payment", args=[application.pk])

    response = secretariat_client.get(url, follow=True)

    assert response.redirect_chain == [(change_url(application), 302)]
    assert messages_of(response) == payment_refusal(application=application).messages
    assert "bare innvilgede tilskudd kan utbetales" in messages_of(response)[0]


def test_a_closed_final_report_is_refused_by_the_service(make_case, hamar_user, loten_user):
    application = make_case(State.REPORT_SUBMITTED)
    before = list(FinalReport.objects.values())

    with pytest.raises(ValidationError) as refused:
        final_report_save(application=application, user=hamar_user, results="x", actual_cost=1)
    with pytest.raises(PermissionDenied):
        final_report_save(application=application, user=loten_user, results="x", actual_cost=1)

    assert refused.value.messages == ["Sluttrapporten kan ikke endres nå."]
    assert list(FinalReport.objects.values()) == before


def test_only_the_applicant_may_start_the_project_which_the_service_decides(
    make_case, council_client
):
    # A council member sees an open case, so the view lets the post through to the service.
    application = make_case(State.RECOMMENDED)
    steps = StatusChange.objects.filter(application=application).count()

    response = council_client.post(reverse("projects:project-start", args=[application.pk]))

    assert response.status_code == 403
    assert StatusChange.objects.filter(application=application).count() == steps
