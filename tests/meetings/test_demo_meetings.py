"""`make run` shows a held meeting with published minutes and the demo decisions, a held meeting
whose minutes are not yet published, and an upcoming meeting."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from meetings.models import Guest, Meeting
from projects.models import Decision
from tests.html import page_text

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(settings, programme_fixture):
    settings.DEBUG = True
    run("create_demo_accounts")
    run("create_demo_data")
    run("create_demo_follow_up")
    run("create_demo_meetings")


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


def test_it_is_refused_without_debug(settings, programme_fixture):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only made while DEBUG is on"):
        run("create_demo_meetings")
    assert not Meeting.objects.exists()


def test_a_dry_run_creates_nothing(settings, programme_fixture):
    settings.DEBUG = True

    assert "Would create" in run("create_demo_meetings", "--dry-run")
    assert not Meeting.objects.exists()
