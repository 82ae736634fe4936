"""The minutes (protokoll) are public only once the secretariat publishes them: until then no
public page shows them, to anyone; the secretariat reads and edits them in admin."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from meetings.services import meeting_publish_minutes, meeting_unpublish_minutes
from tests.factories import MeetingFactory
from tests.html import page_text

pytestmark = pytest.mark.django_db

SECRET = "Utkast: ordføreren i Løten ba om utsettelse av sak 3."


@pytest.fixture
def unpublished(db):
    return MeetingFactory(title="Møtet med utkastet", minutes=SECRET)


@pytest.fixture
def public_clients(client, hamar_client, council_client, secretariat_client):
    return {
        "anonymous": client,
        "municipality": hamar_client,
        "council": council_client,
        "secretariat": secretariat_client,
    }


@pytest.mark.parametrize("role", ["anonymous", "municipality", "council", "secretariat"])
def test_unpublished_minutes_are_on_no_public_page_for_anyone(public_clients, unpublished, role):
    client = public_clients[role]

    pages = [
        client.get(unpublished.get_absolute_url()),
        client.get(reverse("meetings:meeting-list")),
        client.get(reverse("programme:home")),
    ]

    for response in pages:
        assert response.status_code == 200
        assert "ordføreren i Løten" not in response.content.decode()
    assert "Protokollen er ikke publisert ennå" in page_text(pages[0])


def test_published_minutes_are_on_the_meeting_page_as_safe_markdown(client):
    meeting = MeetingFactory(
        minutes="### Sak 1\n\n**Vedtak:** Godkjent.\n\n<script>alert('x')</script>"
    )
    meeting_publish_minutes(meeting=meeting)

    response = client.get(meeting.get_absolute_url())

    content = response.content.decode()
    assert "<h3>Sak 1</h3>" in content
    assert "<strong>Vedtak:</strong> Godkjent." in content
    assert "<script>alert" not in content
    assert f"Publisert {timezone.localdate():%d.%m.%Y}." in page_text(response)


def test_withdrawn_minutes_leave_the_public_page_again(client):
    meeting = MeetingFactory(minutes=SECRET)
    meeting_publish_minutes(meeting=meeting)
    assert "ordføreren i Løten" in page_text(client.get(meeting.get_absolute_url()))

    meeting_unpublish_minutes(meeting=meeting)

    assert "ordføreren i Løten" not in page_text(client.get(meeting.get_absolute_url()))
    assert not Meeting.objects.with_public_minutes().exists()


def test_the_secretariat_reads_unpublished_minutes_in_admin(secretariat_client, unpublished):
    response = secretariat_client.get(
        reverse("admin:meetings_meeting_change", args=[unpublished.pk])
    )

    assert response.status_code == 200
    assert SECRET in page_text(response)


def test_only_published_minutes_count_as_public():
    MeetingFactory(minutes="Skrevet, ikke publisert")
    MeetingFactory(minutes="")
    published = MeetingFactory(minutes="Godkjent protokoll")
    meeting_publish_minutes(meeting=published)

    assert list(Meeting.objects.with_public_minutes()) == [published]


def test_minutes_that_are_not_written_cannot_be_published():
    meeting = MeetingFactory(minutes="  ")

    with pytest.raises(ValidationError, match="har ingen protokoll ennå"):
        meeting_publish_minutes(meeting=meeting)

    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None


def test_the_minutes_of_a_meeting_not_yet_held_cannot_be_published():
    meeting = MeetingFactory(starts_at=timezone.now() + timedelta(days=7))

    with pytest.raises(ValidationError, match="er ikke holdt ennå"):
        meeting_publish_minutes(meeting=meeting)

    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None


def test_publishing_again_keeps_the_first_publication_date():
    meeting = MeetingFactory()
    first = meeting_publish_minutes(meeting=meeting).minutes_published_at

    again = meeting_publish_minutes(meeting=meeting).minutes_published_at

    assert again == first
