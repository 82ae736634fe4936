"""Helpers for the workflow tests: an application in a given state, and what a refused action
must leave as it was."""

from projects.models import Application
from tests.factories import complete_application

RETURN_COMMENT = "Legg ved kostnadsoverslag fra leverandør."


def application_in(state, hamar, hamar_user):
    return complete_application(
        lead_municipality=hamar,
        created_by=hamar_user,
        status=state,
        contact_email="kontakt@hamar.example.org",
    )


def snapshot(application):
    stored = Application.objects.get(pk=application.pk)
    return (stored.status, stored.submitted_at, stored.updated_at, stored.status_changes.count())
