"""The secretariat's case page in admin: what it shows, its buttons, and who may take
which action."""

import pytest
from django.urls import reverse

from projects.models import Decision, StatusChange
from projects.workflow import State
from tests.factories import AttachmentFactory
from tests.html import element_text, page_text, start_tags
from tests.projects.case_admin_pages import (
    ACTIONS,
    APPROVE,
    letter_url,
    payment_url,
    status_of,
    transition_url,
)

pytestmark = pytest.mark.django_db


# The buttons each state shows the secretariat on the change page.
BUTTONS = {
    State.SUBMITTED: ["return", "start_review"],
    State.IN_REVIEW: ["return", "recommend"],
    State.RECOMMENDED: ["approve", "reject"],
    State.APPROVED: ["register_appeal"],
    State.ACCEPTED: ["start_project"],
    State.REJECTED: ["register_appeal"],
    State.IN_PROGRESS: [],
    State.REPORT_SUBMITTED: ["return_report", "approve_report"],
    State.COMPLETED: [],
    # An appealed rejection: the step that lets an approval stand is not offered.
    State.APPEALED: ["reassess_appeal", "forward_appeal", "keep_rejection"],
    State.APPEAL_FORWARDED: ["uphold_appeal", "keep_rejection"],
}


def change_url(application):
    return reverse("admin:projects_application_change", args=[application.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_change_page_shows_the_whole_case(secretariat_client, make_case):
    application = make_case(State.APPROVED)
    attachment = AttachmentFactory(application=application, original_name="budsjett.pdf")

    response = secretariat_client.get(change_url(application))

    assert response.status_code == 200
    text = page_text(response)
    # The application as submitted.
    assert "Bolyst i Hamarregionen" in text
    assert "Et samarbeid om å gjøre regionen til et godt sted å bo." in text
    assert "Styringsgruppe med én fra hver kommune." in text
    # Its attachment, with a link to the download view.
    download = reverse(
        "projects:attachment-download",
        kwargs={"application_pk": application.pk, "pk": attachment.pk},
    )
    assert ("a", {"href": download}) in start_tags(response, "a")
    assert "budsjett.pdf" in text
    # The timeline.
    for step in ("Behandling startet", "Innstilling skrevet", "Innvilget"):
        assert step in text
    # Recommendation, decision, what is paid and left, the call's budget.
    assert "Prosjektet passer godt med handlingsprogrammet." in element_text(
        response, "innstilling"
    )
    decision = element_text(response, "vedtak")
    assert "26/00042" in decision
    assert "27.11.2026" in decision
    assert "500 000 kr" in decision
    assert "Innvilget Utbetalt Gjenstår 500 000 kr 0 kr 500 000 kr" in element_text(
        response, "utbetalinger"
    )
    budget = element_text(response, "budsjett")
    assert "Ramme Anbefalt Innvilget Utbetalt Gjenstår av rammen" in budget
    assert "2 000 000 kr 500 000 kr 500 000 kr 0 kr 1 500 000 kr" in budget


def test_the_change_page_shows_the_final_report_when_there_is_one(secretariat_client, make_case):
    application = make_case(State.REPORT_SUBMITTED)

    response = secretariat_client.get(change_url(application))

    report = element_text(response, "sluttrapport")
    assert "Prosjektet nådde hovedmålet." in report
    assert "950 000 kr" in report


def test_the_change_page_has_no_final_report_section_before_the_report(
    secretariat_client, make_case
):
    response = secretariat_client.get(change_url(make_case(State.IN_PROGRESS)))

    assert 'id="sluttrapport"' not in response.content.decode()


@pytest.mark.parametrize("state", list(BUTTONS), ids=str)
def test_the_buttons_are_exactly_the_actions_the_state_allows(secretariat_client, make_case, state):
    application = make_case(state)

    response = secretariat_client.get(change_url(application))

    assert [t.action for t, _url in response.context["workflow_actions"]] == BUTTONS[state]
    links = {attrs.get("href") for _tag, attrs in start_tags(response, "a")}
    for action in ACTIONS:
        assert (transition_url(application, action) in links) == (action in BUTTONS[state])


@pytest.mark.parametrize(
    ("state", "payable", "has_letter"),
    [
        (State.RECOMMENDED, False, False),
        (State.REJECTED, False, True),
        (State.APPROVED, False, True),
        (State.ACCEPTED, True, True),
        (State.COMPLETED, True, True),
    ],
    ids=str,
)
def test_payment_button_when_payable_and_letter_link_when_decided(
    secretariat_client, make_case, state, payable, has_letter
):
    application = make_case(state)

    response = secretariat_client.get(change_url(application))

    links = {attrs.get("href") for _tag, attrs in start_tags(response, "a")}
    text = page_text(response)
    assert (payment_url(application) in links) == payable
    assert ("Registrer utbetaling" in text) == payable
    assert (letter_url(application) in links) == has_letter
    assert ("Vedtaksbrev" in text) == has_letter


@pytest.mark.parametrize("action", list(ACTIONS))
def test_the_secretariat_takes_each_action_through_its_admin_page(
    secretariat_client, secretariat_user, make_case, action
):
    source, data, target = ACTIONS[action]
    application = make_case(source)

    form_page = secretariat_client.get(transition_url(application, action))
    response = secretariat_client.post(transition_url(application, action), data)

    assert form_page.status_code == 200
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == change_url(application)
    assert status_of(application) == target
    change = StatusChange.objects.filter(application=application).latest("created_at", "pk")
    assert (change.action, change.actor, change.to_status) == (action, secretariat_user, target)
    assert change.comment == data.get("comment", "")


@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_council_member_may_not_take_any_action(council_client, make_case, action):
    source, data, _target = ACTIONS[action]
    application = make_case(source)

    get = council_client.get(transition_url(application, action))
    post = council_client.post(transition_url(application, action), data)

    assert (get.status_code, post.status_code) == (403, 403)
    assert status_of(application) == source


@pytest.mark.parametrize("action", list(ACTIONS))
def test_an_applicant_is_sent_to_the_admin_login_and_nothing_changes(
    hamar_client, make_case, action
):
    source, data, _target = ACTIONS[action]
    application = make_case(source)
    url = transition_url(application, action)

    response = hamar_client.post(url, data)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"
    assert status_of(application) == source


@pytest.mark.parametrize("action", ["submit", "withdraw", "accept_grant", "submit_report"])
def test_the_applicants_actions_are_refused_in_admin(secretariat_client, make_case, action):
    application = make_case(State.SUBMITTED)

    response = secretariat_client.post(transition_url(application, action), {"comment": "x"})

    assert response.status_code == 403
    assert status_of(application) == State.SUBMITTED


def test_an_action_the_state_does_not_allow_goes_back_with_a_message(secretariat_client, make_case):
    application = make_case(State.SUBMITTED)

    response = secretariat_client.post(transition_url(application, "approve"), APPROVE, follow=True)

    assert response.redirect_chain == [(change_url(application), 302)]
    assert messages_of(response) == [
        "Søknaden har status «Sendt inn», og «Registrer vedtak: innvilget» kan ikke gjøres nå."
    ]
    assert status_of(application) == State.SUBMITTED
    assert not Decision.objects.exists()
