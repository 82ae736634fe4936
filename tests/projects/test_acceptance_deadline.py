"""The deadline for accepting a grant: three weeks after the decision unless the secretariat sets
another in the decision form, after the decision date, none for a rejection; the secretariat
moves it later, and the applicant is told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from projects.models import Application, Decision
from projects.services import grant_accept
from projects.workflow import State
from tests.html import element_text, start_tags
from tests.projects.acceptance_world import accept_url, deadline_url, messages_of, today
from tests.projects.case_admin_pages import APPROVE, transition_url

pytestmark = pytest.mark.django_db


# --- The deadline -------------------------------------------------------------------------------


def test_the_deadline_is_three_weeks_after_the_decision_or_its_registration_unless_given(
    grant,
):
    assert grant(decided_days_ago=0).decision.acceptance_due_on == today() + timedelta(days=21)
    # A decision registered after its day: the grantee still has three weeks from today.
    assert grant(decided_days_ago=30).decision.acceptance_due_on == today() + timedelta(days=21)
    given = today() + timedelta(days=40)
    assert grant(acceptance_due_on=given).decision.acceptance_due_on == given


def test_the_decision_form_offers_three_weeks_and_a_blank_field_gives_them(
    secretariat_client, make_case, django_capture_on_commit_callbacks
):
    application = make_case(State.RECOMMENDED)
    url = transition_url(application, "approve")

    form = secretariat_client.get(url).context["form"]
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(url, {**APPROVE, "acceptance_due_on": ""})

    assert form.initial["acceptance_due_on"] == today() + timedelta(days=21)
    assert response.status_code == 302
    decision = Decision.objects.get(application=application)
    assert decision.decided_on.isoformat() == "2026-11-27"
    due = today() + timedelta(days=21)
    assert decision.acceptance_due_on == due
    # The approval mail says the grant must be accepted by then.
    (approval,) = [m for m in mail.outbox if m.subject.startswith("Søknaden er innvilget")]
    assert f"Frist for aksept av tilsagnet: {due:%d.%m.%Y}" in approval.body
    assert (
        f"Kommunen må akseptere tilsagnet og vilkårene i portalen senest {due:%d.%m.%Y}. Ingenting "
        "utbetales før tilsagnet er akseptert." in approval.body
    )


def test_a_deadline_on_or_before_the_decision_date_is_refused_at_the_field(
    secretariat_client, make_case
):
    application = make_case(State.RECOMMENDED)

    response = secretariat_client.post(
        transition_url(application, "approve"), {**APPROVE, "acceptance_due_on": "2026-11-27"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["acceptance_due_on"] == [
        "Fristen for å akseptere tilsagnet må være etter vedtaksdatoen."
    ]
    assert not Decision.objects.filter(application=application).exists()


def test_a_rejection_has_no_acceptance_deadline_and_the_database_holds_the_rule(make_case):
    rejected = make_case(State.REJECTED)

    assert rejected.decision.acceptance_due_on is None
    with pytest.raises(IntegrityError):
        Decision.objects.filter(pk=rejected.decision.pk).update(
            acceptance_due_on=rejected.decision.decided_on + timedelta(days=1)
        )


def test_an_approval_without_a_deadline_after_its_date_is_refused_by_the_database(make_case):
    decision = make_case(State.APPROVED).decision

    with pytest.raises(IntegrityError):
        Decision.objects.filter(pk=decision.pk).update(acceptance_due_on=decision.decided_on)


# --- The secretariat moves the deadline -----------------------------------------------------------


def test_the_secretariat_moves_a_passed_deadline_and_the_applicant_can_accept_again(
    secretariat_client, hamar_client, grant, django_capture_on_commit_callbacks
):
    application = grant(decided_days_ago=30, due_in=-9)
    new_due = today() + timedelta(days=10)
    case = secretariat_client.get(
        reverse("admin:projects_application_change", args=[application.pk])
    )
    assert deadline_url(application) in {a.get("href") for _t, a in start_tags(case, "a")}
    assert "Ikke akseptert. Fristen gikk ut" in element_text(case, "aksept")

    page = secretariat_client.get(deadline_url(application))
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            deadline_url(application), {"acceptance_due_on": new_due.isoformat()}, follow=True
        )

    assert page.status_code == 200
    due = new_due.strftime("%d.%m.%Y")
    assert messages_of(response) == [
        f"Fristen for aksept er flyttet til {due}. Søkeren har fått e-post."
    ]
    assert Decision.objects.get(application=application).acceptance_due_on == new_due
    (moved,) = mail.outbox
    assert moved.subject == "Ny frist for å akseptere tilsagnet: Bolyst i Hamarregionen"
    assert f"senest {due}" in moved.body
    assert moved.to == ["kontakt@hamar.example.org", application.created_by.email]
    accepted = hamar_client.post(accept_url(application), {"confirmed": "on"})
    assert accepted.status_code == 302
    assert Application.objects.get(pk=application.pk).status == State.ACCEPTED


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (19, "Den nye fristen må være senere enn den som gjelder nå, {due}."),
        (None, "Oppgi den nye fristen."),
    ],
    ids=["earlier", "empty"],
)
def test_a_deadline_not_later_than_the_current_one_is_refused_at_the_field(
    secretariat_client, grant, days, message
):
    application = grant()
    current = application.decision.acceptance_due_on

    response = secretariat_client.post(
        deadline_url(application),
        {"acceptance_due_on": "" if days is None else (today() + timedelta(days=days)).isoformat()},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["acceptance_due_on"] == [
        message.format(due=current.strftime("%d.%m.%Y"))
    ]
    assert Decision.objects.get(application=application).acceptance_due_on == current
    assert mail.outbox == []


def test_the_deadline_of_an_accepted_grant_cannot_be_moved(secretariat_client, hamar_user, grant):
    application = grant()
    grant_accept(application=application, user=hamar_user, confirmed=True)
    current = application.decision.acceptance_due_on

    page = secretariat_client.get(deadline_url(application), follow=True)
    posted = secretariat_client.post(
        deadline_url(application),
        {"acceptance_due_on": (today() + timedelta(days=60)).isoformat()},
        follow=True,
    )

    assert "Fristen for aksept kan bare flyttes mens tilsagnet venter på aksept." in (
        " ".join(messages_of(page))
    )
    assert "Fristen for aksept kan bare flyttes mens tilsagnet venter på aksept." in (
        " ".join(messages_of(posted))
    )
    assert Decision.objects.get(application=application).acceptance_due_on == current


def test_council_members_may_not_move_the_deadline(council_client, grant):
    application = grant()

    response = council_client.post(deadline_url(application), {"acceptance_due_on": "2099-01-01"})

    assert response.status_code == 403
    assert Decision.objects.get(application=application).acceptance_due_on.year != 2099
