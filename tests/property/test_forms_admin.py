"""Property tests of the account forms and the secretariat's admin forms: whatever is
posted, they never fail and refused input stores nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import example, given
from hypothesis import strategies as st

from projects.workflow import State
from tests.factories import DEFAULT_PASSWORD, FocusAreaFactory, case_in
from tests.property.conftest import any_text, form_value, one_example, stored_rows
from tests.property.form_checks import assert_stored, replaced

pytestmark = pytest.mark.django_db


@given(
    username=st.one_of(form_value, st.just("hamar-saksbehandler")),
    password=st.one_of(form_value, st.just(DEFAULT_PASSWORD)),
)
def test_the_login_form_never_fails(client, hamar_user, username, password):
    with one_example():
        response = client.post(reverse("login"), {"username": username, "password": password})
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert (username, password) == ("hamar-saksbehandler", DEFAULT_PASSWORD)


@given(email=st.one_of(form_value, st.just("hamar-saksbehandler@example.org")))
def test_the_password_reset_form_never_fails(client, hamar_user, email):
    with one_example():
        response = client.post(reverse("password_reset"), {"email": email})
        assert response.status_code in (200, 302)


@given(
    uidb64=any_text.filter(lambda s: s and "/" not in s),
    token=any_text.filter(lambda s: s and "/" not in s),
)
def test_a_password_reset_link_with_anything_in_it_never_fails(client, hamar_user, uidb64, token):
    url = reverse("password_reset_confirm", args=[uidb64, token])
    assert client.get(url).status_code in (200, 302, 404)
    assert client.post(url, {"new_password1": "x", "new_password2": "x"}).status_code in (
        200,
        302,
        404,
    )


@given(first=form_value, second=st.one_of(form_value, st.just(None)))
def test_the_new_password_form_never_fails(hamar_user, first, second):
    with one_example():
        # Read again: an earlier example may have changed the password (since rolled back).
        user = get_user_model().objects.get(pk=hamar_user.pk)
        link = reverse(
            "password_reset_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(user.pk)),
                default_token_generator.make_token(user),
            ],
        )
        client = Client()
        form_url = client.get(link)["Location"]
        response = client.post(
            form_url, {"new_password1": first, "new_password2": first if second is None else second}
        )
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            user.refresh_from_db()
            assert user.check_password(DEFAULT_PASSWORD)


CALL_FIELDS = [
    "programme",
    "title",
    "slug",
    "is_published",
    "opens_at_0",
    "opens_at_1",
    "closes_at_0",
    "closes_at_1",
    "budget_frame",
    "max_amount",
    "max_share_percent",
    "description",
    "focus_areas",
]


@pytest.fixture
def call_add_page(secretariat_client):
    focus_area = FocusAreaFactory()
    url = reverse("admin:projects_fundingcall_add")
    base = {
        "programme": str(focus_area.programme.pk),
        "title": "Utviklingsmidler 2099",
        "slug": "utviklingsmidler-2099",
        "is_published": "on",
        "opens_at_0": "01.02.2099",
        "opens_at_1": "08:00",
        "closes_at_0": "27.11.2099",
        "closes_at_1": "12:00",
        "budget_frame": "2000000",
        "max_amount": "500000",
        "max_share_percent": "50",
        "description": "Søk om **midler**.",
        "focus_areas": [str(focus_area.pk)],
        # The criteria inline, empty: the call gets the standard criteria.
        "assessment_criteria-TOTAL_FORMS": "0",
        "assessment_criteria-INITIAL_FORMS": "0",
    }
    return url, base


@given(changes=st.dictionaries(st.sampled_from(CALL_FIELDS), form_value, max_size=4))
@example(changes={})
@example(changes=dict.fromkeys(CALL_FIELDS, "\x00"))
@example(changes=dict.fromkeys(CALL_FIELDS, "9" * 40))
@example(changes={"opens_at_0": "30.02.2026", "closes_at_0": "31.12.9999", "closes_at_1": "23:59"})
def test_the_funding_call_form_never_fails_and_refused_input_stores_nothing(
    secretariat_client, call_add_page, changes
):
    url, base = call_add_page
    with one_example():
        before = stored_rows()
        response = secretariat_client.post(url, replaced(base, changes))
        assert response.status_code in (200, 302)
        assert_stored(
            before,
            succeeded=response.status_code == 302,
            may_change={"FundingCall", "AssessmentCriterion"},
        )


def case_url(application, action):
    return reverse("admin:projects_application_transition", args=[application.pk, action])


# (action, the state it starts from, the fields of its form, the tables it writes)
CASE_FORMS = [
    ("start_review", State.SUBMITTED, ["comment"], {"Application", "StatusChange"}),
    ("return", State.IN_REVIEW, ["comment"], {"Application", "StatusChange"}),
    (
        "recommend",
        State.IN_REVIEW,
        ["assessment", "recommended_amount"],
        {"Recommendation", "Application", "StatusChange"},
    ),
    (
        "approve",
        State.RECOMMENDED,
        [
            "granted_amount",
            "decided_on",
            "case_number",
            "conditions",
            "decision_text",
            "report_due_on",
        ],
        {"Decision", "Application", "StatusChange"},
    ),
    (
        "reject",
        State.RECOMMENDED,
        ["decided_on", "case_number", "conditions", "decision_text"],
        {"Decision", "Application", "StatusChange"},
    ),
]

VALID_CASE_DATA = {
    "comment": "Vi trenger mer om budsjettet.",
    "assessment": "Prosjektet passer godt.",
    "recommended_amount": "400 000",
    "granted_amount": "400000",
    "decided_on": "27.11.2026",
    "case_number": "26/00042",
    "conditions": "",
    "decision_text": "Regionrådet innvilger.",
    "report_due_on": "27.11.2027",
}


@pytest.mark.parametrize(
    ("action", "state", "fields", "writes"), CASE_FORMS, ids=[c[0] for c in CASE_FORMS]
)
def test_the_case_forms_never_fail_and_refused_input_stores_nothing(
    secretariat_client, secretariat_user, action, state, fields, writes
):
    application = case_in(state, secretariat=secretariat_user)
    base = {field: VALID_CASE_DATA[field] for field in fields}

    @given(changes=st.dictionaries(st.sampled_from(fields), form_value, max_size=len(fields)))
    def post_case_form(changes):
        with one_example():
            before = stored_rows()
            response = secretariat_client.post(
                case_url(application, action), replaced(base, changes)
            )
            assert response.status_code in (200, 302)
            assert_stored(before, succeeded=response.status_code == 302, may_change=writes)

    post_case_form()


@pytest.fixture
def approved_case(secretariat_user):
    return case_in(State.APPROVED, secretariat=secretariat_user)


@given(
    amount=st.one_of(form_value, st.integers(1, 500_000).map(str)),
    paid_on=form_value,
    reference=form_value,
)
def test_the_payment_form_never_fails_and_refused_input_stores_nothing(
    secretariat_client, approved_case, amount, paid_on, reference
):
    url = reverse("admin:projects_application_payment", args=[approved_case.pk])
    with one_example():
        before = stored_rows()
        response = secretariat_client.post(
            url, {"amount": amount, "paid_on": paid_on, "reference": reference}
        )
        assert response.status_code in (200, 302)
        assert_stored(before, succeeded=response.status_code == 302, may_change={"Payment"})
