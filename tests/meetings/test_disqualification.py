"""Conflicts of interest (inhabilitet): a council member declares one for an agenda item in the
meeting pack, or the secretariat records it in admin; the pack shows who is disqualified, tells
the disqualified member to leave the item, and the published minutes name them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from meetings.models import Disqualification
from meetings.services import disqualification_remove, meeting_publish_minutes
from projects.workflow import State
from tests.conftest import logged_in_client
from tests.factories import AgendaItemFactory, MeetingFactory, case_in, staff_in_group
from tests.html import element_text, page_text

pytestmark = pytest.mark.django_db

SUMMARY = "Felles reiselivssatsing for Mjøsregionen."


@pytest.fixture
def member(db):
    return staff_in_group("Rådsmedlem", username="kari", first_name="Kari", last_name="Nordmann")


@pytest.fixture
def member_client(member):
    return logged_in_client(member)


@pytest.fixture
def meeting(db):
    return MeetingFactory(
        title="Regionrådsmøte i desember", starts_at=timezone.now() + timedelta(days=7)
    )


@pytest.fixture
def item(meeting, secretariat_user, hamar, hamar_user):
    application = case_in(
        State.RECOMMENDED,
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        summary=SUMMARY,
    )
    return AgendaItemFactory(
        meeting=meeting, number=1, title="Reiselivssatsing", applications=[application]
    )


def declare_url(item):
    return reverse("meetings:disqualification-declare", args=[item.meeting_id, item.pk])


def pack_url(meeting):
    return reverse("meetings:meeting-pack", args=[meeting.pk])


def test_a_council_member_declares_themselves_disqualified_in_the_pack(member_client, member, item):
    response = member_client.post(
        declare_url(item), {f"sak-{item.pk}-reason": "Jeg sitter i styret til søkeren."}
    )

    assert response.status_code == 302
    disqualification = Disqualification.objects.get()
    assert (disqualification.item, disqualification.member) == (item, member)
    assert disqualification.recorded_by == member
    assert disqualification.reason == "Jeg sitter i styret til søkeren."


def test_the_disqualified_member_sees_the_title_and_a_notice_but_not_the_papers(
    member_client, item
):
    member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem hos søkeren."})

    response = member_client.get(pack_url(item.meeting))

    text = page_text(response)
    assert "Sak 1: Reiselivssatsing" in text
    assert "Du er inhabil i denne saken." in text
    assert "Du fratrer når saken behandles" in text
    assert "Inhabil: Kari Nordmann" in text
    assert SUMMARY not in text
    assert "Meld inhabilitet" not in text


def test_other_members_see_who_is_disqualified_and_still_read_the_papers(
    member_client, council_client, item
):
    member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem hos søkeren."})

    text = page_text(council_client.get(pack_url(item.meeting)))

    assert "Inhabil: Kari Nordmann" in text
    assert SUMMARY in text
    assert "Du er inhabil" not in text


def test_a_declaration_without_a_reason_is_refused_at_the_field(member_client, item):
    response = member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "  "})

    assert response.status_code == 400
    assert "Skriv hvorfor du er inhabil." in page_text(response)
    assert not Disqualification.objects.exists()


def test_a_second_declaration_changes_nothing(member_client, member, item):
    member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem."})

    response = member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Igjen."})

    assert response.status_code == 400
    assert Disqualification.objects.get().reason == "Styremedlem."


@pytest.mark.parametrize("who", ["hamar_client", "loten_client", "secretariat_client"])
def test_nobody_but_a_council_member_declares_in_the_pack(request, who, item):
    client = request.getfixturevalue(who)

    response = client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem."})

    assert response.status_code == 403
    assert not Disqualification.objects.exists()


def test_an_anonymous_visitor_cannot_declare(client, item):
    response = client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem."})

    assert response.status_code == 302
    assert not Disqualification.objects.exists()


def test_the_secretariat_records_a_members_disqualification_in_admin(
    secretariat_client, secretariat_user, member, item
):
    url = reverse("admin:meetings_meeting_disqualifications", args=[item.meeting_id])

    response = secretariat_client.post(
        url, {"item": item.pk, "member": member.pk, "reason": "Meldt i møtet."}
    )

    assert response.status_code == 302
    disqualification = Disqualification.objects.get()
    assert disqualification.member == member
    assert disqualification.recorded_by == secretariat_user
    assert "Kari Nordmann" in page_text(secretariat_client.get(url))


def test_the_secretariat_cannot_record_a_person_who_is_no_council_member(
    secretariat_client, hamar_user, item
):
    url = reverse("admin:meetings_meeting_disqualifications", args=[item.meeting_id])

    response = secretariat_client.post(
        url, {"item": item.pk, "member": hamar_user.pk, "reason": "Meldt i møtet."}
    )

    assert response.status_code == 200
    assert "Velg et rådsmedlem i listen." in page_text(response)
    assert not Disqualification.objects.exists()


def test_a_council_member_cannot_open_the_secretariats_page(council_client, item):
    url = reverse("admin:meetings_meeting_disqualifications", args=[item.meeting_id])

    assert council_client.get(url).status_code == 403


def test_the_published_minutes_name_who_did_not_take_part(
    member_client, client, item, secretariat_user
):
    member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem."})
    meeting = item.meeting
    meeting.starts_at = timezone.now() - timedelta(days=1)
    meeting.save()
    meeting_publish_minutes(meeting=meeting)

    response = client.get(meeting.get_absolute_url())

    assert element_text(response, "inhabilitet") == (
        "Sak 1: Reiselivssatsing – Inhabil: Kari Nordmann"
    )


def test_unpublished_minutes_name_nobody(member_client, client, item):
    member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem."})

    response = client.get(item.meeting.get_absolute_url())

    assert "Kari Nordmann" not in page_text(response)


def test_no_declaration_once_the_minutes_are_published(member_client, item):
    meeting = item.meeting
    meeting.starts_at = timezone.now() - timedelta(days=1)
    meeting.save()
    meeting_publish_minutes(meeting=meeting)

    response = member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem."})

    assert response.status_code == 400
    assert "Protokollen for møtet er publisert" in page_text(response)
    assert not Disqualification.objects.exists()


def test_the_secretariat_removes_a_disqualification_recorded_in_error(
    secretariat_client, member_client, member, item
):
    member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Feil sak."})
    recorded = Disqualification.objects.get()
    url = reverse("admin:meetings_meeting_disqualifications", args=[item.meeting_id])

    response = secretariat_client.post(url, {"remove_disqualification": recorded.pk}, follow=True)

    assert "Inhabiliteten til Kari Nordmann i Sak 1: Reiselivssatsing er fjernet." in page_text(
        response
    )
    assert not Disqualification.objects.exists()
    # The history keeps what was recorded and that it was removed.
    assert [entry.history_type for entry in recorded.history.order_by("history_id")] == ["+", "-"]
    # The member reads the item's papers again.
    assert SUMMARY in page_text(member_client.get(pack_url(item.meeting)))


def test_a_disqualification_cannot_be_removed_once_the_minutes_are_published(
    secretariat_client, member_client, item
):
    member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem."})
    meeting = item.meeting
    meeting.starts_at = timezone.now() - timedelta(days=1)
    meeting.save()
    meeting_publish_minutes(meeting=meeting)
    url = reverse("admin:meetings_meeting_disqualifications", args=[item.meeting_id])

    page = secretariat_client.get(url)
    response = secretariat_client.post(
        url, {"remove_disqualification": Disqualification.objects.get().pk}, follow=True
    )

    assert "Fjern" not in page_text(page)
    assert "Inhabiliteten kan ikke fjernes etterpå." in page_text(response)
    assert Disqualification.objects.count() == 1


@pytest.mark.parametrize(
    "chosen", ["999999", "ikke-et-tall", pytest.param("", id="of-another-meeting")]
)
def test_removing_a_disqualification_that_is_not_in_the_meeting_changes_nothing(
    secretariat_client, member_client, item, chosen
):
    member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem."})
    other_meeting = MeetingFactory(title="Et annet møte")
    url = reverse("admin:meetings_meeting_disqualifications", args=[other_meeting.pk])
    chosen = chosen or str(Disqualification.objects.get().pk)

    response = secretariat_client.post(url, {"remove_disqualification": chosen}, follow=True)

    assert response.status_code == 200
    assert "Inhabiliteten finnes ikke lenger i møtet." in page_text(response)
    assert Disqualification.objects.count() == 1


def test_a_council_member_cannot_remove_a_disqualification_through_admin(
    council_client, member_client, item
):
    member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem."})
    url = reverse("admin:meetings_meeting_disqualifications", args=[item.meeting_id])

    response = council_client.post(
        url, {"remove_disqualification": Disqualification.objects.get().pk}
    )

    assert response.status_code == 403
    assert Disqualification.objects.count() == 1


def test_only_the_secretariat_or_the_member_named_removes_a_disqualification(
    member_client, member, item
):
    member_client.post(declare_url(item), {f"sak-{item.pk}-reason": "Styremedlem."})
    colleague = staff_in_group("Rådsmedlem", username="ola", first_name="Ola", last_name="Berg")

    with pytest.raises(PermissionDenied):
        disqualification_remove(disqualification=Disqualification.objects.get(), by=colleague)
    disqualification_remove(disqualification=Disqualification.objects.get(), by=member)

    assert not Disqualification.objects.exists()
