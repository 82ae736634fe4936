"""Whatever is typed into a form of the portal, the answer is never a server error, and a post
that is refused stores nothing; a post that is accepted changes only what that form is for.

Each property posts through the test client as the applicant who meets the form: start, edit
with its cost and financing tables, attachments, withdrawal, final report. The account and
admin forms are in test_forms_admin.py.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from projects.forms import ApplicationForm
from projects.models import Application, CostLine, FundingLine
from projects.workflow import State
from tests.factories import PDF_BYTES, complete_application, funded_project
from tests.projects.edit_page import UnrenderedEditPage, edit_page_data, edit_url
from tests.property.conftest import any_text, form_value, one_example, stored_rows
from tests.property.form_checks import assert_stored, replaced

pytestmark = pytest.mark.django_db


APPLICATION_M2M = {
    "Application.focus_areas",
    "Application.sub_themes",
    "Application.partner_municipalities",
    "Application.sustainable_development_goals",
}


def others_rows(application) -> tuple:
    """What is stored for every application but this one."""
    return (
        tuple(Application.objects.exclude(pk=application.pk).order_by("pk").values_list()),
        tuple(CostLine.objects.exclude(application=application).order_by("pk").values_list()),
        tuple(FundingLine.objects.exclude(application=application).order_by("pk").values_list()),
    )


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
