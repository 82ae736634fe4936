"""The application form in steps: each step shows and stores its part of the form, the progress
indicator says where the applicant is, and an attachment uploaded with the form keeps what
was typed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Application, Attachment
from tests.factories import COMPLETE_FIELDS, PDF_BYTES, ApplicationFactory, complete_application
from tests.html import page_text, start_tags
from tests.projects.edit_page import (
    cost_rows,
    edit_page_data,
    edit_url,
    form_values,
    formset_values,
)

pytestmark = pytest.mark.django_db

STEP_SLUGS = ["prosjekt", "mal", "planer", "vedlegg"]


def step_url(application, slug):
    return reverse("projects:application-step", args=[application.pk, slug])


def step_data(page, *, cost=(), funding=(), button="save", **changes):
    """POST data for the step in `page` (a GET response): its fields as shown, the plans' rows
    added, `changes` to the fields, and the button pressed."""
    data = {"steg": page.context["step"].slug}
    data.update(form_values(page.context["form"]))
    if page.context["cost_formset"] is not None:
        data.update(formset_values(page.context["cost_formset"], cost))
        data.update(formset_values(page.context["funding_formset"], funding))
    data.update(changes)
    data[button] = ""
    return data


@pytest.fixture
def draft(hamar, hamar_user, call):
    return complete_application(funding_call=call, lead_municipality=hamar, created_by=hamar_user)


def field_names(response) -> set[str]:
    return {attrs.get("name") for _tag, attrs in start_tags(response) if attrs.get("name")}


@pytest.mark.parametrize(
    ("slug", "shown", "not_shown"),
    [
        ("prosjekt", {"title", "contact_email", "partner_municipalities"}, {"background"}),
        ("mal", {"background", "main_goal", "focus_areas", "sub_themes"}, {"title"}),
        ("planer", {"cost-0-amount", "funding-0-source"}, {"title", "background"}),
        ("vedlegg", {"file", "upload"}, {"title", "cost-0-amount"}),
    ],
)
def test_each_step_shows_its_part_of_the_form_and_marks_itself_in_the_progress_list(
    hamar_client, draft, slug, shown, not_shown
):
    response = hamar_client.get(step_url(draft, slug))

    assert response.status_code == 200
    names = field_names(response)
    assert shown <= names
    assert not names & not_shown
    content = response.content.decode()
    progress = content[content.index('<ol class="step-progress__list">') :]
    progress = progress[: progress.index("</ol>")]
    assert progress.count("<li") == 5
    current = [attrs for tag, attrs in start_tags(response, "a") if "aria-current" in attrs]
    assert [(attrs["aria-current"], attrs["href"]) for attrs in current] == [
        ("step", step_url(draft, slug))
    ]


def test_the_summary_is_the_last_step_of_the_progress_list(hamar_client, draft):
    response = hamar_client.get(reverse("projects:application-summary", args=[draft.pk]))

    current = [attrs for _tag, attrs in start_tags(response, "a") if "aria-current" in attrs]
    assert [attrs["href"] for attrs in current] == [
        reverse("projects:application-summary", args=[draft.pk])
    ]
    assert "Steg 5 av 5: Oppsummering" in page_text(response)


def test_an_unknown_step_is_not_found(hamar_client, draft):
    assert hamar_client.get(step_url(draft, "finnes-ikke")).status_code == 404
    assert hamar_client.get(step_url(draft, "oppsummering")).status_code == 404


def test_a_step_stores_its_fields_and_leaves_the_other_steps_fields_alone(hamar_client, draft):
    page = hamar_client.get(step_url(draft, "prosjekt"))

    response = hamar_client.post(
        step_url(draft, "prosjekt"), step_data(page, button="next", title="Ny tittel")
    )

    assert response.status_code == 302
    assert response.url == step_url(draft, "mal")
    stored = Application.objects.get(pk=draft.pk)
    assert stored.title == "Ny tittel"
    assert stored.background == COMPLETE_FIELDS["background"]
    assert stored.focus_areas.count() == 1
    assert stored.cost_lines.count() == 1


def test_the_goals_step_stores_the_focus_areas_and_goes_back_when_asked(hamar_client, draft):
    page = hamar_client.get(step_url(draft, "mal"))

    response = hamar_client.post(
        step_url(draft, "mal"),
        step_data(page, button="previous", main_goal="Et nytt hovedmål", focus_areas=[]),
    )

    assert response.url == step_url(draft, "prosjekt")
    stored = Application.objects.get(pk=draft.pk)
    assert stored.main_goal == "Et nytt hovedmål"
    assert not stored.focus_areas.exists()
    assert stored.title == COMPLETE_FIELDS["title"]


def test_the_plans_step_takes_more_rows_than_the_page_showed(hamar_client, draft):
    page = hamar_client.get(step_url(draft, "planer"))

    hamar_client.post(step_url(draft, "planer"), step_data(page, cost=cost_rows(1, 2, 3, 4, 5)))

    assert sorted(draft.cost_lines.values_list("amount", flat=True)) == [1, 2, 3, 4, 5, 1_000_000]


def test_bad_input_on_a_step_stores_nothing_and_says_so_at_the_field(hamar_client, draft):
    page = hamar_client.get(step_url(draft, "prosjekt"))

    response = hamar_client.post(
        step_url(draft, "prosjekt"),
        step_data(page, title="Annen tittel", start_date="ikke en dato", button="next"),
    )

    assert response.status_code == 200
    assert "Oppgi en gyldig dato." in page_text(response)
    assert response.context["form"].errors["start_date"]
    assert Application.objects.get(pk=draft.pk).title == COMPLETE_FIELDS["title"]


def test_a_step_of_a_submitted_application_goes_to_its_page(hamar_client, draft):
    Application.objects.filter(pk=draft.pk).update(status="submitted")

    response = hamar_client.get(step_url(draft, "prosjekt"))

    assert response.status_code == 302
    assert response.url == draft.get_absolute_url()


def test_the_attachments_step_uploads_a_file_and_comes_back_to_the_step(hamar_client, draft):
    response = hamar_client.post(
        step_url(draft, "vedlegg"),
        {
            "steg": "vedlegg",
            "upload": "",
            "file": SimpleUploadedFile("budsjett.pdf", PDF_BYTES, "application/pdf"),
        },
    )

    assert response.status_code == 302
    assert response.url == step_url(draft, "vedlegg")
    assert list(draft.attachments.values_list("original_name", flat=True)) == ["budsjett.pdf"]


def test_deleting_an_attachment_from_the_attachments_step_comes_back_to_it(hamar_client, draft):
    hamar_client.post(
        step_url(draft, "vedlegg"),
        {"steg": "vedlegg", "upload": "", "file": SimpleUploadedFile("a.pdf", PDF_BYTES)},
    )
    attachment = draft.attachments.get()

    response = hamar_client.post(
        reverse("projects:attachment-delete", args=[draft.pk, attachment.pk]), {"steg": "vedlegg"}
    )

    assert response.url == step_url(draft, "vedlegg")
    assert not draft.attachments.exists()


def test_uploading_from_the_edit_page_stores_what_was_typed_first(hamar_client, draft):
    page = hamar_client.get(edit_url(draft))
    data = edit_page_data(page, title="Skrevet, ikke lagret", cost=cost_rows(250))
    del data["save"]
    data["upload"] = ""
    data["file"] = SimpleUploadedFile("plan.pdf", PDF_BYTES, "application/pdf")

    response = hamar_client.post(edit_url(draft), data)

    assert response.status_code == 302
    assert response.url == edit_url(draft) + "#vedlegg"
    stored = Application.objects.get(pk=draft.pk)
    assert stored.title == "Skrevet, ikke lagret"
    assert 250 in stored.cost_lines.values_list("amount", flat=True)
    assert stored.attachments.get().original_name == "plan.pdf"
    page = hamar_client.get(response.url)
    assert page.context["form"]["title"].value() == "Skrevet, ikke lagret"


def test_a_refused_file_from_the_edit_page_still_keeps_what_was_typed(hamar_client, draft):
    page = hamar_client.get(edit_url(draft))
    data = edit_page_data(page, title="Skrevet før opplasting")
    del data["save"]
    data["upload"] = ""
    data["file"] = SimpleUploadedFile("plan.pdf", b"ikke en pdf", "application/pdf")

    response = hamar_client.post(edit_url(draft), data)

    assert response.status_code == 200
    text = page_text(response)
    assert "Utkastet er lagret, men vedlegget er ikke lastet opp." in text
    assert "Filen er ikke en gyldig" in text
    assert Application.objects.get(pk=draft.pk).title == "Skrevet før opplasting"
    assert response.context["form"]["title"].value() == "Skrevet før opplasting"
    assert not Attachment.objects.exists()


def test_an_upload_with_bad_fields_stores_neither_and_says_why(hamar_client, draft):
    page = hamar_client.get(edit_url(draft))
    data = edit_page_data(page, title="Ny tittel", end_date="2020-13-45")
    del data["save"]
    data["upload"] = ""
    data["file"] = SimpleUploadedFile("plan.pdf", PDF_BYTES, "application/pdf")

    response = hamar_client.post(edit_url(draft), data)

    assert response.status_code == 200
    assert "Ingenting er lagret, og vedlegget er ikke lastet opp." in page_text(response)
    assert response.context["form"].errors["end_date"]
    assert Application.objects.get(pk=draft.pk).title == COMPLETE_FIELDS["title"]
    assert not Attachment.objects.exists()


NEW_URLS = [
    ("application-step", {"step": "prosjekt"}, "get"),
    ("application-step", {"step": "planer"}, "post"),
    ("application-autosave", {}, "post"),
    ("application-summary", {}, "get"),
    ("application-summary", {}, "post"),
    ("application-receipt", {}, "get"),
]


@pytest.mark.parametrize(("name", "kwargs", "method"), NEW_URLS)
def test_another_municipality_finds_none_of_the_new_pages(
    loten_client, hamar, hamar_user, name, kwargs, method
):
    application = complete_application(
        lead_municipality=hamar, created_by=hamar_user, status="submitted"
    )
    url = reverse(f"projects:{name}", kwargs={"pk": application.pk, **kwargs})

    response = getattr(loten_client, method)(url, {"title": "Overtatt"} if method == "post" else {})

    assert response.status_code == 404
    stored = Application.objects.get(pk=application.pk)
    assert (stored.title, stored.status) == (COMPLETE_FIELDS["title"], "submitted")


@pytest.mark.parametrize(("name", "kwargs", "method"), NEW_URLS)
def test_an_anonymous_visitor_is_sent_to_log_in_from_the_new_pages(
    client, hamar, name, kwargs, method
):
    application = ApplicationFactory(lead_municipality=hamar)
    url = reverse(f"projects:{name}", kwargs={"pk": application.pk, **kwargs})

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def script_sources(response) -> list[str]:
    return [attrs["src"] for _tag, attrs in start_tags(response, "script") if "src" in attrs]


@pytest.mark.parametrize(
    ("slug", "scripts"),
    [
        ("prosjekt", ["/static/js/autosave.js"]),
        ("mal", ["/static/js/autosave.js"]),
        ("planer", ["/static/js/line-tables.js", "/static/js/autosave.js"]),
        ("vedlegg", []),
    ],
)
def test_each_step_loads_only_the_scripts_it_uses(hamar_client, draft, slug, scripts):
    """The plans' tables only where the plans are; autosave where there is something typed to
    store, not on the attachments step, whose file it would leave alone."""
    response = hamar_client.get(step_url(draft, slug))

    assert script_sources(response) == scripts


def test_the_one_page_form_loads_the_tables_and_autosave(hamar_client, draft):
    response = hamar_client.get(edit_url(draft))

    assert script_sources(response) == [
        "/static/js/line-tables.js",
        "/static/js/autosave.js",
    ]
