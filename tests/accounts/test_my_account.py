"""«Min konto»: each signed-in person sees what the portal keeps about them, and only that."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.audit import audit_record
from accounts.models import AuditEvent
from tests.factories import DEFAULT_PASSWORD
from tests.html import page_text

pytestmark = pytest.mark.django_db

URL = "/konto/min-konto/"


def test_the_page_has_its_norwegian_address():
    assert reverse("accounts:my-account") == URL


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={URL}"


def test_a_person_sees_their_name_address_organisations_roles_and_last_login(
    hamar_admin_client, hamar_admin
):
    text = page_text(hamar_admin_client.get(URL))

    assert "Anne Aas" in text
    assert hamar_admin.email in text
    assert "Hamar : administrator for organisasjonen" in text
    assert "Sist innlogget" in text
    assert "Bytt passord" in text


def test_a_person_sees_their_own_audit_events_and_no_one_elses(hamar_user, loten_user):
    client = Client()
    client.post(reverse("login"), {"username": hamar_user.email, "password": DEFAULT_PASSWORD})
    audit_record(kind=AuditEvent.Kind.LOGIN_FAILED, person=loten_user, identifier="x")

    response = client.get(URL)

    events = list(response.context["events"])
    assert [event.kind for event in events] == [AuditEvent.Kind.LOGIN]
    assert all(event.person == hamar_user for event in events)
    assert "Innlogging" in page_text(response)
    assert "127.0.0.1" in page_text(response)


def test_a_person_changes_their_own_name_and_it_is_logged(hamar_client, hamar_user):
    response = hamar_client.post(URL, {"first_name": "Hanna", "last_name": "Hamar-Li"}, follow=True)

    assert "Navnet ditt er endret" in page_text(response)
    hamar_user.refresh_from_db()
    assert hamar_user.get_full_name() == "Hanna Hamar-Li"
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.NAME_CHANGED)
    assert (event.person, event.actor) == (hamar_user, hamar_user)
    assert event.detail == "Hanne Hamar → Hanna Hamar-Li"


def test_an_empty_name_is_refused_at_the_field(hamar_client, hamar_user):
    response = hamar_client.post(URL, {"first_name": " ", "last_name": "Hamar"})

    assert response.status_code == 200
    assert response.context["name_form"].errors["first_name"]
    hamar_user.refresh_from_db()
    assert hamar_user.first_name == "Hanne"


def test_the_page_links_to_the_second_factor_settings_where_an_applicant_may_enrol(hamar_client):
    page = hamar_client.get(URL)

    assert f'href="{reverse("accounts:second-factor")}"' in page.content.decode()
    assert hamar_client.get(reverse("accounts:second-factor")).status_code == 200


@pytest.mark.parametrize("who", ["secretariat_client", "council_client", "loten_client"])
def test_every_signed_in_role_has_the_page(request, who):
    client = request.getfixturevalue(who)

    assert client.get(URL).status_code == 200
