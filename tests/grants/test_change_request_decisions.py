"""The secretariat's decision on a change request: approval makes the change (a change of the
grant's terms gets a frozen letter), rejection changes nothing; both enter the timeline, the
status never changes, and the applicant is told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from grants.models import ChangeRequest
from grants.services.change_requests import change_request_decide
from projects.models import Application, CaseDocument
from projects.services import final_report_save
from projects.workflow import Action, State
from tests.factories import change_request
from tests.grants.follow_up_pages import (
    LEADER_FORM,
    budget,
    decide_url,
    follow_up_url,
    lines,
    page_text_of,
    request_url,
    timeline,
)
from tests.html import page_text

pytestmark = pytest.mark.django_db

Kind = ChangeRequest.Kind


def test_approving_a_new_end_date_moves_the_report_deadline_and_freezes_a_change_letter(
    secretariat_client, hamar_client, project, django_capture_on_commit_callbacks
):
    old_end, old_due = project.end_date, project.decision.report_due_on
    change = change_request(project, end_date=old_end + timedelta(days=92))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(decide_url(change), {"decision": "approved"})

    assert response.status_code == 302
    project = Application.objects.get(pk=project.pk)
    assert project.end_date == old_end + timedelta(days=92)
    assert project.decision.report_due_on == old_due + timedelta(days=92)
    assert project.status == State.IN_PROGRESS
    assert timeline(project)[-2:] == [
        (Action.REQUEST_CHANGE, State.IN_PROGRESS, State.IN_PROGRESS),
        (Action.APPROVE_CHANGE, State.IN_PROGRESS, State.IN_PROGRESS),
    ]
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.APPROVED
    letter = change.letter()
    assert letter.kind == CaseDocument.Kind.CHANGE_LETTER
    assert letter.status_change == change.decision_entry
    assert bytes(letter.pdf).startswith(b"%PDF")
    assert letter.matches_checksum()
    (message,) = mail.outbox
    assert message.subject == f"Endringen er godkjent: {project.title}"
    assert f"https://portal.example.org{letter.get_absolute_url()}" in message.body
    assert hamar_client.get(letter.get_absolute_url()).content == bytes(letter.pdf)
    assert letter.get_absolute_url() in hamar_client.get(follow_up_url(project)).content.decode()


def test_the_change_letter_names_the_case_the_change_and_the_appeal_route(
    secretariat_user, project
):
    old_end = project.end_date
    change = change_request(project, end_date=old_end + timedelta(days=92))

    change = change_request_decide(change_request=change, user=secretariat_user, approve=True)

    text = page_text_of(change.letter().html)
    assert "Vedtak om endring" in text
    assert "Saksnummer 26/00042" in text
    assert f"Sluttdato {old_end:%d.%m.%Y} {change.new_end_date:%d.%m.%Y}" in text
    assert "Tilskuddet er fortsatt 500 000 kr" in text.replace("\xa0", " ")
    assert "Vedtaket kan påklages, jf. forvaltningsloven § 28." in text
    assert "Klagefristen er 3 uker" in text


def test_approving_a_revised_budget_changes_the_plans_and_keeps_the_grant(
    secretariat_client, hamar_client, project
):
    plan = lines(project)
    hamar_client.post(
        request_url(project, "budsjett"),
        budget(project, cost=1_200_000, own=700_000, council=500_000),
    )
    change = ChangeRequest.objects.get()

    secretariat_client.post(decide_url(change), {"decision": "approved", "reason": "Greit."})

    project = Application.objects.get(pk=project.pk)
    assert project.total_cost() == 1_200_000
    assert project.total_funding() == 1_200_000
    assert project.granted_amount() == 500_000
    assert lines(project)["own"].pk == plan["own"].pk
    assert project.status == State.IN_PROGRESS
    letter = ChangeRequest.objects.get().letter()
    text = page_text_of(letter.html).replace("\xa0", " ")
    assert "Prosjektledelse 1 000 000 kr 1 200 000 kr" in text
    assert "Merknad fra sekretariatet Greit." in text


def test_approving_a_new_project_leader_changes_the_lead_without_a_letter_and_never_publicly(
    client, secretariat_client, hamar_client, project
):
    hamar_client.post(request_url(project, "prosjektleder"), LEADER_FORM)
    change = ChangeRequest.objects.get()
    assert "Per Persen" not in change.request_entry.comment

    secretariat_client.post(decide_url(change), {"decision": "approved"})

    project = Application.objects.get(pk=project.pk)
    assert (
        project.project_leader_name,
        project.project_leader_email,
        project.project_leader_phone,
    ) == ("Per Persen", "per@hamar.example.org", "900 00 000")
    assert ChangeRequest.objects.get().letter() is None
    assert project.status_changes.filter(action=Action.APPROVE_CHANGE).exists()
    public = client.get(project.get_public_url())
    assert public.status_code == 200
    assert "Per Persen" not in public.content.decode()
    assert "Endring godkjent" not in page_text(public)


def test_rejecting_changes_nothing_and_tells_the_applicant_why(
    secretariat_client, project, django_capture_on_commit_callbacks
):
    old_end = project.end_date
    change = change_request(project)
    mail.outbox.clear()

    refused = secretariat_client.post(decide_url(change), {"decision": "rejected", "reason": ""})
    assert refused.status_code == 200
    assert "Skriv hvorfor endringen avslås." in " ".join(refused.context["form"].errors["reason"])
    change.refresh_from_db()
    assert change.is_pending

    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(
            decide_url(change), {"decision": "rejected", "reason": "Fristen kan ikke flyttes."}
        )

    project = Application.objects.get(pk=project.pk)
    assert project.end_date == old_end
    assert project.status == State.IN_PROGRESS
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.REJECTED
    assert change.letter() is None
    assert timeline(project)[-1] == (Action.REJECT_CHANGE, State.IN_PROGRESS, State.IN_PROGRESS)
    assert change.decision_entry.comment == "Fristen kan ikke flyttes."
    (message,) = mail.outbox
    assert message.subject == f"Endringen er avslått: {project.title}"
    assert "Fristen kan ikke flyttes." in message.body


def test_a_decided_request_is_not_decided_again(secretariat_client, project):
    change = change_request(project)
    secretariat_client.post(decide_url(change), {"decision": "rejected", "reason": "Nei."})

    response = secretariat_client.post(decide_url(change), {"decision": "approved"}, follow=True)

    assert "Endringssøknaden er allerede avgjort." in page_text(response)
    assert project.status_changes.filter(action=Action.APPROVE_CHANGE).count() == 0


def test_the_timeline_and_the_workflow_go_on_after_a_change(
    secretariat_user, hamar_client, hamar_user, project
):
    change_request_decide(
        change_request=change_request(project), user=secretariat_user, approve=True
    )

    page = page_text(hamar_client.get(project.get_absolute_url()))
    assert "Endringssøknad sendt" in page
    assert "Endring godkjent" in page
    final_report_save(
        application=project,
        user=hamar_user,
        results="Prosjektet nådde målene.",
        actual_cost=1_000_000,
        submit=True,
    )
    project.refresh_from_db()
    assert project.status == State.REPORT_SUBMITTED
    response = hamar_client.get(request_url(project, "sluttdato"))
    assert response.context["refusal"] is not None
    assert "Bare innvilgede prosjekter som ikke har levert sluttrapporten" in page_text(response)


def test_an_approval_is_checked_again_against_the_project_as_it_is_then(
    secretariat_client, hamar_user, project
):
    change = change_request(project)
    final_report_save(
        application=project,
        user=hamar_user,
        results="Prosjektet nådde målene.",
        actual_cost=1_000_000,
        submit=True,
    )

    response = secretariat_client.post(decide_url(change), {"decision": "approved"}, follow=True)

    assert "Bare innvilgede prosjekter som ikke har levert sluttrapporten" in page_text(response)
    change.refresh_from_db()
    assert change.is_pending
    assert Application.objects.get(pk=project.pk).end_date == project.end_date
    assert not project.status_changes.filter(action=Action.APPROVE_CHANGE).exists()


def test_only_the_secretariat_decides_and_only_the_owning_municipality_asks(
    hamar_user, loten_user, project
):
    change = change_request(project)

    with pytest.raises(PermissionDenied):
        change_request_decide(change_request=change, user=hamar_user, approve=True)
    with pytest.raises(PermissionDenied):
        change_request(project, kind=Kind.BUDGET, user=loten_user)
    assert ChangeRequest.objects.count() == 1
