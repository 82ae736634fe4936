"""A call's grants stay within its budget frame, and a grant's payments within the grant: both
to the krone, refused with a message that says by how much."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Decision, Payment
from projects.services import call_budget, payment_register
from projects.workflow import State
from tests.admin_forms import admin_form_data
from tests.factories import FundingCallFactory, case_in
from tests.html import element_text, normalise, page_text

pytestmark = pytest.mark.django_db

DECISION = {
    "decided_on": "27.11.2026",
    "case_number": "26/01234",
    "conditions": "",
    "decision_text": "Regionrådet innvilger søknaden.",
    "report_due_on": "31.12.2027",
}


@pytest.fixture
def call(db):
    """A frame of 900 000 kr; each application may ask for at most 500 000 kr."""
    return FundingCallFactory(budget_frame=900_000, max_amount=500_000)


@pytest.fixture
def make_case(secretariat_user, call, hamar, hamar_user):
    def make(state, **fields):
        fields.setdefault("funding_call", call)
        return case_in(
            state,
            secretariat=secretariat_user,
            lead_municipality=hamar,
            created_by=hamar_user,
            **fields,
        )

    return make


def approve(client, application, granted_amount):
    return client.post(
        reverse("admin:projects_application_transition", args=[application.pk, "approve"]),
        {**DECISION, "granted_amount": str(granted_amount)},
    )


def pay(client, application, amount, paid_on="01.12.2026", reference="Bilag 17"):
    return client.post(
        reverse("admin:projects_application_payment", args=[application.pk]),
        {"amount": str(amount), "paid_on": paid_on, "reference": reference},
    )


def field_errors(response, field):
    return normalise(" ".join(response.context["form"].errors.get(field, [])))


# --- The budget frame ---------------------------------------------------------------------------


def test_granting_exactly_the_rest_of_the_frame_passes(secretariat_client, make_case):
    make_case(State.APPROVED, granted=500_000)
    application = make_case(State.RECOMMENDED)

    response = approve(secretariat_client, application, 400_000)

    assert response.status_code == 302
    assert Decision.objects.get(application=application).granted_amount == 400_000
    assert call_budget(application.funding_call)["left"] == 0


def test_granting_1_kr_over_the_frame_is_refused_and_says_1_kr(secretariat_client, make_case):
    make_case(State.APPROVED, granted=500_000)
    application = make_case(State.RECOMMENDED)

    response = approve(secretariat_client, application, 400_001)

    assert response.status_code == 200
    message = "Tilsagnene i utlysningen blir da 900 001 kr, som er 1 kr over rammen på 900 000 kr."
    assert field_errors(response, "granted_amount") == message
    assert message in page_text(response)
    assert not Decision.objects.filter(application=application).exists()
    assert application.__class__.objects.get(pk=application.pk).status == State.RECOMMENDED


def test_rejections_do_not_use_the_frame(secretariat_client, make_case):
    make_case(State.REJECTED)
    make_case(State.APPROVED, granted=400_000)
    application = make_case(State.RECOMMENDED)

    response = approve(secretariat_client, application, 500_000)

    assert response.status_code == 302
    assert call_budget(application.funding_call)["granted"] == 900_000


def test_the_decision_page_shows_what_is_left_of_the_frame(secretariat_client, make_case):
    make_case(State.APPROVED, granted=500_000)
    application = make_case(State.RECOMMENDED, recommended=450_000)

    response = secretariat_client.get(
        reverse("admin:projects_application_transition", args=[application.pk, "approve"])
    )

    budget = element_text(response, "content-main")
    assert "Anbefalt beløp: 450 000 kr" in budget
    assert "900 000 kr 950 000 kr 500 000 kr 0 kr 400 000 kr" in budget
    assert response.context["form"]["granted_amount"].value() == 450_000


# --- Payments -----------------------------------------------------------------------------------


def test_paying_exactly_what_remains_passes(secretariat_client, secretariat_user, make_case):
    application = make_case(State.ACCEPTED, granted=400_000)

    first = pay(secretariat_client, application, "150 000")
    last = pay(secretariat_client, application, 250_000, reference="")

    assert (first.status_code, last.status_code) == (302, 302)
    payments = Payment.objects.filter(application=application).order_by("pk")
    assert [(p.amount, p.reference, p.recorded_by) for p in payments] == [
        (150_000, "Bilag 17", secretariat_user),
        (250_000, "", secretariat_user),
    ]
    assert application.remaining_amount() == 0


def test_paying_1_kr_more_than_remains_is_refused_and_says_by_how_much(
    secretariat_client, make_case
):
    application = make_case(State.ACCEPTED, granted=400_000)
    pay(secretariat_client, application, 150_000)

    response = pay(secretariat_client, application, 250_001)

    assert response.status_code == 200
    message = "Utbetalingen er 1 kr mer enn det som gjenstår av tilsagnet (250 000 kr)."
    assert field_errors(response, "amount") == message
    assert message in page_text(response)
    assert Payment.objects.filter(application=application).count() == 1


def test_the_payment_page_shows_granted_paid_and_left(secretariat_client, make_case):
    application = make_case(State.IN_PROGRESS, granted=400_000)
    pay(secretariat_client, application, 150_000)

    response = secretariat_client.get(
        reverse("admin:projects_application_payment", args=[application.pk])
    )

    text = element_text(response, "content-main")
    assert "Innvilget Utbetalt Gjenstår 400 000 kr 150 000 kr 250 000 kr" in text
    assert "01.12.2026 150 000 kr Bilag 17" in text


def test_the_success_message_says_what_is_left(secretariat_client, make_case):
    application = make_case(State.ACCEPTED, granted=400_000)

    response = secretariat_client.post(
        reverse("admin:projects_application_payment", args=[application.pk]),
        {"amount": "100000", "paid_on": "2026-12-01"},
        follow=True,
    )

    assert [normalise(str(m)) for m in response.context["messages"]] == [
        "Utbetalingen på 100 000 kr er registrert. Gjenstår av tilsagnet: 300 000 kr."
    ]
    assert "Innvilget Utbetalt Gjenstår 400 000 kr 100 000 kr 300 000 kr" in element_text(
        response, "utbetalinger"
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"amount": "0", "paid_on": "01.12.2026"}, "amount"),
        ({"amount": "tusen", "paid_on": "01.12.2026"}, "amount"),
        ({"amount": "100", "paid_on": "32.12.2026"}, "paid_on"),
        ({"amount": "100", "paid_on": ""}, "paid_on"),
        ({"amount": "100", "paid_on": "01.12.2026", "reference": "x" * 101}, "reference"),
    ],
    ids=["zero", "words", "bad-date", "no-date", "long-reference"],
)
def test_a_bad_payment_is_refused_at_its_field(secretariat_client, make_case, data, field):
    application = make_case(State.ACCEPTED, granted=400_000)

    response = secretariat_client.post(
        reverse("admin:projects_application_payment", args=[application.pk]), data
    )

    assert response.status_code == 200
    assert response.context["form"].has_error(field)
    assert not Payment.objects.exists()


@pytest.mark.parametrize("state", [State.RECOMMENDED, State.REJECTED], ids=str)
def test_an_application_without_a_grant_cannot_be_paid(secretariat_client, make_case, state):
    application = make_case(state)
    url = reverse("admin:projects_application_payment", args=[application.pk])

    response = secretariat_client.post(
        url, {"amount": "1000", "paid_on": "01.12.2026"}, follow=True
    )

    assert response.redirect_chain == [
        (reverse("admin:projects_application_change", args=[application.pk]), 302)
    ]
    assert "bare innvilgede tilskudd kan utbetales" in page_text(response)
    assert not Payment.objects.exists()


# --- The budget of each call in the list --------------------------------------------------------


def test_the_call_list_shows_each_calls_budget(secretariat_client, secretariat_user, make_case):
    funded = make_case(State.IN_PROGRESS, granted=400_000)
    payment_register(
        application=funded, user=secretariat_user, amount=100_000, paid_on=date(2026, 12, 1)
    )
    make_case(State.RECOMMENDED, recommended=300_000)
    other = FundingCallFactory(title="Tom utlysning", budget_frame=1_000_000)

    response = secretariat_client.get(reverse("admin:projects_fundingcall_changelist"))

    assert response.status_code == 200
    rows = {call.pk: call for call in response.context["cl"].result_list}
    budget = call_budget(funded.funding_call)
    assert budget == {
        "frame": 900_000,
        "recommended": 800_000,
        "granted": 400_000,
        "paid": 100_000,
        "left": 500_000,
    }
    row = rows[funded.funding_call.pk]
    assert (row.recommended_sum, row.granted_sum, row.paid_sum, row.left_sum) == (
        800_000,
        400_000,
        100_000,
        500_000,
    )
    assert (rows[other.pk].granted_sum, rows[other.pk].left_sum) == (0, 1_000_000)
    text = page_text(response)
    assert "900 000 kr 800 000 kr 400 000 kr 100 000 kr 500 000 kr" in text
    assert "1 000 000 kr 0 kr 0 kr 0 kr 1 000 000 kr" in text


def test_the_call_list_takes_as_many_queries_for_many_calls_as_for_one(
    secretariat_client, make_case, django_assert_max_num_queries
):
    make_case(State.APPROVED)
    url = reverse("admin:projects_fundingcall_changelist")
    secretariat_client.get(url)
    with CaptureQueriesContext(connection) as one:
        secretariat_client.get(url)
    for _ in range(4):
        make_case(State.APPROVED, funding_call=FundingCallFactory())

    with django_assert_max_num_queries(len(one)):
        response = secretariat_client.get(url)

    assert len(response.context["cl"].result_list) == 5


def test_the_frame_cannot_be_lowered_below_what_is_granted(secretariat_client, make_case):
    application = make_case(State.APPROVED, granted=400_000)
    call = application.funding_call
    url = reverse("admin:projects_fundingcall_change", args=[call.pk])
    form = secretariat_client.get(url)

    def post(frame):
        return secretariat_client.post(
            url,
            admin_form_data(
                form,
                budget_frame=str(frame),
                max_amount="300000",
                opens_at_0=form.context["adminform"].form["opens_at"].value().strftime("%d.%m.%Y"),
                opens_at_1="00:00",
                closes_at_0=form.context["adminform"]
                .form["closes_at"]
                .value()
                .strftime("%d.%m.%Y"),
                closes_at_1="12:00",
            ),
        )

    refused = post(399_999)
    accepted = post(400_000)

    assert refused.status_code == 200
    assert normalise(" ".join(refused.context["adminform"].form.errors["budget_frame"])) == (
        "Rammen kan ikke være lavere enn det som allerede er innvilget i utlysningen, 400 000 kr."
    )
    assert accepted.status_code == 302
    call.refresh_from_db()
    assert call.budget_frame == 400_000
