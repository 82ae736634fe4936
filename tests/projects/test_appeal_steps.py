"""An appeal carried through the workflow: taken up again by the council to a new decision
and letter, or forwarded to the appeal body, whose outcome returns the case to the decision
appealed against or to a new review."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from projects.models import Appeal, Application, Decision, Payment
from projects.services import (
    appeal_outcomes,
    appeal_register,
    appeal_settle,
    application_decide,
    application_recommend,
    application_transition,
)
from projects.workflow import Action, State
from tests.factories import PDF_BYTES
from tests.html import page_text
from tests.projects.appeal_pages import letters
from tests.projects.case_admin_pages import APPROVE, RECOMMEND, TODAY, status_of, transition_url
from tests.projects.test_case_documents import text_of

pytestmark = pytest.mark.django_db


def test_reassessment_leads_to_a_new_decision_and_letter_while_the_first_stays(
    secretariat_client, make_case, hamar_client, django_capture_on_commit_callbacks
):
    application = make_case(State.APPEALED)
    (first,) = letters(application)
    first_html = first.html

    steps = [
        (Action.REASSESS_APPEAL, {"decided_on": TODAY}),
        (Action.RECOMMEND, RECOMMEND),
        (Action.APPROVE, {**APPROVE, "case_number": "26/01300"}),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for action, data in steps:
            response = secretariat_client.post(transition_url(application, action), data)
            assert response.status_code == 302, response.context["form"].errors

    application.refresh_from_db()
    assert application.status == State.APPROVED
    assert (application.decision.outcome, application.decision.granted_amount) == (
        "approved",
        400_000,
    )
    assert application.appeals.get().outcome == Appeal.Outcome.REASSESSED
    assert application.appeals.get().decided_by_body == Appeal.Body.COUNCIL
    first_again, second = letters(application)
    assert first_again.pk == first.pk
    assert first_again.html == first_html
    assert "Avslag på søknad om tilskudd" in text_of(first_again.html)
    second_text = text_of(second.html)
    assert "Tilskuddsbrev" in second_text
    assert "Saksnummer 26/01300" in second_text
    assert f"etter klagen som kom inn {TODAY}" in second_text
    for letter in (first_again, second):
        download = hamar_client.get(letter.get_absolute_url())
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"


def test_an_appeal_the_appeal_body_does_not_uphold_returns_the_case_to_its_rejection(
    secretariat_client, make_case, hamar_client, django_capture_on_commit_callbacks
):
    application = make_case(State.APPEALED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        forwarded = secretariat_client.post(
            transition_url(application, Action.FORWARD_APPEAL), {"forwarded_on": TODAY}
        )
        kept = secretariat_client.post(
            transition_url(application, Action.KEEP_REJECTION),
            {"outcome": "not_upheld", "decided_on": TODAY, "comment": ""},
        )

    assert (forwarded.status_code, kept.status_code) == (302, 302)
    assert status_of(application) == State.REJECTED
    appeal = application.appeals.get()
    assert (appeal.forwarded_on, appeal.outcome, appeal.decided_by_body) == (
        timezone.localdate(),
        Appeal.Outcome.NOT_UPHELD,
        Appeal.Body.APPEAL_BODY,
    )
    assert len(letters(application)) == 1
    assert [message.subject for message in mail.outbox] == [
        "Klagen er sendt til klageinstansen: Bolyst i Hamarregionen",
        "Klagen er avgjort: Bolyst i Hamarregionen",
    ]
    page = page_text(hamar_client.get(application.get_absolute_url()))
    assert "Klagen førte ikke fram; avslaget står" in page
    assert "Ikke tatt til følge (Klageinstansen" in page


def test_an_appealed_partial_grant_that_comes_to_nothing_is_a_grant_again(
    make_case, secretariat_user
):
    application = make_case(State.APPROVED, granted=300_000)
    # The time to accept ran out while the appeal was handled.
    Decision.objects.filter(application=application).update(
        acceptance_due_on=timezone.localdate() - timedelta(days=1)
    )
    appeal_register(
        application=application,
        user=secretariat_user,
        received_on=timezone.localdate(),
        grounds="Vi søkte om 500 000 kr.",
    )
    assert not Application.objects.funded().filter(pk=application.pk).exists()

    appeal_settle(
        application=application,
        user=secretariat_user,
        action=Action.KEEP_GRANT,
        outcome=Appeal.Outcome.WITHDRAWN,
        decided_on=timezone.localdate(),
    )

    assert status_of(application) == State.APPROVED
    assert Application.objects.funded().filter(pk=application.pk).exists()
    # The grantee has the full three weeks to accept again from the appeal's outcome.
    decision = Decision.objects.get(application=application)
    assert decision.acceptance_due_on == timezone.localdate() + timedelta(days=21)


def test_the_step_that_lets_the_other_outcome_stand_is_refused(make_case, secretariat_user):
    application = make_case(State.APPEALED)

    with pytest.raises(Exception, match="passer ikke"):
        appeal_settle(
            application=application,
            user=secretariat_user,
            action=Action.KEEP_GRANT,
            outcome=Appeal.Outcome.DISMISSED,
            decided_on=timezone.localdate(),
        )
    assert status_of(application) == State.APPEALED


def test_the_council_cannot_itself_decide_not_to_uphold_an_appeal(make_case, secretariat_user):
    application = make_case(State.APPEALED)

    with pytest.raises(ValidationError) as refused:
        appeal_settle(
            application=application,
            user=secretariat_user,
            action=Action.KEEP_REJECTION,
            outcome=Appeal.Outcome.NOT_UPHELD,
            decided_on=timezone.localdate(),
        )
    assert "outcome" in refused.value.message_dict
    assert application.appeals.get().is_open


def test_a_new_decision_after_an_appeal_cannot_grant_less_than_was_paid(
    make_case, secretariat_user
):
    application = make_case(State.APPROVED, granted=300_000)
    Payment.objects.create(application=application, amount=200_000, paid_on=date(2026, 12, 1))
    appeal_register(
        application=application,
        user=secretariat_user,
        received_on=timezone.localdate(),
        grounds="Vi søkte om mer.",
    )
    settle = Appeal.Outcome.REASSESSED
    appeal_settle(
        application=application,
        user=secretariat_user,
        action=Action.REASSESS_APPEAL,
        outcome=settle,
        decided_on=timezone.localdate(),
    )
    application_recommend(
        application=application,
        user=secretariat_user,
        assessment="Ny vurdering.",
        recommended_amount=0,
    )

    with pytest.raises(ValidationError) as refused:
        application_decide(
            application=application,
            user=secretariat_user,
            outcome="rejected",
            granted_amount=0,
            decided_on=timezone.localdate(),
            case_number="26/00042",
            decision_text="Regionrådet avslår søknaden.",
        )

    assert "Det er allerede utbetalt 200" in " ".join(refused.value.messages)
    assert status_of(application) == State.RECOMMENDED


def test_an_appeal_file_is_not_among_the_applications_attachments_when_the_case_is_returned(
    make_case, secretariat_user, hamar_client
):
    application = make_case(State.REJECTED)
    appeal_register(
        application=application,
        user=secretariat_user,
        received_on=timezone.localdate(),
        grounds_file=SimpleUploadedFile("klage.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    application.refresh_from_db()
    appeal_settle(
        application=application,
        user=secretariat_user,
        action=Action.REASSESS_APPEAL,
        outcome=appeal_outcomes(application=application, action=Action.REASSESS_APPEAL)[0],
        decided_on=timezone.localdate(),
    )
    application_transition(
        application=application,
        action=Action.RETURN,
        user=secretariat_user,
        comment="Legg ved et nytt budsjett.",
    )

    edit = hamar_client.get(reverse("projects:application-edit", args=[application.pk]))

    assert edit.status_code == 200
    assert "klage.pdf" not in [
        attachment.original_name for attachment in edit.context["attachments"]
    ]
    assert "klage.pdf" not in page_text(edit)
