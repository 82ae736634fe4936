"""The secretariat keeps the meetings in admin: agenda items inline, guests, and the actions that
publish and withdraw the minutes; council members read them; the «Sekretariat» group has the
permissions from the migration."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from tests.admin_forms import admin_form_data
from tests.factories import AgendaItemFactory, GuestFactory, MeetingFactory, funded_project
from tests.html import page_text

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:meetings_meeting_changelist")


def act(client, action, *meetings):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [meeting.pk for meeting in meetings]},
        follow=True,
    )


def change_form_data(client, meeting, **changes):
    """The change page's fields as posted: the admin splits the time into a date and a time."""
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    local = timezone.localtime(meeting.starts_at)
    data = admin_form_data(
        client.get(url), starts_at_0=f"{local:%d.%m.%Y}", starts_at_1=f"{local:%H:%M}"
    )
    return url, {**data, **changes}


def published_at(meeting):
    return Meeting.objects.get(pk=meeting.pk).minutes_published_at


def test_the_secretariat_group_may_keep_meetings_guests_and_agendas():
    codenames = set(
        Group.objects.get(name="Sekretariat")
        .permissions.filter(content_type__app_label="meetings")
        .values_list("codename", flat=True)
    )

    for model in ("meeting", "agendaitem", "guest"):
        for action in ("add", "change", "delete", "view"):
            assert f"{action}_{model}" in codenames
    assert "view_historicalmeeting" in codenames


def test_the_publish_action_publishes_the_minutes(secretariat_client, client):
    meeting = MeetingFactory(minutes="Protokoll fra møtet.")

    response = act(secretariat_client, "meeting_publish_minutes", meeting)

    assert "Protokollen er publisert for 1 møte." in page_text(response)
    assert published_at(meeting) is not None
    assert "Protokoll fra møtet." in page_text(client.get(meeting.get_absolute_url()))


def test_the_publish_action_says_which_meetings_it_could_not_publish(secretariat_client):
    written = MeetingFactory(title="Møtet med protokoll")
    empty = MeetingFactory(title="Møtet uten protokoll", minutes="")
    upcoming = MeetingFactory(title="Neste møte", starts_at=timezone.now() + timedelta(days=3))

    response = act(secretariat_client, "meeting_publish_minutes", written, empty, upcoming)

    text = page_text(response)
    assert "Protokollen er publisert for 1 møte." in text
    assert f"«{empty}» har ingen protokoll ennå" in text
    assert f"«{upcoming}» er ikke holdt ennå" in text
    assert published_at(written) is not None
    assert published_at(empty) is None
    assert published_at(upcoming) is None


def test_the_withdraw_action_takes_the_minutes_off_the_public_page(secretariat_client, client):
    meeting = MeetingFactory(minutes="Protokoll fra møtet.")
    act(secretariat_client, "meeting_publish_minutes", meeting)

    response = act(secretariat_client, "meeting_unpublish_minutes", meeting)

    assert "Protokollen er trukket tilbake for 1 møte." in page_text(response)
    assert published_at(meeting) is None
    assert "Protokoll fra møtet." not in page_text(client.get(meeting.get_absolute_url()))


def test_a_council_member_reads_the_meetings_but_cannot_publish(council_client):
    meeting = MeetingFactory(minutes="Protokoll fra møtet.")

    change_page = council_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    act(council_client, "meeting_publish_minutes", meeting)

    assert change_page.status_code == 200
    assert published_at(meeting) is None


def test_the_secretariat_adds_agenda_items_with_focus_areas_applications_and_guests(
    secretariat_client, programme_fixture
):
    meeting = MeetingFactory(title="Regionrådsmøte")
    project = funded_project(title="Tilflytterguide")
    focus_area = project.focus_areas.get()
    guest = GuestFactory(name="Statsforvalteren i Innlandet")
    url, data = change_form_data(secretariat_client, meeting)

    response = secretariat_client.post(
        url,
        {
            **data,
            "agenda_items-TOTAL_FORMS": "1",
            "agenda_items-0-number": "1",
            "agenda_items-0-title": "Regionvekstavtale",
            "agenda_items-0-description": "Status i Mjøsby-samarbeidet.",
            "agenda_items-0-focus_areas": [str(focus_area.pk)],
            "agenda_items-0-applications": [str(project.pk)],
            "agenda_items-0-guests": [str(guest.pk)],
        },
    )

    assert response.status_code == 302, response.context["errors"]
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.title == "Regionvekstavtale"
    assert list(item.focus_areas.all()) == [focus_area]
    assert list(item.applications.all()) == [project]
    assert list(item.guests.all()) == [guest]


def test_two_agenda_items_may_not_share_a_number(secretariat_client):
    item = AgendaItemFactory(number=1)
    url, data = change_form_data(secretariat_client, item.meeting)

    response = secretariat_client.post(
        url,
        {
            **data,
            "agenda_items-TOTAL_FORMS": "2",
            "agenda_items-1-number": "1",
            "agenda_items-1-title": "En sak til",
        },
    )

    assert response.status_code == 200
    assert AgendaItem.objects.count() == 1


def test_published_minutes_cannot_be_emptied_in_the_form(secretariat_client):
    meeting = MeetingFactory(minutes="Protokoll fra møtet.")
    act(secretariat_client, "meeting_publish_minutes", meeting)
    url, data = change_form_data(secretariat_client, meeting, minutes="")

    response = secretariat_client.post(url, data)

    assert response.status_code == 200
    assert "Trekk tilbake publiseringen først." in page_text(response)
    assert Meeting.objects.get(pk=meeting.pk).minutes == "Protokoll fra møtet."


def test_the_secretariat_adds_a_meeting(secretariat_client):
    url = reverse("admin:meetings_meeting_add")
    data = admin_form_data(secretariat_client.get(url))

    response = secretariat_client.post(
        url,
        {
            **data,
            "title": "Regionrådsmøte i juni",
            "starts_at_0": "12.06.2027",
            "starts_at_1": "10:00",
            "place": "Løten kommunehus",
        },
    )

    assert response.status_code == 302, response.context["errors"]
    meeting = Meeting.objects.get()
    assert (timezone.localtime(meeting.starts_at).day, meeting.minutes_published_at) == (12, None)


def test_a_council_member_reads_what_the_minutes_state_means_not_how_to_publish_them(
    council_client,
):
    meeting = MeetingFactory(minutes="Protokoll fra møtet.", description="Om møtet.")
    AgendaItemFactory(meeting=meeting, description="Om saken.")

    text = page_text(
        council_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    )

    assert "Protokollen vises offentlig når den er publisert." in text
    assert "Publiser protokollen" not in text
    assert "sekretariatet" not in text
    assert "Markdown" not in text


def test_the_secretariat_is_told_how_to_publish_the_minutes_and_write_markdown(
    secretariat_client,
):
    meeting = MeetingFactory(minutes="Protokoll fra møtet.")

    text = page_text(
        secretariat_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    )

    assert "Publiser den med handlingen «Publiser protokollen» i møtelisten." in text
    assert "Markdown: tom linje mellom avsnitt" in text
