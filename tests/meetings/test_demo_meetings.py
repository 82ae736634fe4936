"""`make run` shows a held meeting with published minutes and the demo decisions, a held meeting
whose minutes are not yet published, and an upcoming meeting (refused without DEBUG:
test_demo_meetings_refusals.py)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from meetings.models import Guest, Meeting
from projects.models import Decision
from tests.html import page_text

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def kept_meetings(kept_demo, django_db_blocker):
    """The demo meetings on the module's demo data (tests/conftest.py kept_demo), rolled back
    with it."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True):
        run("create_demo_meetings")
    return kept_demo


@pytest.fixture
def demo(kept_meetings, db, settings):
    """The demo data and meetings, made once for the module: the tests that want none are in
    test_demo_meetings_refusals.py."""
    settings.DEBUG = True
    settings.PRIVATE_MEDIA_ROOT = kept_meetings


def test_the_demo_has_a_meeting_of_each_kind(demo):
    past = list(Meeting.objects.past())
    upcoming = list(Meeting.objects.upcoming())

    assert len(upcoming) == 1
    assert [meeting.minutes_are_public for meeting in past] == [False, True]
    assert all(meeting.minutes for meeting in past)
    assert set(Guest.objects.values_list("name", flat=True)) == {
        "LO",
        "NHO",
        "Statsforvalteren i Innlandet",
    }


def test_the_demo_decisions_reference_the_meeting_with_published_minutes(demo):
    held = Meeting.objects.with_public_minutes().get()
    decisions = Decision.objects.all()

    assert decisions.exists()
    assert all(decision.meeting == held for decision in decisions)
    text = page_text(Client().get(held.get_absolute_url()))
    assert "Reiselivsstrategi for Mjøsregionen" in text
    assert "Felles kulturkalender på nett" not in text  # the demo rejection


def test_running_it_again_changes_nothing(demo):
    before = (Meeting.objects.count(), Guest.objects.count())

    assert "nothing done" in run("create_demo_meetings")
    assert (Meeting.objects.count(), Guest.objects.count()) == before
