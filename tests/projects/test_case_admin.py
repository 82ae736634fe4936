"""The secretariat handles a case from the application's change page in admin: the case view,
one page per workflow action, the decision letter; council members and applicants may not."""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.urls import reverse

from projects.models import Application, Decision, Recommendation, StatusChange
from projects.workflow import State
from tests.factories import AttachmentFactory, case_in
from tests.html import element_text, normalise, page_text, start_tags

pytestmark = pytest.mark.django_db

COMMENT = "Kostnadsplanen mangler lønn til prosjektleder."

RECOMMEND = {"assessment": "Godt forankret i alle fire kommuner.", "recommended_amount": "450 000"}
DECISION = {
    "decided_on": "27.11.2026",
    "case_number": "26/01234",
    "conditions": "Prosjektet skal nevne Hamarregionen IPR som bidragsyter.",
    "decision_text": "Regionrådet innvilger søknaden.",
}
APPROVE = {**DECISION, "granted_amount": "400 000", "report_due_on": "2027-12-31"}

# Each secretariat action through admin: the state it starts from, the form, the state it
# leads to.
ACTIONS = {
    "start_review": (State.SUBMITTED, {}, State.IN_REVIEW),
    "return": (State.IN_REVIEW, {"comment": COMMENT}, State.RETURNED),
    "recommend": (State.IN_REVIEW, RECOMMEND, State.RECOMMENDED),
    "approve": (State.RECOMMENDED, APPROVE, State.APPROVED),
    "reject": (State.RECOMMENDED, DECISION, State.REJECTED),
    "start_project": (State.APPROVED, {}, State.IN_PROGRESS),
    "return_report": (State.REPORT_SUBMITTED, {"comment": COMMENT}, State.IN_PROGRESS),
    "approve_report": (State.REPORT_SUBMITTED, {}, State.COMPLETED),
}

# The buttons each state shows the secretariat on the change page.
BUTTONS = {
    State.SUBMITTED: ["return", "start_review"],
    State.IN_REVIEW: ["return", "recommend"],
    State.RECOMMENDED: ["approve", "reject"],
    State.APPROVED: ["start_project"],
    State.REJECTED: [],
    State.IN_PROGRESS: [],
    State.REPORT_SUBMITTED: ["return_report", "approve_report"],
    State.COMPLETED: [],
}


@pytest.fixture
def make_case(secretariat_user, hamar, hamar_user):
    def make(state, **fields):
        return case_in(
            state,
            secretariat=secretariat_user,
            lead_municipality=hamar,
            created_by=hamar_user,
            **fields,
        )

    return make


def change_url(application):
    return reverse("admin:projects_application_change", args=[application.pk])


def transition_url(application, action):
    return reverse("admin:projects_application_transition", args=[application.pk, action])


def payment_url(application):
    return reverse("admin:projects_application_payment", args=[application.pk])


def letter_url(application):
    return reverse("admin:projects_application_decision_letter", args=[application.pk])


def status_of(application):
    return Application.objects.get(pk=application.pk).status


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- The case view ---------------------------------------------------------------------------


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
        (State.APPROVED, True, True),
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


# --- Each action: allowed for the secretariat, refused for council members and applicants ---


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


@pytest.mark.parametrize("action", ["submit", "withdraw", "submit_report"])
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


# --- The forms: the services' rules at the fields ----------------------------------------------


@pytest.mark.parametrize(
    ("action", "source"), [("return", State.SUBMITTED), ("return_report", State.REPORT_SUBMITTED)]
)
def test_returning_needs_a_comment(secretariat_client, make_case, action, source):
    application = make_case(source)

    response = secretariat_client.post(transition_url(application, action), {"comment": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "comment": ["Skriv en begrunnelse som søkeren får se."]
    }
    assert status_of(application) == source


def test_the_recommendation_is_stored_with_its_assessment_and_amount(
    secretariat_client, secretariat_user, make_case
):
    application = make_case(State.IN_REVIEW)

    secretariat_client.post(transition_url(application, "recommend"), RECOMMEND)

    recommendation = Recommendation.objects.get(application=application)
    assert recommendation.assessment == "Godt forankret i alle fire kommuner."
    assert recommendation.recommended_amount == 450_000
    assert recommendation.written_by == secretariat_user


def test_a_recommended_amount_over_the_amount_applied_is_refused_at_the_field(
    secretariat_client, make_case
):
    application = make_case(State.IN_REVIEW)

    response = secretariat_client.post(
        transition_url(application, "recommend"), {**RECOMMEND, "recommended_amount": "500001"}
    )

    assert response.status_code == 200
    assert (
        page_text(response).count(
            "Anbefalt beløp kan ikke være høyere enn søknadsbeløpet, 500 000 kr."
        )
        == 1
    )
    assert response.context["form"].has_error("recommended_amount")
    assert status_of(application) == State.IN_REVIEW
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize("amount", ["abc", "-5", "1,5", "9" * 30])
def test_an_amount_that_is_not_whole_kroner_is_refused_at_the_field(
    secretariat_client, make_case, amount
):
    application = make_case(State.IN_REVIEW)

    response = secretariat_client.post(
        transition_url(application, "recommend"), {**RECOMMEND, "recommended_amount": amount}
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("recommended_amount")
    assert status_of(application) == State.IN_REVIEW


def test_the_approval_is_stored_as_the_decision(secretariat_client, secretariat_user, make_case):
    application = make_case(State.RECOMMENDED)

    secretariat_client.post(transition_url(application, "approve"), APPROVE)

    decision = Decision.objects.get(application=application)
    assert decision.outcome == Decision.Outcome.APPROVED
    assert decision.granted_amount == 400_000
    assert decision.decided_on == date(2026, 11, 27)
    assert decision.case_number == "26/01234"
    assert decision.conditions == "Prosjektet skal nevne Hamarregionen IPR som bidragsyter."
    assert decision.decision_text == "Regionrådet innvilger søknaden."
    assert decision.report_due_on == date(2027, 12, 31)
    assert decision.recorded_by == secretariat_user


def test_the_rejection_form_asks_for_no_amount_and_stores_0_kr(secretariat_client, make_case):
    application = make_case(State.RECOMMENDED)

    form_page = secretariat_client.get(transition_url(application, "reject"))
    secretariat_client.post(
        transition_url(application, "reject"),
        {**DECISION, "granted_amount": "300000", "report_due_on": "2027-12-31"},
    )

    assert set(form_page.context["form"].fields) == {
        "decided_on",
        "meeting",
        "case_number",
        "conditions",
        "decision_text",
    }
    decision = Decision.objects.get(application=application)
    assert (decision.outcome, decision.granted_amount, decision.report_due_on) == (
        Decision.Outcome.REJECTED,
        0,
        None,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"case_number": ""}, "case_number", "Oppgi saksnummeret."),
        ({"decision_text": " "}, "decision_text", "Skriv vedtaksteksten."),
        ({"decided_on": "31.02.2026"}, "decided_on", "Skriv datoen som dd.mm.åååå"),
        ({"report_due_on": ""}, "report_due_on", "Sett en frist for sluttrapporten."),
        (
            {"report_due_on": "2026-11-27"},
            "report_due_on",
            "Fristen for sluttrapporten må være etter vedtaksdatoen.",
        ),
        (
            {"granted_amount": "500001"},
            "granted_amount",
            "Innvilget beløp kan ikke være høyere enn søknadsbeløpet, 500 000 kr.",
        ),
        ({"granted_amount": "0"}, "granted_amount", "Et innvilget tilskudd må være større"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_decision_with_a_fault_is_refused_at_its_field(
    secretariat_client, make_case, changes, field, message
):
    application = make_case(State.RECOMMENDED)

    response = secretariat_client.post(
        transition_url(application, "approve"), {**APPROVE, **changes}
    )

    assert response.status_code == 200
    assert message in normalise(" ".join(response.context["form"].errors[field]))
    assert message in page_text(response)
    assert status_of(application) == State.RECOMMENDED
    assert not Decision.objects.exists()


# --- The decision letter ----------------------------------------------------------------------


def test_the_approval_letter_has_everything_the_municipality_needs(secretariat_client, make_case):
    application = make_case(State.APPROVED, granted=450_000)

    response = secretariat_client.get(letter_url(application))

    assert response.status_code == 200
    assert [attrs.get("id") for _tag, attrs in start_tags(response, "h1")] == ["brev-tittel"]
    letter = element_text(response, "content-main")
    for expected in (
        "Tilskuddsbrev",
        "Til: Hamar",
        "Saksnummer 26/00042",
        "Vedtaksdato 27.11.2026",
        "Tilskudd til prosjektet «Bolyst i Hamarregionen»",
        "et tilskudd på 450 000 kr",
        "Innvilget beløp 450 000 kr",
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


# --- Who may open each new admin page ----------------------------------------------------------

PAGES = {
    "transition": lambda app: transition_url(app, "start_project"),
    "payment": payment_url,
    "letter": letter_url,
    "csv": lambda app: reverse("admin:projects_application_export_csv"),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_anonymous_visitors_are_sent_to_the_admin_login(client, make_case, page):
    url = PAGES[page](make_case(State.APPROVED))

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("page", list(PAGES))
def test_municipality_users_are_sent_to_the_admin_login(hamar_client, make_case, page):
    url = PAGES[page](make_case(State.APPROVED))

    response = hamar_client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("page", list(PAGES))
def test_council_members_are_refused(council_client, make_case, page):
    response = council_client.get(PAGES[page](make_case(State.APPROVED)))

    assert response.status_code == 403


@pytest.mark.parametrize("page", list(PAGES))
def test_the_secretariat_opens_each_page(secretariat_client, make_case, page):
    response = secretariat_client.get(PAGES[page](make_case(State.APPROVED)))

    assert response.status_code == 200


# --- E-mail once the action is committed -------------------------------------------------------

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
