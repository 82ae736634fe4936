"""Garbage posted to the applicant's forms is refused with a message, never a 500, and
writes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from projects.models import Application, CostLine, Municipality
from tests.conftest import make_hamar_user
from tests.factories import (
    PDF_BYTES,
    ApplicationFactory,
    CostLineFactory,
    SubThemeFactory,
    complete_application,
)
from tests.projects.edit_page import UnrenderedEditPage, edit_page_data, edit_url
from tests.projects.garbage import HUGE, LONG, NUL, everything_stored

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture(scope="module")
def kept_draft(django_db_setup, django_db_blocker, tmp_path_factory):
    """Hamar's case officer and their complete draft, made once for the module the way Django's
    TestCase.setUpTestData makes rows: in a transaction each test's own runs inside (as a
    savepoint, so what a test writes is rolled back), rolled back after the module."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")),
    ):
        hamar = Municipality.objects.get(slug="hamar")
        yield complete_application(lead_municipality=hamar, created_by=make_hamar_user(hamar))
        transaction.set_rollback(True)


@pytest.fixture
def hamar_user(kept_draft, db):
    return User.objects.get(pk=kept_draft.created_by_id)


@pytest.fixture
def draft(kept_draft, db):
    """Read again for each test: one test's changes to the object never reach the next."""
    return Application.objects.get(pk=kept_draft.pk)


@pytest.fixture
def edit_page(draft):
    return UnrenderedEditPage(draft)


class Elsewhere:
    """Ids of objects that exist but do not belong to the application, made when asked for."""

    def __init__(self, application):
        self.application = application

    def __getitem__(self, name):
        if name == "lead":
            return str(self.application.lead_municipality_id)
        if name in ("focus_area", "sub_theme"):
            sub_theme = SubThemeFactory()
            return str(sub_theme.pk if name == "sub_theme" else sub_theme.theme.focus_area_id)
        if name == "foreign_cost":
            return str(CostLineFactory().pk)
        if name == "foreign_application":
            return str(ApplicationFactory().pk)
        raise KeyError(name)


# Each case turns the browser's data for the edit page into garbage: (id, function(data, ctx)).
# ctx gives ids of objects that exist but do not belong here.
def drop_management_forms(data, ctx):
    for key in [k for k in data if "_FORMS" in k]:
        del data[key]


def put(**values):
    def change(data, ctx):
        data.update({k: v(ctx) if callable(v) else v for k, v in values.items()})

    return change


def empty(data, ctx):
    data.clear()


EDIT_GARBAGE = [
    ("empty-post", empty),
    ("no-management-forms", drop_management_forms),
    ("total-forms-not-a-number", put(**{"cost-TOTAL_FORMS": "mange"})),
    ("total-forms-over-the-most", put(**{"cost-TOTAL_FORMS": "101"})),
    ("initial-forms-more-than-stored", put(**{"cost-INITIAL_FORMS": "7"})),
    ("initial-forms-nul", put(**{"funding-INITIAL_FORMS": "\x00"})),
    ("amount-not-a-number", put(**{"cost-1-item": "Leie", "cost-1-amount": "tusen"})),
    ("amount-negative", put(**{"cost-1-item": "Leie", "cost-1-amount": "-5"})),
    ("amount-huge", put(**{"cost-1-item": "Leie", "cost-1-amount": HUGE})),
    ("amount-over-a-trillion", put(**{"cost-1-item": "Leie", "cost-1-amount": str(10**12 + 1)})),
    ("amount-decimal", put(**{"funding-2-source": "own", "funding-2-amount": "1,5"})),
    ("amount-with-spaces", put(**{"funding-2-source": "own", "funding-2-amount": "1 000"})),
    ("amount-exponent", put(**{"cost-1-item": "Leie", "cost-1-amount": "1e6"})),
    ("amount-nul", put(**{"cost-1-item": "Leie", "cost-1-amount": "1\x00"})),
    ("date-30-february", put(start_date="2026-02-30")),
    ("date-norwegian-nonsense", put(end_date="31.13.2027")),
    ("date-year-zero", put(start_date="0000-01-01")),
    ("date-year-99999", put(end_date="99999-01-01")),
    ("date-nul", put(start_date="2027-01-01\x00")),
    ("phase-unknown", put(phase="fase-4")),
    ("source-unknown", put(**{"funding-2-source": "gave", "funding-2-amount": "5"})),
    ("focus-area-missing-id", put(focus_areas=["999999"])),
    ("focus-area-not-a-number", put(focus_areas=["abc"])),
    ("focus-area-of-another-programme", put(focus_areas=lambda ctx: [ctx["focus_area"]])),
    ("sub-theme-of-another-programme", put(sub_themes=lambda ctx: [ctx["sub_theme"]])),
    ("goal-unknown", put(sustainable_development_goals=["18"])),
    ("partner-is-the-lead", put(partner_municipalities=lambda ctx: [ctx["lead"]])),
    ("partner-nul", put(partner_municipalities=["\x00"])),
    ("cost-row-id-garbage", put(**{"cost-0-id": "abc"})),
    ("cost-row-id-huge", put(**{"cost-0-id": HUGE})),
    (
        "cost-row-to-another-application",
        put(**{"cost-0-application": lambda ctx: ctx["foreign_application"]}),
    ),
    ("title-10000-characters", put(title=LONG)),
    ("summary-10000-characters", put(summary=LONG)),
    ("leader-name-10000-characters", put(project_leader_name=LONG)),
    ("cost-item-10000-characters", put(**{"cost-1-item": LONG, "cost-1-amount": "1"})),
    ("email-not-an-address", put(contact_email="ikke en adresse")),
    ("title-with-nul", put(title=NUL)),
    ("background-with-nul", put(background="bakgrunn\x00")),
    ("cost-item-with-nul", put(**{"cost-1-item": "\x00", "cost-1-amount": "1"})),
    ("title-empty", put(title="")),
    ("end-before-start", put(start_date="2027-05-01", end_date="2027-04-30")),
]


@pytest.mark.parametrize(("case", "spoil"), EDIT_GARBAGE, ids=[c for c, _ in EDIT_GARBAGE])
def test_garbage_on_the_edit_page_is_refused_without_error_and_writes_nothing(
    hamar_client, draft, edit_page, case, spoil
):
    # «Send inn» is pressed: the most that could be written. (Saving a draft checks the same
    # form, formsets and management forms before anything else happens.)
    data = edit_page_data(edit_page, submit=True)
    spoil(data, Elsewhere(draft))
    before = everything_stored(draft)

    response = hamar_client.post(edit_url(draft), data)

    assert response.status_code < 500
    assert response.status_code == 200, "garbage must come back as a form with errors"
    assert everything_stored(draft) == before


@pytest.mark.parametrize("field", ["focus_areas", "sub_themes"])
def test_an_id_too_large_for_the_database_is_a_form_error(hamar_client, draft, edit_page, field):
    before = everything_stored(draft)

    response = hamar_client.post(edit_url(draft), edit_page_data(edit_page, **{field: [HUGE]}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert everything_stored(draft) == before


def test_a_huge_row_count_is_capped_at_the_most_rows_a_table_may_have(
    hamar_client, draft, edit_page
):
    data = edit_page_data(edit_page, **{"cost-TOTAL_FORMS": "100000"})

    response = hamar_client.post(edit_url(draft), data)

    assert response.status_code == 200
    assert len(response.context["cost_formset"].forms) <= 100


# Management forms that read as fewer rows, or a row id from another application: Django's
# formsets leave the stored rows alone rather than refuse, so the rest of the page may be saved.
EDIT_IGNORED = [
    ("total-forms-negative", put(**{"cost-TOTAL_FORMS": "-1"})),
    ("initial-forms-more-than-total", put(**{"cost-INITIAL_FORMS": "9", "cost-TOTAL_FORMS": "1"})),
    ("cost-row-of-another-application", put(**{"cost-0-id": lambda ctx: ctx["foreign_cost"]})),
    (
        "delete-a-row-of-another-application",
        put(**{"cost-0-id": lambda ctx: ctx["foreign_cost"], "cost-0-DELETE": "on"}),
    ),
    (
        "change-a-row-of-another-application",
        put(**{"cost-0-id": lambda ctx: ctx["foreign_cost"], "cost-0-amount": "1"}),
    ),
]


@pytest.mark.parametrize(("case", "spoil"), EDIT_IGNORED, ids=[c for c, _ in EDIT_IGNORED])
def test_odd_row_data_on_the_edit_page_leaves_every_stored_row_alone(
    hamar_client, draft, edit_page, case, spoil
):
    foreign = CostLineFactory(item="Løtens kostnad", amount=123)
    ctx = {"foreign_cost": str(foreign.pk)}
    data = edit_page_data(edit_page)
    spoil(data, ctx)
    before = everything_stored(draft)

    response = hamar_client.post(edit_url(draft), data)

    assert response.status_code < 500
    after = everything_stored(draft)
    for key in ("cost", "funding", "title", "summary", "start_date", "end_date"):
        assert after[key] == before[key]
    assert list(
        CostLine.objects.filter(pk=foreign.pk).values_list("application", "item", "amount")
    ) == [(foreign.application_id, "Løtens kostnad", 123)]


def test_unicode_text_is_stored_and_shown_as_typed(hamar_client, draft, edit_page):
    title = "Ærlig søknad – «Mjøsa» 🙂 \u202ehøyre-til-venstre\u202c 日本"

    response = hamar_client.post(edit_url(draft), edit_page_data(edit_page, title=title))

    assert response.status_code == 302
    assert Application.objects.get(pk=draft.pk).title == title
    assert title in hamar_client.get(draft.get_absolute_url()).content.decode()


def test_html_typed_into_a_field_is_shown_as_text(hamar_client, draft, edit_page):
    title = "<script>alert('x')</script>"

    hamar_client.post(edit_url(draft), edit_page_data(edit_page, title=title))

    page = hamar_client.get(draft.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


START_GARBAGE = [
    ("empty-post", {}),
    ("municipality-not-a-number", {"municipality": "Hamar"}),
    ("municipality-missing-id", {"municipality": "999999"}),
    ("municipality-huge-id", {"municipality": HUGE}),
    ("municipality-nul", {"municipality": "\x00"}),
    ("municipality-not-the-users", {"municipality": "loten"}),
    ("title-empty", {"title": ""}),
    ("title-10000-characters", {"title": LONG}),
    ("title-nul", {"title": NUL}),
    ("token-not-a-uuid", {"creation_token": "ikke-en-uuid"}),
    ("token-nul", {"creation_token": "\x00"}),
    ("token-missing", {"creation_token": None}),
    ("token-10000-characters", {"creation_token": LONG}),
]


@pytest.mark.parametrize(("case", "changes"), START_GARBAGE, ids=[c for c, _ in START_GARBAGE])
def test_garbage_on_the_start_form_is_refused_without_error_and_creates_nothing(
    hamar_client, hamar, loten, case, changes
):
    call = complete_application().funding_call
    url = reverse("projects:application-start", args=[call.slug])
    page = hamar_client.get(url)
    data = {
        "municipality": str(hamar.pk),
        "title": "Et prosjekt",
        "creation_token": str(page.context["form"]["creation_token"].value()),
    }
    if changes == {}:
        data = {}
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = str(loten.pk) if value == "loten" else value
    before = Application.objects.count()

    response = hamar_client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Application.objects.count() == before


def test_start_for_a_call_that_does_not_exist_is_404(hamar_client):
    url = reverse("projects:application-start", args=["finnes-ikke"])

    assert hamar_client.post(url, {"title": "x"}).status_code == 404


UPLOAD_GARBAGE = [
    ("empty-post", {}),
    ("text-instead-of-a-file", {"file": "ikke en fil"}),
    ("empty-file", {"file": ("tom.pdf", b"")}),
    ("nul-in-content", {"file": ("null.pdf", b"\x00" * 100)}),
    ("name-only-a-suffix", {"file": (".pdf", PDF_BYTES)}),
    ("name-of-control-characters", {"file": ("\x01\x02.pdf", PDF_BYTES)}),
]


@pytest.mark.parametrize(("case", "data"), UPLOAD_GARBAGE, ids=[c for c, _ in UPLOAD_GARBAGE])
def test_garbage_uploads_are_refused_without_error(hamar_client, draft, settings, case, data):
    post = {}
    for key, value in data.items():
        post[key] = SimpleUploadedFile(value[0], value[1]) if isinstance(value, tuple) else value

    response = hamar_client.post(reverse("projects:attachment-upload", args=[draft.pk]), post)

    assert response.status_code == 200
    assert response.context["attachment_form"].errors
    assert not draft.attachments.exists()


def test_control_characters_in_a_file_name_are_left_out_of_the_name_shown(hamar_client, draft):
    response = hamar_client.post(
        reverse("projects:attachment-upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("rap\x01port\x1b.pdf", PDF_BYTES)},
    )

    assert response.status_code == 302
    assert draft.attachments.get().original_name == "rapport.pdf"


@pytest.mark.parametrize("comment", ["\x00", "hei\x00hei"])
def test_a_withdrawal_comment_with_nul_is_refused_and_changes_nothing(hamar_client, draft, comment):
    before = everything_stored(draft)

    response = hamar_client.post(
        reverse("projects:application-withdraw", args=[draft.pk]), {"comment": comment}
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert everything_stored(draft) == before
