"""A line a person types (a title, a name, a reference) stays one line: a line break pasted or
forged into it never reaches an e-mail as a line of its own."""

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from hamarregion.fields import SingleLineCharField
from projects.models import Application
from projects.workflow import State
from tests.factories import FundingCallFactory, complete_application
from tests.projects.edit_page import post_edit_page

pytestmark = pytest.mark.django_db

FORGED_TITLE = "Bolyst i Hamarregionen\r\nBcc: angriper@example.org"
MESSAGE = "Teksten kan ikke inneholde linjeskift eller andre kontrolltegn."

# CharFields that code fills in, never a person: the workflow's action and the detected type.
SET_BY_CODE = {
    "projects.StatusChange.action",
    "projects.Attachment.content_type",
    "projects.CaseDocument.sha256",
    "projects.MessageAttachment.content_type",
}


@pytest.fixture
def draft(hamar, hamar_user):
    return complete_application(
        funding_call=FundingCallFactory(), lead_municipality=hamar, created_by=hamar_user
    )


def test_a_title_submitted_with_a_forged_header_line_is_stored_on_one_line(
    hamar_client, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit_page(hamar_client, draft, submit=True, title=FORGED_TITLE)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == State.SUBMITTED
    assert draft.title == "Bolyst i Hamarregionen Bcc: angriper@example.org"


def test_the_submission_mail_has_no_forged_line(
    hamar_client, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_edit_page(hamar_client, draft, submit=True, title=FORGED_TITLE)

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.bcc == []
        assert "\n" not in message.subject and "\r" not in message.subject
        assert not [line for line in message.body.splitlines() if line.startswith("Bcc:")]
        assert "Søknad: Bolyst i Hamarregionen Bcc: angriper@example.org" in message.body
        sent = message.message()
        assert sent["Bcc"] is None
        assert "angriper@example.org" not in message.recipients()


def test_a_title_pasted_with_a_line_break_on_the_start_page_just_works(hamar_client, hamar):
    call = FundingCallFactory()
    url = reverse("projects:application-start", kwargs={"call_slug": call.slug})
    page = hamar_client.get(url)

    response = hamar_client.post(
        url,
        {
            "municipality": hamar.pk,
            "title": "  Bolyst i\n\tHamarregionen \r\n",
            "creation_token": page.context["form"]["creation_token"].value(),
        },
    )

    assert response.status_code == 302
    assert Application.objects.get().title == "Bolyst i Hamarregionen"


@pytest.mark.parametrize("text", ["Bolyst\nBcc: x", "Bolyst\rx", "Bolyst\tx", "Bolyst\x00x"])
def test_the_model_refuses_a_title_with_a_line_break_or_control_character(draft, text):
    draft.title = text

    with pytest.raises(ValidationError) as refused:
        draft.full_clean()

    assert refused.value.message_dict == {"title": [MESSAGE]}


def test_every_line_a_person_types_in_the_portals_models_is_single_line():
    plain = [
        f"{model._meta.label}.{field.name}"
        for label in ("programme", "projects", "meetings")
        for model in apps.get_app_config(label).get_models()
        if not model._meta.label.split(".")[1].startswith("Historical")
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField)
        and not isinstance(field, models.SlugField | models.EmailField | SingleLineCharField)
        and not field.choices
    ]

    assert sorted(plain) == sorted(SET_BY_CODE)
