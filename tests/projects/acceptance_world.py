"""Hamar's grant waiting for its acceptance, and the addresses and answers the tests of grant
acceptance read."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from projects.models import Application, Decision, GrantAcceptance, StatusChange
from projects.services import application_decide
from projects.workflow import State
from tests.html import normalise

CONDITIONS = "Prosjektet skal nevne Hamarregionen IPR som bidragsyter."


def today():
    return timezone.localdate()


def granted(make_case, secretariat_user, *, decided_days_ago=2, due_in=None, **decision):
    """Hamar's grant of 400 000 kr, decided `decided_days_ago` days ago and registered today
    through the services: waiting for its acceptance, three weeks from today unless another
    deadline is given. With `due_in`, the deadline falls that many days from today, as it does
    when the grant was registered on the day of its decision and has waited since."""
    application = make_case(State.RECOMMENDED, title="Bolyst i Hamarregionen")
    decided_on = today() - timedelta(days=decided_days_ago)
    application_decide(
        application=application,
        user=secretariat_user,
        outcome="approved",
        granted_amount=400_000,
        decided_on=decided_on,
        case_number="26/00042",
        conditions=CONDITIONS,
        decision_text="Regionrådet innvilger søknaden.",
        report_due_on=decided_on + timedelta(days=365),
        **decision,
    )
    if due_in is not None:
        Decision.objects.filter(application=application).update(
            acceptance_due_on=today() + timedelta(days=due_in)
        )
    return Application.objects.get(pk=application.pk)


def accept_url(application):
    return reverse("projects:grant-accept", args=[application.pk])


def deadline_url(application):
    return reverse("admin:projects_application_acceptance_deadline", args=[application.pk])


def stored(application):
    """What an acceptance changes: the status, the timeline and the acceptance record."""
    return (
        Application.objects.get(pk=application.pk).status,
        StatusChange.objects.filter(application=application).count(),
        GrantAcceptance.objects.filter(application=application).count(),
    )


def messages_of(response):
    return [normalise(str(message)) for message in response.context["messages"]]
