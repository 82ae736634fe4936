"""After the meeting the secretariat records all of its decisions in one step from the agenda:
each through the projects' decision service, dated the meeting's date, all saved or none; and
before it, builds the agenda from the recommended cases."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem
from projects.models import Decision
from projects.workflow import State
from tests.factories import AgendaItemFactory, FundingCallFactory, MeetingFactory, case_in
from tests.html import element_text, page_text

pytestmark = pytest.mark.django_db

MEETING_DAY = timezone.localdate() - timedelta(days=2)


@pytest.fixture
def meeting(db):
    starts_at = timezone.make_aware(datetime.combine(MEETING_DAY, datetime.min.time()))
    return MeetingFactory(title="Regionrådsmøte", starts_at=starts_at.replace(hour=10))


@pytest.fixture
def call(db):
    return FundingCallFactory(budget_frame=700_000)


@pytest.fixture
def cases(call, secretariat_user, hamar, hamar_user, meeting):
    """Two recommended cases of the call, 400 000 kr recommended each: together over the frame."""
    made = []
    for number, title in enumerate(["Ladeinfrastruktur", "Reiselivsstrategi"], start=1):
        application = case_in(
            State.RECOMMENDED,
            secretariat=secretariat_user,
            recommended=400_000,
            funding_call=call,
            lead_municipality=hamar,
            created_by=hamar_user,
            title=title,
            end_date=date(2027, 6, 30),
        )
        AgendaItemFactory(meeting=meeting, number=number, title=title, applications=[application])
        made.append(application)
    return made


def decisions_url(meeting):
    return reverse("admin:meetings_meeting_decisions", args=[meeting.pk])


def row(index, application, outcome="approved", amount="400 000", case_number=None):
    prefix = f"vedtak-{index}"
    return {
        f"{prefix}-application_id": str(application.pk),
        f"{prefix}-outcome": outcome,
        f"{prefix}-granted_amount": amount,
        f"{prefix}-case_number": case_number or f"26/0{index + 100}",
        f"{prefix}-report_due_on": "2027-09-30",
        f"{prefix}-decision_text": "Regionrådet vedtok innstillingen.",
        f"{prefix}-conditions": "",
    }


def post_data(*rows):
    data = {
        "vedtak-TOTAL_FORMS": str(len(rows)),
        "vedtak-INITIAL_FORMS": str(len(rows)),
        "vedtak-MIN_NUM_FORMS": "0",
        "vedtak-MAX_NUM_FORMS": "1000",
    }
    for entry in rows:
        data.update(entry)
    return data


def test_the_page_lists_each_recommended_case_with_the_recommended_amount(
    secretariat_client, meeting, cases
):
    response = secretariat_client.get(decisions_url(meeting))

    assert response.status_code == 200
    text = page_text(response)
    assert "Ladeinfrastruktur" in text and "Reiselivsstrategi" in text
    assert 'value="400000"' in response.content.decode()


def test_all_decisions_are_recorded_in_one_step_dated_the_meetings_date(
    secretariat_client, meeting, cases
):
    first, second = cases

    response = secretariat_client.post(
        decisions_url(meeting),
        post_data(row(0, first, amount="300 000"), row(1, second, outcome="rejected", amount="")),
    )

    assert response.status_code == 302
    approved, rejected = (
        Decision.objects.get(application=first),
        Decision.objects.get(application=second),
    )
    assert (approved.outcome, approved.granted_amount) == ("approved", 300_000)
    assert (rejected.outcome, rejected.granted_amount) == ("rejected", 0)
    assert approved.decided_on == rejected.decided_on == MEETING_DAY
    assert approved.meeting == rejected.meeting == meeting
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (State.APPROVED, State.REJECTED)


def test_a_budget_frame_overrun_in_one_case_saves_nothing_and_says_so_at_the_case(
    secretariat_client, meeting, cases
):
    first, second = cases

    response = secretariat_client.post(
        decisions_url(meeting), post_data(row(0, first), row(1, second))
    )

    assert response.status_code == 200
    assert not Decision.objects.exists()
    for application in cases:
        application.refresh_from_db()
        assert application.status == State.RECOMMENDED
    assert "over rammen" in element_text(response, f"vedtak-{second.pk}")
    assert "over rammen" not in element_text(response, f"vedtak-{first.pk}")
    assert "Ingen vedtak er lagret" in page_text(response)


def test_an_approval_without_a_case_number_is_refused_at_its_row(
    secretariat_client, meeting, cases
):
    first, second = cases
    missing = row(1, second, outcome="rejected")
    missing["vedtak-1-case_number"] = ""

    response = secretariat_client.post(decisions_url(meeting), post_data(row(0, first), missing))

    assert response.status_code == 200
    assert "Oppgi saksnummeret." in element_text(response, f"vedtak-{second.pk}")
    assert not Decision.objects.exists()


def test_decisions_cannot_be_recorded_before_the_meeting(secretariat_client, meeting, cases):
    meeting.starts_at = timezone.now() + timedelta(days=3)
    meeting.save()

    response = secretariat_client.post(
        decisions_url(meeting), post_data(row(0, cases[0], amount="300 000"))
    )

    assert response.status_code == 200
    assert "Møtet er ikke holdt ennå" in page_text(response)
    assert not Decision.objects.exists()


def test_a_case_not_on_the_agenda_is_refused(
    secretariat_client, meeting, cases, secretariat_user, call, hamar, hamar_user
):
    elsewhere = case_in(
        State.RECOMMENDED,
        secretariat=secretariat_user,
        funding_call=call,
        lead_municipality=hamar,
        created_by=hamar_user,
    )

    response = secretariat_client.post(
        decisions_url(meeting), post_data(row(0, elsewhere, amount="100 000"))
    )

    assert response.status_code == 200
    assert not Decision.objects.exists()


@pytest.mark.parametrize("who", ["council_client"])
def test_a_council_member_may_not_record_decisions(request, who, meeting, cases):
    client = request.getfixturevalue(who)

    assert client.get(decisions_url(meeting)).status_code == 403
    response = client.post(decisions_url(meeting), post_data(row(0, cases[0], amount="1")))
    assert response.status_code == 403
    assert not Decision.objects.exists()


@pytest.mark.parametrize("who", ["client", "hamar_client"])
def test_who_is_not_staff_is_sent_to_the_admin_login(request, who, meeting, cases):
    response = request.getfixturevalue(who).get(decisions_url(meeting))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# The agenda from the recommended cases.


@pytest.fixture
def recommended(call, secretariat_user, hamar, hamar_user):
    return [
        case_in(
            State.RECOMMENDED,
            secretariat=secretariat_user,
            funding_call=call,
            lead_municipality=hamar,
            created_by=hamar_user,
            title=title,
        )
        for title in ("Sykkelveier", "Kulturnatt")
    ]


def agenda_url(meeting):
    return reverse("admin:meetings_meeting_agenda", args=[meeting.pk])


def test_the_agenda_page_lists_the_recommended_cases_on_no_agenda(
    secretariat_client, meeting, cases, recommended, secretariat_user, hamar, hamar_user
):
    in_review = case_in(
        State.IN_REVIEW,
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Under vurdering",
    )

    text = element_text(secretariat_client.get(agenda_url(meeting)), "innstilte-saker")

    assert "Sykkelveier" in text and "Kulturnatt" in text
    assert "Ladeinfrastruktur" not in text  # already on an agenda
    assert in_review.title not in text


def test_each_chosen_case_becomes_an_item_numbered_after_the_existing_ones(
    secretariat_client, meeting, cases, recommended
):
    response = secretariat_client.post(
        agenda_url(meeting), {"applications": [str(case.pk) for case in recommended]}
    )

    assert response.status_code == 302
    new = list(AgendaItem.objects.filter(meeting=meeting, number__gt=2).order_by("number"))
    assert [item.number for item in new] == [3, 4]
    assert [list(item.applications.all()) for item in new] == [[case] for case in recommended]
    assert "Sykkelveier" in new[0].title and "Hamar" in new[0].title


def test_choosing_nothing_is_refused_in_norwegian(secretariat_client, meeting, recommended):
    response = secretariat_client.post(agenda_url(meeting), {})

    assert response.status_code == 200
    assert "Velg minst én innstilt sak." in page_text(response)
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_a_case_already_on_this_meetings_agenda_is_refused(
    secretariat_user, meeting, cases, recommended
):
    from django.core.exceptions import ValidationError

    from meetings.services import agenda_add_recommended

    with pytest.raises(ValidationError) as refused:
        agenda_add_recommended(
            meeting=meeting, application_ids=[cases[0].pk, recommended[0].pk], by=secretariat_user
        )

    assert "står allerede på sakslisten" in " ".join(refused.value.messages)
    assert AgendaItem.objects.filter(meeting=meeting).count() == 2


def test_a_council_member_may_not_build_the_agenda(council_client, meeting, recommended):
    response = council_client.post(agenda_url(meeting), {"applications": [recommended[0].pk]})

    assert response.status_code == 403
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_after_the_decisions_the_published_minutes_show_the_grants_and_who_was_disqualified(
    secretariat_client, client, meeting, cases
):
    from tests.factories import staff_in_group

    first, second = cases
    member = staff_in_group("Rådsmedlem", first_name="Kari", last_name="Nordmann")
    secretariat_client.post(
        reverse("admin:meetings_meeting_disqualifications", args=[meeting.pk]),
        {
            "item": meeting.agenda_items.get(number=1).pk,
            "member": member.pk,
            "reason": "Styremedlem hos søkeren.",
        },
    )
    secretariat_client.post(
        decisions_url(meeting),
        post_data(row(0, first, amount="300 000"), row(1, second, outcome="rejected", amount="")),
    )
    secretariat_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "meeting_publish_minutes", "_selected_action": [meeting.pk]},
    )

    response = client.get(meeting.get_absolute_url())

    assert "Ladeinfrastruktur" in element_text(response, "vedtak-liste")
    assert "300 000 kr" in element_text(response, "vedtak-liste")
    assert "Reiselivsstrategi" not in element_text(response, "vedtak-liste")
    assert element_text(response, "inhabilitet") == (
        "Sak 1: Ladeinfrastruktur – Inhabil: Kari Nordmann"
    )
