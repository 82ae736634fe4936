"""The decision letter, who may open the case pages, and the mail each action sends."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from projects.workflow import State
from tests.html import element_text, start_tags
from tests.projects.case_admin_pages import (
    ACTIONS,
    APPROVE,
    letter_url,
    payment_url,
    transition_url,
)

pytestmark = pytest.mark.django_db


def test_the_approval_letter_has_everything_the_municipality_needs(secretariat_client, make_case):
    application = make_case(State.APPROVED, granted=450_000)

    response = secretariat_client.get(letter_url(application))

    assert response.status_code == 200
    assert [attrs.get("id") for _tag, attrs in start_tags(response, "h1")] == ["brev-tittel"]
    letter = element_text(response, "content-main")
    # Registered today for a decision of 27.11.2026: three weeks from today to accept it.
    due = timezone.localdate() + timedelta(days=21)
    for expected in (
        "Tilskuddsbrev",
        "Til: Hamar",
        "Saksnummer 26/00042",
        "Vedtaksdato 27.11.2026",
        "Tilskudd til prosjektet «Bolyst i Hamarregionen»",
        "et tilskudd på 450 000 kr",
        "Innvilget beløp 450 000 kr",
        f"Frist for aksept av tilsagnet {due:%d.%m.%Y}",
        f"Hamar må akseptere tilsagnet og vilkårene i portalen senest {due:%d.%m.%Y}.",
        "Frist for sluttrapport 31.12.2027",
        "Tilskuddet kan bare brukes til prosjektet.",
        "Regionrådet vedtar sekretariatets innstilling.",
        "senest 31.12.2027",
    ):
        assert expected in letter
    assert "Avslag" not in letter


def test_the_rejection_letter_says_avslag(secretariat_client, make_case):
    application = make_case(State.REJECTED)

    response = secretariat_client.get(letter_url(application))

    letter = element_text(response, "content-main")
    assert "Avslag" in letter
    assert "Tilskuddsbrev" not in letter
    assert "avslå søknaden fra Hamar om 500 000 kr til prosjektet «Bolyst i Hamarregionen»" in (
        letter
    )
    assert "Regionrådet vedtar sekretariatets innstilling." in letter


def test_the_letter_has_a_print_stylesheet_that_hides_the_admin(secretariat_client, make_case):
    application = make_case(State.APPROVED)

    response = secretariat_client.get(letter_url(application))

    stylesheets = [
        attrs["href"]
        for _tag, attrs in start_tags(response, "link")
        if attrs.get("rel") == "stylesheet"
    ]
    assert "/static/css/letter.css" in stylesheets
    css = Path(finders.find("css/letter.css")).read_text(encoding="utf-8")
    assert "size: A4" in css
    print_rules = css.split("@media print", 1)[1]
    for chrome in ("#header", ".breadcrumbs", "#nav-sidebar", ".letter-tools", "#footer"):
        assert chrome in print_rules
    assert "style=" not in response.content.decode().split('id="content-main"', 1)[1]


def test_there_is_no_letter_before_the_decision(secretariat_client, make_case):
    response = secretariat_client.get(letter_url(make_case(State.RECOMMENDED)))

    assert response.status_code == 404


PAGES = {
    "transition": lambda app: transition_url(app, "start_project"),
    "payment": payment_url,
    "letter": letter_url,
    "csv": lambda app: reverse("admin:projects_application_export_csv"),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_anonymous_visitors_are_sent_to_the_admin_login(client, make_case, page):
    url = PAGES[page](make_case(State.ACCEPTED))

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("page", list(PAGES))
def test_municipality_users_are_sent_to_the_admin_login(hamar_client, make_case, page):
    url = PAGES[page](make_case(State.ACCEPTED))

    response = hamar_client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("page", list(PAGES))
def test_council_members_are_refused(council_client, make_case, page):
    response = council_client.get(PAGES[page](make_case(State.ACCEPTED)))

    assert response.status_code == 403


@pytest.mark.parametrize("page", list(PAGES))
def test_the_secretariat_opens_each_page(secretariat_client, make_case, page):
    response = secretariat_client.get(PAGES[page](make_case(State.ACCEPTED)))

    assert response.status_code == 200


MAILS = {
    "approve": "Søknaden er innvilget: Bolyst i Hamarregionen",
    "reject": "Søknaden er avslått: Bolyst i Hamarregionen",
    "return_report": "Sluttrapport sendt tilbake: Bolyst i Hamarregionen",
    "approve_report": "Sluttrapport godkjent, prosjektet er avsluttet: Bolyst i Hamarregionen",
}


@pytest.mark.parametrize("action", list(MAILS))
def test_the_applicant_hears_of_the_action_by_mail_once_it_is_committed(
    secretariat_client, make_case, hamar_user, django_capture_on_commit_callbacks, action
):
    source, data, _target = ACTIONS[action]
    application = make_case(source)

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(transition_url(application, action), data)
        assert mail.outbox == []

    assert response.status_code == 302
    assert [(message.subject, message.to) for message in mail.outbox] == [
        (MAILS[action], ["kontakt@hamar.example.org", hamar_user.email])
    ]


def test_a_refused_decision_sends_no_mail(
    secretariat_client, make_case, django_capture_on_commit_callbacks
):
    application = make_case(State.RECOMMENDED)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        secretariat_client.post(
            transition_url(application, "approve"), {**APPROVE, "granted_amount": "500001"}
        )

    assert callbacks == []
    assert mail.outbox == []
