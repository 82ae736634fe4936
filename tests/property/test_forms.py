"""Whatever is typed into a form of the portal, the answer is never a server error, and a post
that is refused stores nothing; a post that is accepted changes only what that form is for.

Each property posts through the test client as the user who meets the form: the applicant
(start, edit with its cost and financing tables, attachments, withdrawal, final report), anyone
(login, password reset) and the secretariat (funding call, case actions, payments).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import example, given
from hypothesis import strategies as st

from projects.forms import ApplicationForm
from projects.models import Application, CostLine, FundingLine
from projects.workflow import State
from tests.factories import (
    DEFAULT_PASSWORD,
    PDF_BYTES,
    FocusAreaFactory,
    case_in,
    complete_application,
    funded_project,
)
from tests.projects.edit_page import UnrenderedEditPage, edit_page_data, edit_url
from tests.property.conftest import (
    any_text,
    changed_tables,
    form_value,
    one_example,
    stored_rows,
)

pytestmark = pytest.mark.django_db

APPLICATION_M2M = {
    "Application.focus_areas",
    "Application.sub_themes",
    "Application.partner_municipalities",
    "Application.sustainable_development_goals",
}


def assert_stored(before, *, succeeded: bool, may_change: set) -> None:
    """A refused post stored nothing; an accepted one changed no table but `may_change`."""
    after = stored_rows()
    if succeeded:
        assert changed_tables(before, after) <= may_change
    else:
        assert changed_tables(before, after) == set()


def replaced(base: dict, changes: dict) -> dict:
    data = dict(base)
    data.update(changes)
    return data


def others_rows(application) -> tuple:
    """What is stored for every application but this one."""
    return (
        tuple(Application.objects.exclude(pk=application.pk).order_by("pk").values_list()),
        tuple(CostLine.objects.exclude(application=application).order_by("pk").values_list()),
        tuple(FundingLine.objects.exclude(application=application).order_by("pk").values_list()),
    )


# --- The applicant --------------------------------------------------------------------------


@pytest.fixture
def draft(hamar, hamar_user, loten):
    """Hamar's complete draft, and Løten's application next to it, which no post may touch."""
    complete_application(lead_municipality=loten)
    return complete_application(lead_municipality=hamar, created_by=hamar_user)


@given(
    municipality=st.one_of(form_value, st.sampled_from(["1", "2", "hamar"])),
    title=form_value,
    token=st.one_of(form_value, st.uuids().map(str)),
)
def test_the_start_form_never_fails_and_refused_input_stores_nothing(
    hamar_client, draft, municipality, title, token
):
    call = draft.funding_call
    url = reverse("projects:application-start", args=[call.slug])
    with one_example():
        before = stored_rows()
        response = hamar_client.post(
            url, {"municipality": municipality, "title": title, "creation_token": token}
        )
        assert response.status_code < 500
        succeeded = response.status_code == 302 and "/rediger/" in response["Location"]
        assert_stored(before, succeeded=succeeded, may_change={"Application", "StatusChange"})


# Every field of the edit page: the form's, the table rows' (stored and empty), the rows' ids and
# the management forms'.
EDIT_KEYS = sorted(
    {
        *ApplicationForm.Meta.fields,
        *(
            f"{prefix}-{row}-{field}"
            for prefix, fields in (
                ("cost", ("id", "item", "amount", "DELETE")),
                ("funding", ("id", "source", "description", "amount", "DELETE")),
            )
            for row in range(4)
            for field in fields
        ),
        *(
            f"{prefix}-{field}"
            for prefix in ("cost", "funding")
            for field in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
        ),
    }
)


@given(
    changes=st.dictionaries(st.sampled_from(EDIT_KEYS), form_value, max_size=6),
    submit=st.booleans(),
)
@example(changes={}, submit=True)
@example(changes={"title": "Nytt navn"}, submit=False)
@example(changes=dict.fromkeys(ApplicationForm.Meta.fields, "\x00"), submit=False)
@example(changes=dict.fromkeys(EDIT_KEYS, "9" * 40), submit=True)
@example(changes=dict.fromkeys(ApplicationForm.Meta.fields, "x" * 10_001), submit=False)
@example(changes={"start_date": "2026-02-30", "end_date": "99999-01-01"}, submit=False)
def test_the_edit_form_never_fails_and_saves_all_or_nothing(hamar_client, draft, changes, submit):
    base = edit_page_data(UnrenderedEditPage(draft), submit=submit)
    with one_example():
        before, others = stored_rows(), others_rows(draft)
        response = hamar_client.post(edit_url(draft), replaced(base, changes))
        assert response.status_code < 500
        saved = response.status_code == 302 and response["Location"] == edit_url(draft)
        submitted = response.status_code == 302 and response["Location"] == draft.get_absolute_url()
        if submitted:
            assert Application.objects.get(pk=draft.pk).status == State.SUBMITTED
        assert_stored(
            before,
            succeeded=saved or submitted,
            may_change={"Application", "CostLine", "FundingLine", "StatusChange", *APPLICATION_M2M},
        )
        assert others_rows(draft) == others


@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["own", "council", "other_public", "gave", ""]), form_value),
        min_size=1,
        max_size=4,
    ),
    costs=st.lists(form_value, min_size=1, max_size=4),
)
def test_the_tables_take_any_amounts_and_sources_without_failing(hamar_client, draft, rows, costs):
    base = edit_page_data(
        UnrenderedEditPage(draft),
        replace_lines=True,
        cost=[{"item": "Kostnad", "amount": amount} for amount in costs],
        funding=[{"source": s, "description": "", "amount": a} for s, a in rows],
    )
    with one_example():
        before = stored_rows()
        response = hamar_client.post(edit_url(draft), base)
        assert response.status_code < 500
        saved = response.status_code == 302 and response["Location"] == edit_url(draft)
        assert_stored(
            before,
            succeeded=saved,
            may_change={"Application", "CostLine", "FundingLine", *APPLICATION_M2M},
        )


file_names = st.one_of(
    any_text.filter(lambda name: name.strip(" \x00/\\.")),
    st.sampled_from(["vedlegg.pdf", "VEDLEGG.PDF", "a.exe.pdf", ".pdf", "x" * 300 + ".pdf"]),
)
file_bytes = st.one_of(st.binary(max_size=2_000), st.binary(max_size=200).map(PDF_BYTES.__add__))


@given(
    name=file_names,
    content=file_bytes,
    content_type=st.sampled_from(["application/pdf", "text/html", "application/octet-stream", ""]),
)
def test_any_upload_is_stored_whole_or_refused(hamar_client, draft, name, content, content_type):
    with one_example():
        before = stored_rows()
        upload = SimpleUploadedFile(name, content, content_type=content_type)
        response = hamar_client.post(
            reverse("projects:attachment-upload", args=[draft.pk]), {"file": upload}
        )
        assert response.status_code < 500
        stored = response.status_code == 302 and response["Location"] == edit_url(draft)
        assert_stored(before, succeeded=stored, may_change={"Attachment"})


@given(comment=form_value)
def test_withdrawing_with_any_comment_never_fails(hamar_client, draft, comment):
    with one_example():
        before = stored_rows()
        response = hamar_client.post(
            reverse("projects:application-withdraw", args=[draft.pk]), {"comment": comment}
        )
        assert response.status_code < 500
        withdrawn = Application.objects.get(pk=draft.pk).status == State.WITHDRAWN
        assert_stored(before, succeeded=withdrawn, may_change={"Application", "StatusChange"})


@pytest.fixture
def project(hamar, hamar_user):
    return funded_project(status=State.IN_PROGRESS, lead_municipality=hamar, created_by=hamar_user)


@given(
    results=form_value,
    actual_cost=st.one_of(form_value, st.integers(0, 10**6).map(str)),
    cost_comment=form_value,
    button=st.sampled_from(["save", "submit"]),
)
def test_the_final_report_never_fails_and_saves_all_or_nothing(
    hamar_client, project, results, actual_cost, cost_comment, button
):
    url = reverse("projects:final-report", args=[project.pk])
    with one_example():
        before = stored_rows()
        response = hamar_client.post(
            url,
            {
                "results": results,
                "actual_cost": actual_cost,
                "cost_comment": cost_comment,
                button: "",
            },
        )
        assert response.status_code < 500
        succeeded = response.status_code == 302 and response["Location"] in (
            url,
            project.get_absolute_url(),
        )
        assert_stored(
            before,
            succeeded=succeeded,
            may_change={"FinalReport", "Application", "StatusChange"},
        )


# --- Anyone: logging in and a new password --------------------------------------------------


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


# --- The secretariat in admin ---------------------------------------------------------------


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
        assert_stored(before, succeeded=response.status_code == 302, may_change={"FundingCall"})


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
