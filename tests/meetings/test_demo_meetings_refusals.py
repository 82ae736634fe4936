"""The demo meetings are refused without DEBUG, and a dry run creates none. Apart from
test_demo_meetings.py, whose tests all start from the demo data."""

import pytest
from django.core.management import CommandError

from meetings.models import Meeting
from tests.meetings.test_demo_meetings import run

pytestmark = pytest.mark.django_db


def test_it_is_refused_without_debug(settings, programme_fixture):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only made while DEBUG is on"):
        run("create_demo_meetings")
    assert not Meeting.objects.exists()


def test_a_dry_run_creates_nothing(settings, programme_fixture):
    settings.DEBUG = True

    assert "Would create" in run("create_demo_meetings", "--dry-run")
    assert not Meeting.objects.exists()
