"""Each event of a case appears once in its timeline: in the secretariat's case page as on the
applicant's page, whether the application was made through the portal (which records its
creation) or came in without that entry (older data, a factory)."""

import uuid

import pytest
from django.urls import reverse

from projects.models import Application
from projects.services import application_create
from projects.workflow import State
from tests.factories import ApplicationFactory, FundingCallFactory
from tests.html import element_text, page_text

pytestmark = pytest.mark.django_db

CREATED = "Opprettet som utkast"


def case_timeline(client, application) -> str:
    response = client.get(reverse("admin:projects_application_change", args=[application.pk]))
    assert response.status_code == 200
    return element_text(response, "tidslinje")


@pytest.fixture
def started(hamar, hamar_user):
    application, _created = application_create(
        funding_call=FundingCallFactory(),
        municipality=hamar,
        user=hamar_user,
        title="Felles ladeinfrastruktur",
        creation_token=uuid.uuid4(),
    )
    return application


def test_an_application_started_in_the_portal_is_created_once_in_the_case_timeline(
    secretariat_client, started
):
    assert case_timeline(secretariat_client, started).count(CREATED) == 1


def test_an_application_started_in_the_portal_is_created_once_on_the_applicants_page(
    hamar_client, started
):
    response = hamar_client.get(started.get_absolute_url())

    assert page_text(response).count(CREATED) == 1


def test_an_application_without_a_recorded_creation_still_shows_when_it_was_made(
    secretariat_client,
):
    application = ApplicationFactory()

    assert case_timeline(secretariat_client, application).count(CREATED) == 1


def test_a_council_member_sees_the_creation_once_too(council_client, started):
    Application.objects.filter(pk=started.pk).update(status=State.SUBMITTED)

    assert case_timeline(council_client, started).count(CREATED) == 1
