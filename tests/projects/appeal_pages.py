"""The appeal pages in admin and the decision letters, for the appeal tests."""

from datetime import date

from django.urls import reverse

from projects.models import CaseDocument
from projects.workflow import Action
from tests.projects.case_admin_pages import TODAY, transition_url

GROUNDS = "Prosjektet oppfyller utlysningens krav, og avslaget bygger på feil opplysninger."


def change_url(application):
    return reverse("admin:projects_application_change", args=[application.pk])


def register_url(application):
    return transition_url(application, Action.REGISTER_APPEAL)


def day(value: date) -> str:
    return f"{value:%d.%m.%Y}"


def register_through_admin(client, application, *, follow=False, **data):
    return client.post(
        register_url(application),
        {"received_on": TODAY, "grounds": GROUNDS, **data},
        follow=follow,
    )


def letters(application):
    return list(application.documents.filter(kind=CaseDocument.Kind.DECISION_LETTER))
