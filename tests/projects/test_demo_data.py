"""Demo accounts and demo data for a developer's machine, made with DEBUG on (refused without:
test_demo_data_refusals.py)."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from projects.models import Application, FundingCall, StatusChange
from projects.services import application_submission_errors
from projects.workflow import State
from tests.html import page_text

pytestmark = pytest.mark.django_db

User = get_user_model()
APPLICANTS = ["hamar", "loten", "ringsaker", "stange"]


def run(command):
    out = StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def counts():
    return (
        User.objects.count(),
        Membership.objects.count(),
        FundingCall.objects.count(),
        Application.objects.count(),
        StatusChange.objects.count(),
    )


@pytest.fixture
def demo(kept_demo, db, settings):
    """The demo data, made once for the module: the tests that want none are in
    test_demo_data_refusals.py."""
    settings.DEBUG = True
    settings.PRIVATE_MEDIA_ROOT = kept_demo


def test_each_municipality_has_a_demo_applicant_with_a_known_password(demo):
    for name in APPLICANTS:
        user = authenticate(username=name, password=f"demo-{name}")

        assert user is not None, name
        assert (user.is_staff, user.is_superuser) == (False, False)
        assert list(
            user.memberships.values_list("organisation__municipality__slug", flat=True)
        ) == [name]


def test_there_is_one_open_and_one_closed_demo_call(demo):
    calls = list(FundingCall.objects.all())

    assert len(calls) == 2
    assert sorted(call.is_open() for call in calls) == [False, True]
    (closed,) = [call for call in calls if not call.is_open()]
    assert closed.has_closed()
    assert all(call.focus_areas.exists() for call in calls)


def test_demo_applications_are_in_the_states_the_issue_lists(demo):
    statuses = set(Application.objects.values_list("status", flat=True))

    assert {State.DRAFT, State.SUBMITTED, State.RETURNED, State.WITHDRAWN} <= statuses
    returned = Application.objects.get(status=State.RETURNED)
    assert returned.status_changes.get(action="return").comment
    for application in Application.objects.exclude(status=State.DRAFT):
        assert application.status_changes.exclude(action="create").exists()


def test_the_paid_and_started_demo_grants_were_accepted_by_their_applicant_first(demo):
    for application in Application.objects.filter(payments__isnull=False).distinct():
        acceptance = application.grant_acceptance
        assert acceptance.accepted_by.username == application.lead_municipality.slug
        change = application.status_changes.get(action="accept_grant")
        assert change.actor == acceptance.accepted_by
        assert acceptance.accepted_at.date() < application.payments.earliest("paid_on").paid_on
    waiting = Application.objects.get(status=State.APPROVED)
    assert waiting.title == "Reiselivsstrategi for Mjøsregionen"
    assert not waiting.payments.exists()
    assert waiting.decision.acceptance_due_on > timezone.localdate()
    client = Client()
    client.login(username="hamar", password="demo-hamar")
    page = page_text(client.get(waiting.get_absolute_url()))
    assert "Jeg bekrefter at kommunen aksepterer tilsagnet og vilkårene" in page


def test_the_demo_draft_is_complete_enough_to_send_in(demo):
    draft = Application.objects.get(status=State.DRAFT)

    assert application_submission_errors(application=draft, now=draft.funding_call.opens_at) == {}


def test_the_demo_hamar_user_sees_hamars_applications_only(demo):
    client = Client()
    client.login(username="hamar", password="demo-hamar")

    response = client.get(reverse("projects:my-applications"))

    assert {a.lead_municipality.slug for a in response.context["applications"]} == {"hamar"}
    assert "Bolyst i Hamarregionen" in page_text(response)


def test_running_create_demo_data_again_adds_nothing(demo):
    before = counts()

    output = run("create_demo_data")

    assert counts() == before
    assert "nothing done" in output
