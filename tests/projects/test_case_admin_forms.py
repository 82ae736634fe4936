"""The case actions' forms in admin: the comment, the recommendation and the decision,
each refused at its field when wrong."""

from datetime import date

import pytest

from projects.models import Decision, Recommendation
from projects.workflow import State
from tests.html import normalise, page_text
from tests.projects.case_admin_pages import APPROVE, DECISION, RECOMMEND, status_of, transition_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("action", "source"), [("return", State.SUBMITTED), ("return_report", State.REPORT_SUBMITTED)]
)
def test_returning_needs_a_comment(secretariat_client, make_case, action, source):
    application = make_case(source)

    response = secretariat_client.post(transition_url(application, action), {"comment": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "comment": ["Skriv en begrunnelse som søkeren får se."]
    }
    assert status_of(application) == source


def test_the_recommendation_is_stored_with_its_assessment_and_amount(
    secretariat_client, secretariat_user, make_case
):
    application = make_case(State.IN_REVIEW)

    secretariat_client.post(transition_url(application, "recommend"), RECOMMEND)

    recommendation = Recommendation.objects.get(application=application)
    assert recommendation.assessment == "Godt forankret i alle fire kommuner."
    assert recommendation.recommended_amount == 450_000
    assert recommendation.written_by == secretariat_user


def test_a_recommended_amount_over_the_amount_applied_is_refused_at_the_field(
    secretariat_client, make_case
):
    application = make_case(State.IN_REVIEW)

    response = secretariat_client.post(
        transition_url(application, "recommend"), {**RECOMMEND, "recommended_amount": "500001"}
    )

    assert response.status_code == 200
    assert (
        page_text(response).count(
            "Anbefalt beløp kan ikke være høyere enn søknadsbeløpet, 500 000 kr."
        )
        == 1
    )
    assert response.context["form"].has_error("recommended_amount")
    assert status_of(application) == State.IN_REVIEW
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize("amount", ["abc", "-5", "1,5", "9" * 30])
def test_an_amount_that_is_not_whole_kroner_is_refused_at_the_field(
    secretariat_client, make_case, amount
):
    application = make_case(State.IN_REVIEW)

    response = secretariat_client.post(
        transition_url(application, "recommend"), {**RECOMMEND, "recommended_amount": amount}
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("recommended_amount")
    assert status_of(application) == State.IN_REVIEW


def test_the_approval_is_stored_as_the_decision(secretariat_client, secretariat_user, make_case):
    application = make_case(State.RECOMMENDED)

    secretariat_client.post(transition_url(application, "approve"), APPROVE)

    decision = Decision.objects.get(application=application)
    assert decision.outcome == Decision.Outcome.APPROVED
    assert decision.granted_amount == 400_000
    assert decision.decided_on == date(2026, 11, 27)
    assert decision.case_number == "26/01234"
    assert decision.conditions == "Prosjektet skal nevne Hamarregionen IPR som bidragsyter."
    assert decision.decision_text == "Regionrådet innvilger søknaden."
    assert decision.report_due_on == date(2027, 12, 31)
    assert decision.recorded_by == secretariat_user


def test_the_rejection_form_asks_for_no_amount_and_stores_0_kr(secretariat_client, make_case):
    application = make_case(State.RECOMMENDED)

    form_page = secretariat_client.get(transition_url(application, "reject"))
    secretariat_client.post(
        transition_url(application, "reject"),
        {**DECISION, "granted_amount": "300000", "report_due_on": "2027-12-31"},
    )

    assert set(form_page.context["form"].fields) == {
        "decided_on",
        "meeting",
        "case_number",
        "conditions",
        "decision_text",
    }
    decision = Decision.objects.get(application=application)
    assert (decision.outcome, decision.granted_amount, decision.report_due_on) == (
        Decision.Outcome.REJECTED,
        0,
        None,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"case_number": ""}, "case_number", "Oppgi saksnummeret."),
        ({"decision_text": " "}, "decision_text", "Skriv vedtaksteksten."),
        ({"decided_on": "31.02.2026"}, "decided_on", "Skriv datoen som dd.mm.åååå"),
        ({"report_due_on": ""}, "report_due_on", "Sett en frist for sluttrapporten."),
        (
            {"report_due_on": "2026-11-27"},
            "report_due_on",
            "Fristen for sluttrapporten må være etter vedtaksdatoen.",
        ),
        (
            {"granted_amount": "500001"},
            "granted_amount",
            "Innvilget beløp kan ikke være høyere enn søknadsbeløpet, 500 000 kr.",
        ),
        ({"granted_amount": "0"}, "granted_amount", "Et innvilget tilskudd må være større"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_decision_with_a_fault_is_refused_at_its_field(
    secretariat_client, make_case, changes, field, message
):
    application = make_case(State.RECOMMENDED)

    response = secretariat_client.post(
        transition_url(application, "approve"), {**APPROVE, **changes}
    )

    assert response.status_code == 200
    assert message in normalise(" ".join(response.context["form"].errors[field]))
    assert message in page_text(response)
    assert status_of(application) == State.RECOMMENDED
    assert not Decision.objects.exists()
