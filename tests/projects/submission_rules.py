"""Helpers for the tests of the rules an application must meet to be sent in."""

import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from projects.models import Application
from projects.services import application_transition
from projects.workflow import State

OSLO = ZoneInfo("Europe/Oslo")
NBSP = "\u00a0"

REQUIRED_MESSAGE = "Fyll ut dette feltet før du sender inn."


def kr(text):
    """Amounts as format_nok writes them, with non-breaking spaces, from a readable
    "1 000 000 kr". (Page text collapses them to plain spaces: see tests.html.normalise.)"""
    return re.sub(r"(?<=\d) (?=\d|kr\b)", NBSP, text)


def submit(application, user, **kwargs):
    return application_transition(application=application, action="submit", user=user, **kwargs)


def submission_codes(application, user, **kwargs) -> dict:
    """{field: [code, ...]} of the ValidationError the submission raises; asserts it raised and
    that the application is still a draft with no new step in its timeline."""
    steps = application.status_changes.count()
    with pytest.raises(ValidationError) as raised:
        submit(application, user, **kwargs)
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == State.DRAFT
    assert stored.submitted_at is None
    assert stored.status_changes.count() == steps
    return {
        field: [error.code for error in errors] for field, errors in raised.value.error_dict.items()
    }


def messages_at(application, user, field, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        submit(application, user, **kwargs)
    return [message for error in raised.value.error_dict[field] for message in error.messages]
