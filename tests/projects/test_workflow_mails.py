"""The mails each workflow change sends, and a mail server that is down."""

from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from projects.models import Application, StatusChange
from projects.services import application_transition
from projects.workflow import TRANSITIONS, State
from tests.projects.workflow_world import RETURN_COMMENT, application_in

pytestmark = pytest.mark.django_db


EMAILS = {
    "submit": (State.DRAFT, "Søknad sendt inn: Bolyst i Hamarregionen"),
    "return": (State.SUBMITTED, "Søknad sendt tilbake for endring: Bolyst i Hamarregionen"),
    "withdraw": (State.SUBMITTED, "Søknad trukket: Bolyst i Hamarregionen"),
}


@pytest.mark.parametrize("action", list(EMAILS))
def test_each_change_sends_one_mail_to_the_applicant_and_one_to_the_secretariat(
    hamar, hamar_user, actors, action, django_capture_on_commit_callbacks
):
    source, subject = EMAILS[action]
    application = application_in(source, hamar, hamar_user)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        application_transition(
            application=application, action=action, user=actors[action], comment=RETURN_COMMENT
        )
        assert mail.outbox == [], "mail must wait until the change is committed"

    # One for the mails, and one for the PDF of the document the step freezes, if any.
    assert len(callbacks) == 1 + bool(TRANSITIONS[action].freezes)
    assert [message.to for message in mail.outbox] == [
        ["kontakt@hamar.example.org", hamar_user.email],
        ["sekretariat@example.org"],
    ]
    link = (
        f"https://portal.example.org{reverse('projects:application-detail', args=[application.pk])}"
    )
    for message in mail.outbox:
        assert message.subject == subject
        assert link in message.body
        assert "Prosjekteier: Hamar" in message.body
        assert "Med vennlig hilsen" in message.body


def test_submission_mails_say_what_happened_in_norwegian(
    hamar, hamar_user, django_capture_on_commit_callbacks
):
    application = application_in(State.DRAFT, hamar, hamar_user)

    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, action="submit", user=hamar_user)

    to_applicant, to_secretariat = mail.outbox
    assert "Søknaden er sendt inn" in to_applicant.body
    assert "Hamar har sendt inn en søknad om utviklingsmidler." in to_secretariat.body
    assert "Søknadsbeløp: 500\u00a0000\u00a0kr" in to_secretariat.body


def test_the_return_mail_carries_the_secretariats_message(
    hamar, hamar_user, secretariat_user, django_capture_on_commit_callbacks
):
    application = application_in(State.SUBMITTED, hamar, hamar_user)

    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, action="return", user=secretariat_user, comment=RETURN_COMMENT
        )

    to_applicant = mail.outbox[0]
    assert "har sendt søknaden tilbake til dere for endring" in to_applicant.body
    assert f"Melding fra sekretariatet:\n{RETURN_COMMENT}" in to_applicant.body


def test_one_address_gets_one_copy_when_the_contact_is_the_creator(
    hamar, hamar_user, django_capture_on_commit_callbacks
):
    application = application_in(State.DRAFT, hamar, hamar_user)
    Application.objects.filter(pk=application.pk).update(contact_email=hamar_user.email.upper())

    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, action="withdraw", user=hamar_user)

    assert [message.to for message in mail.outbox] == [
        [hamar_user.email.upper()],
        ["sekretariat@example.org"],
    ]


def test_a_mail_server_that_is_down_does_not_undo_the_change(
    hamar, hamar_user, django_capture_on_commit_callbacks
):
    application = application_in(State.DRAFT, hamar, hamar_user)

    with (
        mock.patch("projects.notifications.send_mail", side_effect=ConnectionRefusedError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        application_transition(application=application, action="withdraw", user=hamar_user)

    assert Application.objects.get(pk=application.pk).status == State.WITHDRAWN
    assert StatusChange.objects.filter(application=application, action="withdraw").exists()
