"""Applications belong to the municipality: every applicant of it sees and edits its drafts, and
the timeline names the person who took each step."""

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Application
from projects.workflow import Action, State
from tests.factories import FundingCallFactory, MembershipFactory, UserFactory, complete_application
from tests.projects.application_pages import timeline
from tests.projects.edit_page import post_edit_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(hamar):
    """A second applicant of Hamar, who did not start the application."""
    person = UserFactory(username="hamar-kollega", first_name="Kåre", last_name="Kollega")
    MembershipFactory(person=person, municipality=hamar)
    return person


def client_of(person):
    client = Client()
    client.force_login(person)
    return client


def test_two_people_of_a_municipality_see_and_edit_the_same_draft_and_the_timeline_names_each(
    hamar, hamar_user, colleague
):
    call = FundingCallFactory()
    draft = complete_application(funding_call=call, lead_municipality=hamar, created_by=hamar_user)
    starter, other = client_of(hamar_user), client_of(colleague)

    listed = other.get(reverse("projects:my-applications"))
    assert draft in listed.context["applications"]

    edited = post_edit_page(other, draft, title="Felles utkast, endret av kollega")
    assert edited.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Felles utkast, endret av kollega"
    assert starter.get(draft.get_absolute_url()).status_code == 200

    submitted = post_edit_page(other, draft, submit=True)
    assert submitted.status_code == 302
    draft.refresh_from_db()
    assert draft.status == State.SUBMITTED
    withdrawn = starter.post(
        reverse("projects:application-withdraw", kwargs={"pk": draft.pk}), {"comment": ""}
    )
    assert withdrawn.status_code == 302

    steps = list(Application.objects.get(pk=draft.pk).status_changes.order_by("created_at", "pk"))
    assert [(step.action, step.actor) for step in steps] == [
        (Action.SUBMIT, colleague),
        (Action.WITHDRAW, hamar_user),
    ]
    history = timeline(starter.get(draft.get_absolute_url()))
    assert history.index("Av Kåre Kollega") < history.index("Av Hanne Hamar")


def test_an_applicant_of_another_municipality_sees_none_of_it(hamar, hamar_user, loten_client):
    draft = complete_application(
        funding_call=FundingCallFactory(), lead_municipality=hamar, created_by=hamar_user
    )

    assert loten_client.get(draft.get_absolute_url()).status_code == 404
    assert (
        draft not in loten_client.get(reverse("projects:my-applications")).context["applications"]
    )
