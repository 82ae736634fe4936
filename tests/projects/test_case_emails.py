"""E-mail to the applicant on the council's decision and when the secretariat approves or returns
the final report, and to the secretariat when a report is sent in: Norwegian, with a link."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from projects.services import application_decide, application_transition
from projects.workflow import State
from tests.factories import FinalReportFactory, complete_application, funded_project

pytestmark = pytest.mark.django_db

CONTACT = "kontakt@hamar.example.org"
NBSP = "\u00a0"


@pytest.fixture
def recommended(hamar, hamar_user):
    return complete_application(
        lead_municipality=hamar,
        created_by=hamar_user,
        status=State.RECOMMENDED,
        title="Bolyst i Hamarregionen",
        contact_email=CONTACT,
    )


def project(hamar, hamar_user, status):
    return funded_project(
        status=status,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Bolyst i Hamarregionen",
        contact_email=CONTACT,
    )


def link(application):
    return f"https://portal.example.org/soknader/{application.pk}/"


def decide(application, user, outcome, **fields):
    values = {
        "granted_amount": 400_000,
        "decided_on": date(2026, 3, 12),
        "case_number": "2026/0042",
        "decision_text": "Regionrådet innvilger tilskudd som innstilt.",
        "conditions": "Logoen til Hamarregionen skal brukes i all profilering.",
        "report_due_on": date(2027, 3, 1),
    }
    values.update(fields)
    return application_decide(application=application, user=user, outcome=outcome, **values)


def test_approval_mails_the_applicant_the_amount_conditions_deadline_and_link(
    recommended, hamar_user, secretariat_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(recommended, secretariat_user, "approved")
        assert mail.outbox == [], "mail must wait until the decision is committed"

    (message,) = mail.outbox
    assert message.to == [CONTACT, hamar_user.email]
    assert message.subject == "Søknaden er innvilget: Bolyst i Hamarregionen"
    body = message.body
    assert f"Dere får et tilskudd på 400{NBSP}000{NBSP}kr." in body
    assert "Saksnummer: 2026/0042" in body
    assert "Vedtaksdato: 12.03.2026" in body
    assert "Frist for sluttrapport: 01.03.2027" in body
    assert "Logoen til Hamarregionen skal brukes i all profilering." in body
    assert "Regionrådet innvilger tilskudd som innstilt." in body
    assert link(recommended) in body


def test_rejection_mails_the_applicant_the_decision_text(
    recommended, hamar_user, secretariat_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            recommended,
            secretariat_user,
            "rejected",
            decision_text="Søknaden avslås fordi «rammen» er brukt opp & mer til.",
        )

    (message,) = mail.outbox
    assert message.to == [CONTACT, hamar_user.email]
    assert message.subject == "Søknaden er avslått: Bolyst i Hamarregionen"
    assert "gitt avslag" in message.body
    assert "Søknaden avslås fordi «rammen» er brukt opp & mer til." in message.body
    assert link(recommended) in message.body


def test_a_returned_report_mails_the_applicant_the_secretariats_comment(
    hamar, hamar_user, secretariat_user, django_capture_on_commit_callbacks
):
    application = project(hamar, hamar_user, State.REPORT_SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application,
            action="return_report",
            user=secretariat_user,
            comment="Legg ved regnskapet for 2026.",
        )

    (message,) = mail.outbox
    assert message.to == [CONTACT, hamar_user.email]
    assert message.subject == "Sluttrapport sendt tilbake: Bolyst i Hamarregionen"
    assert "Melding fra sekretariatet:\nLegg ved regnskapet for 2026." in message.body
    assert "send sluttrapporten inn på nytt" in message.body
    assert link(application) in message.body


def test_an_approved_report_mails_the_applicant_that_the_project_is_completed(
    hamar, hamar_user, secretariat_user, django_capture_on_commit_callbacks
):
    application = project(hamar, hamar_user, State.REPORT_SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, action="approve_report", user=secretariat_user
        )

    (message,) = mail.outbox
    assert message.to == [CONTACT, hamar_user.email]
    assert message.subject == (
        "Sluttrapport godkjent, prosjektet er avsluttet: Bolyst i Hamarregionen"
    )
    assert "Prosjektet er dermed avsluttet." in message.body
    assert "Status: Avsluttet" in message.body
    assert link(application) in message.body


def test_a_report_sent_in_through_the_portal_mails_the_secretariat(
    hamar, hamar_user, hamar_client, django_capture_on_commit_callbacks
):
    application = project(hamar, hamar_user, State.IN_PROGRESS)

    with django_capture_on_commit_callbacks(execute=True):
        response = hamar_client.post(
            reverse("projects:final-report", args=[application.pk]),
            {"results": "Alle delmål nådd.", "actual_cost": "980000", "submit": ""},
        )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["sekretariat@example.org"]
    assert message.subject == "Sluttrapport sendt inn: Bolyst i Hamarregionen"
    assert "har sendt inn sluttrapporten" in message.body
    assert f"Faktiske kostnader: 980{NBSP}000{NBSP}kr" in message.body
    assert link(application) in message.body


def test_starting_the_project_and_saving_a_draft_report_send_no_mail(
    hamar, hamar_user, hamar_client, django_capture_on_commit_callbacks
):
    application = project(hamar, hamar_user, State.APPROVED)

    with django_capture_on_commit_callbacks(execute=True):
        hamar_client.post(reverse("projects:project-start", args=[application.pk]))
        hamar_client.post(
            reverse("projects:final-report", args=[application.pk]),
            {"results": "Halvveis.", "actual_cost": "", "save": ""},
        )

    assert mail.outbox == []


def test_a_failed_report_submission_sends_no_mail(
    hamar, hamar_user, hamar_client, django_capture_on_commit_callbacks
):
    application = project(hamar, hamar_user, State.IN_PROGRESS)
    FinalReportFactory(application=application, results="Et utkast.")

    with django_capture_on_commit_callbacks(execute=True):
        hamar_client.post(
            reverse("projects:final-report", args=[application.pk]),
            {"results": "", "actual_cost": "5", "submit": ""},
        )

    assert mail.outbox == []
