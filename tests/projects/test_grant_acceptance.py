"""Grant acceptance (aksept av tilsagn): the lead municipality accepts the grant and its
conditions on the application's page before the deadline; nobody else may; nothing is paid and
the project does not start before it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from projects.models import Application, GrantAcceptance, Payment, StatusChange
from projects.services import (
    TransitionNotAllowed,
    application_transition,
    grant_accept,
    payment_register,
)
from projects.workflow import State
from tests.html import element_text, page_text, start_tags
from tests.projects.acceptance_world import (
    CONDITIONS,
    accept_url,
    messages_of,
    stored,
    today,
)
from tests.projects.case_admin_pages import payment_url

pytestmark = pytest.mark.django_db

CHECKBOX = "Jeg bekrefter at kommunen aksepterer tilsagnet og vilkårene"


# --- The applicant accepts ----------------------------------------------------------------------


def test_the_page_shows_the_amount_the_conditions_and_the_checkbox_before_acceptance(
    hamar_client, grant
):
    application = grant()

    page = hamar_client.get(application.get_absolute_url())

    due = (today() + timedelta(days=21)).strftime("%d.%m.%Y")
    step = element_text(page, "neste-steg")
    assert f"Kommunen må akseptere tilsagnet og vilkårene senest {due}." in step
    assert element_text(page, "aksept-vilkar") == f"Innvilget beløp 400 000 kr Vilkår {CONDITIONS}"
    assert CHECKBOX in step
    assert ("input", {"type": "checkbox", "name": "confirmed", "id": "id_confirmed"}) in [
        (tag, {k: attrs[k] for k in ("type", "name", "id") if k in attrs})
        for tag, attrs in start_tags(page, "input")
    ]
    assert ("form", {"method": "post", "action": accept_url(application)}) in [
        (tag, {k: attrs[k] for k in ("method", "action") if k in attrs})
        for tag, attrs in start_tags(page, "form")
    ]
    assert f"Ikke akseptert ennå, frist {due}" in element_text(page, "aksept-status")


def test_the_hamar_applicant_accepts_and_the_timeline_and_the_case_page_show_who_and_when(
    hamar_client, hamar_user, secretariat_client, grant, django_capture_on_commit_callbacks
):
    application = grant()

    with django_capture_on_commit_callbacks(execute=True):
        response = hamar_client.post(accept_url(application), {"confirmed": "on"}, follow=True)

    assert response.redirect_chain == [(application.get_absolute_url(), 302)]
    assert messages_of(response) == [
        "Tilsagnet og vilkårene er akseptert. Sekretariatet har fått beskjed, og tilskuddet kan "
        "nå utbetales."
    ]
    assert Application.objects.get(pk=application.pk).status == State.ACCEPTED
    acceptance = GrantAcceptance.objects.get(application=application)
    assert (acceptance.granted_amount, acceptance.conditions, acceptance.accepted_by) == (
        400_000,
        CONDITIONS,
        hamar_user,
    )
    change = StatusChange.objects.filter(application=application).latest("created_at", "pk")
    assert (change.action, change.actor, change.from_status, change.to_status) == (
        "accept_grant",
        hamar_user,
        State.APPROVED,
        State.ACCEPTED,
    )
    assert "Tilsagnet og vilkårene akseptert (Innvilget → til Tilsagn akseptert)" in page_text(
        response
    )
    when = timezone.localtime(acceptance.accepted_at).strftime("%d.%m.%Y")
    assert f"Akseptert {when}" in element_text(response, "aksept-status")
    assert "av Hanne Hamar" in element_text(response, "aksept-status")
    assert 'id="aksept"' not in response.content.decode()
    # The secretariat sees it on the case page and in the timeline there.
    case = secretariat_client.get(
        reverse("admin:projects_application_change", args=[application.pk])
    )
    assert f"Akseptert {when}" in element_text(case, "aksept")
    assert "Tilsagnet og vilkårene akseptert" in element_text(case, "tidslinje")
    # The applicant is told, and the secretariat that it may pay.
    assert [m.subject for m in mail.outbox] == [
        "Tilsagnet er akseptert: Bolyst i Hamarregionen",
        "Tilsagnet er akseptert: Bolyst i Hamarregionen",
    ]
    assert mail.outbox[1].to == ["sekretariat@example.org"]
    assert "Hamar har akseptert tilsagnet og vilkårene." in mail.outbox[1].body


def test_another_municipality_gets_404_and_nothing_changes(loten_client, grant):
    application = grant()
    before = stored(application)

    response = loten_client.post(accept_url(application), {"confirmed": "on"})

    assert response.status_code == 404
    assert "Bolyst i Hamarregionen" not in response.content.decode()
    assert stored(application) == before


def test_the_secretariat_does_not_accept_for_the_municipality(
    secretariat_client, secretariat_user, grant
):
    application = grant()
    before = stored(application)

    page = secretariat_client.get(application.get_absolute_url())
    response = secretariat_client.post(accept_url(application), {"confirmed": "on"})

    assert CHECKBOX not in page_text(page)
    assert response.status_code == 403
    assert stored(application) == before
    with pytest.raises(PermissionDenied):
        grant_accept(application=application, user=secretariat_user, confirmed=True)
    assert stored(application) == before


def test_without_the_checkbox_the_field_says_so_and_nothing_changes(hamar_client, grant):
    application = grant()
    before = stored(application)

    response = hamar_client.post(accept_url(application), {})

    assert response.status_code == 200
    message = "Kryss av for å bekrefte at kommunen aksepterer tilsagnet og vilkårene."
    assert response.context["acceptance_form"].errors == {"confirmed": [message]}
    assert message in element_text(response, "aksept")
    assert "Skjemaet har feil som må rettes" in element_text(response, "aksept")
    assert stored(application) == before


def test_the_service_refuses_an_acceptance_not_confirmed_at_the_field(hamar_user, grant):
    application = grant()

    with pytest.raises(ValidationError) as refused:
        grant_accept(application=application, user=hamar_user, confirmed=False)

    assert refused.value.message_dict == {
        "confirmed": ["Kryss av for å bekrefte at kommunen aksepterer tilsagnet og vilkårene."]
    }
    assert not GrantAcceptance.objects.exists()


def test_the_grant_can_be_accepted_on_the_last_day(hamar_client, grant):
    application = grant(decided_days_ago=21, due_in=0)

    response = hamar_client.post(accept_url(application), {"confirmed": "on"})

    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).status == State.ACCEPTED


def test_after_the_deadline_the_applicant_is_refused_and_told_to_contact_the_secretariat(
    hamar_client, hamar_user, grant
):
    application = grant(decided_days_ago=22, due_in=-1)
    due = (today() - timedelta(days=1)).strftime("%d.%m.%Y")
    before = stored(application)
    refusal = (
        f"Fristen for å akseptere tilsagnet gikk ut {due}; kontakt sekretariatet, som kan "
        "flytte fristen."
    )

    page = hamar_client.get(application.get_absolute_url())
    response = hamar_client.post(accept_url(application), {"confirmed": "on"}, follow=True)

    assert refusal in element_text(page, "aksept-frist")
    assert CHECKBOX not in page_text(page)
    assert messages_of(response) == [refusal]
    assert stored(application) == before
    # Without the checkbox too, the refusal says why, not that the box is empty.
    unticked = hamar_client.post(accept_url(application), {}, follow=True)
    assert messages_of(unticked) == [refusal]
    with pytest.raises(ValidationError) as refused:
        grant_accept(application=application, user=hamar_user, confirmed=True)
    assert refused.value.code == "acceptance_overdue"


def test_an_accepted_grant_cannot_be_accepted_again(hamar_client, hamar_user, grant):
    application = grant()
    grant_accept(application=application, user=hamar_user, confirmed=True)
    before = stored(application)

    response = hamar_client.post(accept_url(application), {"confirmed": "on"}, follow=True)

    assert "«Aksepter tilsagnet» kan ikke gjøres nå" in " ".join(messages_of(response))
    assert stored(application) == before


# --- No payment and no project start before the acceptance ----------------------------------------


def test_no_payment_before_the_acceptance_and_payments_after_it(
    secretariat_client, secretariat_user, hamar_user, grant
):
    application = grant()
    refusal = (
        "Tilsagnet er ikke akseptert ennå. Søkeren må akseptere tilsagnet og vilkårene i "
        "portalen før noe kan utbetales."
    )

    case = secretariat_client.get(
        reverse("admin:projects_application_change", args=[application.pk])
    )
    page = secretariat_client.get(payment_url(application), follow=True)
    posted = secretariat_client.post(
        payment_url(application), {"amount": "100000", "paid_on": "01.12.2026"}, follow=True
    )

    assert payment_url(application) not in {a.get("href") for _t, a in start_tags(case, "a")}
    assert messages_of(page) == [refusal]
    assert messages_of(posted) == [refusal]
    with pytest.raises(ValidationError) as refused:
        payment_register(
            application=application, user=secretariat_user, amount=1000, paid_on=today()
        )
    assert refused.value.code == "not_accepted"
    assert not Payment.objects.exists()

    grant_accept(application=application, user=hamar_user, confirmed=True)
    paid = secretariat_client.post(
        payment_url(application), {"amount": "100000", "paid_on": "01.12.2026"}
    )

    assert paid.status_code == 302
    assert Payment.objects.get(application=application).amount == 100_000


def test_the_project_cannot_start_before_the_acceptance(hamar_client, hamar_user, grant):
    application = grant()

    response = hamar_client.post(
        reverse("projects:project-start", args=[application.pk]), follow=True
    )

    assert "«Registrer prosjektstart» kan ikke gjøres nå" in " ".join(messages_of(response))
    assert Application.objects.get(pk=application.pk).status == State.APPROVED
    with pytest.raises(TransitionNotAllowed):
        application_transition(application=application, action="start_project", user=hamar_user)
