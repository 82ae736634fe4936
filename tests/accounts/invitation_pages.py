"""Helpers for the invitation tests: inviting from «Brukere» and accepting on the link's page."""

import re

from django.core import mail
from django.urls import reverse

from accounts.roles import Role

NEW_PASSWORD = "Mjøsa-rundt-2026"
INVITATION_LINK = re.compile(r"https://portal\.example\.org(/konto/invitasjon/[^/\s]+/)")


def invitation_path(message=None) -> str:
    """The path of the invitation link in `message`, or in the last mail sent."""
    message = message or mail.outbox[-1]
    (path,) = INVITATION_LINK.findall(message.body)
    return path


def people_url(municipality):
    return reverse("accounts:people", kwargs={"slug": municipality.organisation.slug})


def invite(client, municipality, email, role=Role.APPLICANT):
    return client.post(people_url(municipality), {"email": email, "role": role})


def accept(client, path, *, first="Kari", last="Nordmann", password=NEW_PASSWORD, again=None):
    return client.post(
        path,
        {
            "first_name": first,
            "last_name": last,
            "password": password,
            "password_again": password if again is None else again,
        },
    )
