"""An appeal (klage) registered on the case by the secretariat: its date and grounds checked,
a late one flagged, the applicant told and shown it, and no one else."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from projects.models import Appeal, Decision
from projects.services import appeal_settle
from projects.workflow import Action, State
from tests.factories import PDF_BYTES
from tests.html import page_text
from tests.projects.appeal_pages import (
    GROUNDS,
    change_url,
    day,
    letters,
    register_through_admin,
    register_url,
)
from tests.projects.case_admin_pages import TODAY, status_of

pytestmark = pytest.mark.django_db


def test_the_secretariat_registers_an_appeal_on_the_case_and_the_applicant_gets_a_receipt(
    secretariat_client, secretariat_user, make_case, django_capture_on_commit_callbacks
):
    application = make_case(State.REJECTED, contact_email="kontakt@hamar.example.org")
    form_page = secretariat_client.get(register_url(application))
    (letter,) = letters(application)
    deadline = timezone.localdate(letter.created_at) + timedelta(weeks=3)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = register_through_admin(secretariat_client, application)

    assert form_page.status_code == 200
    assert f"klagefristen er {day(deadline)}" in page_text(form_page)
    assert response.status_code == 302, response.context["form"].errors
    assert status_of(application) == State.APPEALED
    appeal = Appeal.objects.get(application=application)
    assert (appeal.received_on, appeal.deadline, appeal.within_deadline) == (
        timezone.localdate(),
        deadline,
        True,
    )
    assert (appeal.grounds, appeal.registered_by, appeal.decision_letter) == (
        GROUNDS,
        secretariat_user,
        letter,
    )
    assert appeal.appealed_outcome == "rejected"
    (message,) = mail.outbox
    assert message.subject == "Klagen er mottatt: Bolyst i Hamarregionen"
    assert f"Klagen kom inn: {TODAY}" in message.body
    assert "Klagen kom innen fristen." in message.body
    assert "kontakt@hamar.example.org" in message.to

    case_page = page_text(secretariat_client.get(change_url(application)))
    assert "Klager" in case_page
    assert GROUNDS in case_page
    assert "Klagen kom etter fristen." not in case_page


@pytest.mark.parametrize(
    ("received_on", "message"),
    [
        (timezone.localdate() + timedelta(days=1), "kan ikke være etter i dag"),
        (date(2026, 11, 26), "kan ikke være før vedtaksdatoen, 27.11.2026"),
        ("", "Oppgi datoen klagen kom inn."),
        ("31.02.2026", "Skriv datoen som dd.mm.åååå"),
    ],
    ids=["future", "before-decision", "missing", "not-a-date"],
)
def test_a_received_date_in_the_future_or_before_the_decision_is_refused_at_the_field(
    secretariat_client, make_case, received_on, message
):
    application = make_case(State.REJECTED)
    mail.outbox.clear()

    value = day(received_on) if isinstance(received_on, date) else received_on
    response = register_through_admin(secretariat_client, application, received_on=value)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["received_on"])
    assert status_of(application) == State.REJECTED
    assert not Appeal.objects.exists()
    assert mail.outbox == []


def test_an_appeal_without_grounds_is_refused(secretariat_client, make_case):
    application = make_case(State.REJECTED)

    response = register_through_admin(secretariat_client, application, grounds="  ")

    assert response.context["form"].errors["grounds"] == [
        "Skriv klagerens begrunnelse, eller last opp klagen som fil."
    ]
    assert status_of(application) == State.REJECTED


def test_a_late_appeal_is_registered_and_flagged(secretariat_client, make_case, hamar_client):
    application = make_case(State.REJECTED)
    # The letter was sent on 2 November: the deadline was 23 November.
    application.documents.update(created_at=datetime(2026, 11, 2, 12, tzinfo=UTC))
    Decision.objects.filter(application=application).update(decided_on=date(2026, 10, 30))

    response = register_through_admin(
        secretariat_client, application, received_on="01.12.2026", follow=True
    )

    appeal = Appeal.objects.get(application=application)
    assert (appeal.deadline, appeal.within_deadline) == (date(2026, 11, 23), False)
    assert status_of(application) == State.APPEALED
    messages = [str(message) for message in response.context["messages"]]
    assert "Klagen kom etter klagefristen 23.11.2026. Den er registrert som for sen." in messages
    assert "Klagen kom etter fristen." in page_text(response)
    applicant_page = page_text(hamar_client.get(application.get_absolute_url()))
    assert "(klagen kom etter fristen)" in applicant_page
    assert "etter klagefristen 23.11.2026" in applicant_page


def test_the_applicant_follows_the_appeal_on_the_applications_page(
    secretariat_client, make_case, hamar_client
):
    application = make_case(State.REJECTED)
    register_through_admin(secretariat_client, application)

    page = page_text(hamar_client.get(application.get_absolute_url()))

    assert "Status: Klage mottatt" in page
    assert "Klage mottatt og registrert (Avslått → til Klage mottatt)" in page
    assert f"Klagen kom inn {TODAY}, innen klagefristen" in page
    assert GROUNDS in page
    assert "Klagen er under behandling." in page


def test_the_appeal_and_its_file_are_hidden_from_another_municipality(
    secretariat_client, make_case, hamar_client, loten_client
):
    application = make_case(State.REJECTED)
    upload = SimpleUploadedFile("klage.pdf", PDF_BYTES, content_type="application/pdf")
    response = register_through_admin(
        secretariat_client, application, grounds="", grounds_file=upload
    )
    assert response.status_code == 302, response.context["form"].errors
    attachment = Appeal.objects.get(application=application).grounds_attachment

    assert hamar_client.get(attachment.get_absolute_url()).status_code == 200
    assert "klage.pdf" in page_text(hamar_client.get(application.get_absolute_url()))
    assert loten_client.get(application.get_absolute_url()).status_code == 404
    assert loten_client.get(attachment.get_absolute_url()).status_code == 404


def test_a_file_that_is_not_a_document_is_refused_at_its_field(secretariat_client, make_case):
    application = make_case(State.REJECTED)
    upload = SimpleUploadedFile("klage.pdf", b"MZ not a pdf", content_type="application/pdf")

    response = register_through_admin(
        secretariat_client, application, grounds="", grounds_file=upload
    )

    assert "ikke en gyldig" in " ".join(response.context["form"].errors["grounds_file"])
    assert status_of(application) == State.REJECTED
    assert not application.attachments.exists()


def test_a_decision_is_appealed_once(secretariat_client, make_case, secretariat_user):
    application = make_case(State.APPEAL_FORWARDED)
    appeal_settle(
        application=application,
        user=secretariat_user,
        action=Action.KEEP_REJECTION,
        outcome=Appeal.Outcome.NOT_UPHELD,
        decided_on=timezone.localdate(),
    )

    response = secretariat_client.get(register_url(application), follow=True)

    assert status_of(application) == State.REJECTED
    assert "Vedtaket er allerede påklaget" in " ".join(
        str(message) for message in response.context["messages"]
    )
    assert "Registrer klage" not in page_text(secretariat_client.get(change_url(application)))


@pytest.mark.parametrize("state", [State.APPEALED, State.APPEAL_FORWARDED], ids=str)
def test_an_appealed_rejection_is_never_public(client, make_case, state):
    application = make_case(state, title="Klage på avslått kulturprosjekt")

    detail = client.get(application.get_public_url())
    catalogue = client.get(reverse("publication:project-list"))

    assert detail.status_code == 404
    assert "Klage på avslått kulturprosjekt" not in page_text(catalogue)


def test_a_council_member_reads_the_appeal_of_a_case_taken_up_again(council_client, make_case):
    application = make_case(State.APPEALED)

    response = council_client.get(change_url(application))

    assert response.status_code == 200
    assert "Vi ber regionrådet vurdere søknaden på nytt." in page_text(response)
    assert response.context["workflow_actions"] == []
