"""A decision references the meeting that made it: the decide service stores it, the admin's
decision form offers the meetings held, and the project page and the decision letter show it."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from projects.models import Decision
from projects.services import application_decide
from projects.workflow import State
from tests.admin_forms import admin_form_data
from tests.factories import MeetingFactory, case_in
from tests.html import element_text, page_text

pytestmark = pytest.mark.django_db

DECIDED_ON = date(2026, 11, 27)
APPROVE = {
    "granted_amount": "400 000",
    "decided_on": "27.11.2026",
    "case_number": "26/01234",
    "conditions": "",
    "decision_text": "Regionrådet innvilger søknaden.",
    "report_due_on": "2027-12-31",
}


def at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


@pytest.fixture
def recommended(secretariat_user, hamar, hamar_user):
    return case_in(
        State.RECOMMENDED,
        secretariat=secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Reiselivsstrategi for Mjøsregionen",
    )


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="Regionrådsmøte i november", starts_at=at(DECIDED_ON))


def decide(application, user, **changes):
    return application_decide(
        **{
            "application": application,
            "user": user,
            "outcome": "approved",
            "granted_amount": 400_000,
            "decided_on": DECIDED_ON,
            "case_number": "26/01234",
            "decision_text": "Regionrådet innvilger søknaden.",
            "report_due_on": date(2027, 12, 31),
            **changes,
        }
    )


def transition_url(application, action):
    return reverse("admin:projects_application_transition", args=[application.pk, action])


def test_the_decide_service_stores_the_meeting(recommended, secretariat_user, meeting):
    decision = decide(recommended, secretariat_user, meeting=meeting)

    assert Decision.objects.get(pk=decision.pk).meeting == meeting
    assert list(meeting.decisions.all()) == [decision]


def test_a_decision_without_a_meeting_is_still_recorded(recommended, secretariat_user):
    decision = decide(recommended, secretariat_user)

    assert decision.meeting is None


def test_a_meeting_after_the_decision_date_is_refused(recommended, secretariat_user):
    later = MeetingFactory(starts_at=at(DECIDED_ON + timedelta(days=1)))

    with pytest.raises(ValidationError) as refused:
        decide(recommended, secretariat_user, meeting=later)

    assert "er etter vedtaksdatoen" in " ".join(refused.value.message_dict["meeting"])
    assert not Decision.objects.exists()


def test_the_decision_form_offers_the_meetings_held_and_stores_the_one_chosen(
    secretariat_client, recommended, meeting
):
    upcoming = MeetingFactory(title="Neste møte", starts_at=timezone.now() + timedelta(days=7))

    form_page = secretariat_client.get(transition_url(recommended, "approve"))
    response = secretariat_client.post(
        transition_url(recommended, "approve"), {**APPROVE, "meeting": meeting.pk}
    )

    offered = list(form_page.context["form"].fields["meeting"].queryset)
    assert meeting in offered
    assert upcoming not in offered
    assert response.status_code == 302
    assert Decision.objects.get(application=recommended).meeting == meeting


def test_the_decision_form_refuses_a_meeting_after_the_decision_date_at_the_field(
    secretariat_client, recommended, meeting
):
    response = secretariat_client.post(
        transition_url(recommended, "approve"),
        {
            **APPROVE,
            "decided_on": "26.11.2026",
            "report_due_on": "2027-12-31",
            "meeting": meeting.pk,
        },
    )

    assert response.status_code == 200
    assert "er etter vedtaksdatoen" in " ".join(response.context["form"].errors["meeting"])
    assert not Decision.objects.exists()


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "4242"])
def test_the_decision_form_refuses_a_meeting_not_in_the_list(
    secretariat_client, recommended, value
):
    response = secretariat_client.post(
        transition_url(recommended, "approve"), {**APPROVE, "meeting": value}
    )

    assert response.status_code == 200
    assert "Velg et møte fra listen." in page_text(response)
    assert not Decision.objects.exists()


def test_the_project_page_links_the_meeting_that_funded_it(
    client, recommended, secretariat_user, meeting
):
    decide(recommended, secretariat_user, meeting=meeting)

    response = client.get(recommended.get_public_url())

    shown = element_text(response, "vedtatt-i-mote")
    assert "Regionrådsmøte i november" in shown
    assert "27.11.2026" in shown
    assert f'href="{meeting.get_absolute_url()}"' in response.content.decode()


def test_the_decision_letter_names_the_meeting_and_its_address(
    secretariat_client, recommended, secretariat_user, meeting
):
    decide(recommended, secretariat_user, meeting=meeting)

    response = secretariat_client.get(
        reverse("admin:projects_application_decision_letter", args=[recommended.pk])
    )

    letter = element_text(response, "content-main")
    assert "Møte Regionrådsmøte i november 27.11.2026" in letter
    assert "Vedtaket ble gjort i regionrådets møte «Regionrådsmøte i november» 27.11.2026" in letter
    assert f"http://testserver{meeting.get_absolute_url()}" in letter


def test_a_meeting_with_decisions_cannot_be_deleted(recommended, secretariat_user, meeting):
    decide(recommended, secretariat_user, meeting=meeting)

    with pytest.raises(ProtectedError):
        meeting.delete()


def test_a_meeting_cannot_be_moved_to_after_the_decisions_made_in_it(
    secretariat_client, recommended, secretariat_user, meeting
):
    decide(recommended, secretariat_user, meeting=meeting)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = admin_form_data(
        secretariat_client.get(url), starts_at_0="28.11.2026", starts_at_1="10:00"
    )

    response = secretariat_client.post(url, data)

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["starts_at"])
    assert "Et vedtak gjort i dette møtet har vedtaksdato 27.11.2026." in errors
    assert timezone.localdate(Meeting.objects.get().starts_at) == DECIDED_ON


def test_a_meeting_may_move_within_the_day_of_its_decisions_or_earlier(
    secretariat_client, recommended, secretariat_user, meeting
):
    decide(recommended, secretariat_user, meeting=meeting)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = admin_form_data(
        secretariat_client.get(url), starts_at_0="26.11.2026", starts_at_1="18:00"
    )

    response = secretariat_client.post(url, data)

    assert response.status_code == 302
    assert timezone.localdate(Meeting.objects.get().starts_at) == date(2026, 11, 26)
