"""The comment written when the secretariat starts the review is the first message of the
thread: stored in the step's transaction and e-mailed to the applicant."""

import pytest
from django.core import mail
from django.urls import reverse

from projects.models import Message, StatusChange
from projects.workflow import Action, State
from tests.factories.cases import case_in

pytestmark = pytest.mark.django_db

CONTACT = "kontakt@hamar.example.org"


@pytest.fixture
def submitted(hamar, hamar_user, secretariat_user):
    return case_in(
        State.SUBMITTED,
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        contact_email=CONTACT,
        title="Bolyst i Hamarregionen",
    )


def start_review(client, application, comment):
    url = reverse(
        "admin:projects_application_transition", args=[application.pk, Action.START_REVIEW]
    )
    return client.post(url, {"comment": comment})


def test_the_form_says_the_comment_goes_to_the_applicant(submitted, secretariat_client):
    url = reverse("admin:projects_application_transition", args=[submitted.pk, Action.START_REVIEW])
    page = secretariat_client.get(url).content.decode()
    assert "sendes det til søkeren som en melding" in page


def test_a_comment_at_the_start_of_the_review_becomes_the_first_message_and_is_mailed(
    submitted,
    secretariat_client,
    hamar_client,
    secretariat_user,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = start_review(
            secretariat_client, submitted, "Vi behandler søknaden til møtet i mars."
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == State.IN_REVIEW
    (message,) = Message.objects.filter(application=submitted)
    change = StatusChange.objects.get(application=submitted, action=Action.START_REVIEW)
    assert (message.sender, message.author, message.status_change) == (
        Message.Sender.SECRETARIAT,
        secretariat_user,
        change,
    )
    assert message.text == "Vi behandler søknaden til møtet i mars."
    (sent,) = mail.outbox
    assert CONTACT in sent.to
    assert "Vi behandler søknaden til møtet i mars." in sent.body

    page = hamar_client.get(reverse("projects:application-detail", args=[submitted.pk]))
    thread = page.content.decode().split('id="meldinger"')[1].split('id="historikk"')[0]
    assert "Vi behandler søknaden til møtet i mars." in thread


def test_no_comment_no_message_and_no_mail(
    submitted, secretariat_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start_review(secretariat_client, submitted, "   ")
    submitted.refresh_from_db()
    assert submitted.status == State.IN_REVIEW
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_a_refused_start_stores_no_message(submitted, secretariat_client, secretariat_user):
    from projects.services import application_transition

    application_transition(application=submitted, action=Action.START_REVIEW, user=secretariat_user)
    response = start_review(secretariat_client, submitted, "En gang til")
    assert response.status_code == 302
    assert not Message.objects.exists()
