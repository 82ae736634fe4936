"""The front page shows the next meetings, never past ones, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import MeetingFactory
from tests.html import element_text, page_text

pytestmark = pytest.mark.django_db

HOME = reverse("programme:home")


def in_days(days):
    return timezone.now() + timedelta(days=days)


def test_the_front_page_shows_the_next_three_meetings_and_no_past_one(client, programme_fixture):
    MeetingFactory(title="Holdt i forrige uke", starts_at=in_days(-7))
    for days in (30, 2, 9, 60):
        MeetingFactory(title=f"Om {days} dager", starts_at=in_days(days))

    response = client.get(HOME)

    upcoming = element_text(response, "kommende-moter-liste")
    assert (
        upcoming.index("Om 2 dager") < upcoming.index("Om 9 dager") < upcoming.index("Om 30 dager")
    )
    assert "Om 60 dager" not in upcoming
    assert "Holdt i forrige uke" not in page_text(response)


def test_the_front_page_says_when_no_meeting_is_planned(client, programme_fixture):
    MeetingFactory(starts_at=in_days(-7))

    assert "Ingen kommende møter er satt opp ennå." in page_text(client.get(HOME))


def test_the_front_page_needs_as_many_queries_for_three_meetings_as_for_one(
    client, programme_fixture
):
    MeetingFactory(starts_at=in_days(3))
    with CaptureQueriesContext(connection) as one:
        client.get(HOME)
    MeetingFactory(starts_at=in_days(4))
    MeetingFactory(starts_at=in_days(5))
    with CaptureQueriesContext(connection) as three:
        response = client.get(HOME)

    assert page_text(response).count("Tidspunkt") == 3
    assert len(three) == len(one)
