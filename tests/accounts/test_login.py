"""A person logs in with their e-mail address in any case, or the username the demo accounts
keep; every login and failed login is in the audit log with the client's address."""

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def log_in(client, username, password=DEFAULT_PASSWORD):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="192.0.2.7"
    )


def test_a_person_logs_in_with_their_e_mail_address_in_any_case():
    person = UserFactory(username="kari", email="Kari.Nordmann@Hamar.Kommune.no")
    client = Client()

    response = log_in(client, "kari.nordmann@hamar.kommune.no")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_the_username_still_logs_in():
    UserFactory(username="hamar")
    client = Client()

    assert log_in(client, "hamar").status_code == 302
    assert "_auth_user_id" in client.session


def test_two_people_cannot_share_an_address_whatever_its_case():
    UserFactory(username="en", email="felles@example.org")

    with pytest.raises(IntegrityError):
        UserFactory(username="to", email="FELLES@example.org")


def test_a_login_is_recorded_with_the_person_and_the_client_address():
    person = UserFactory(username="kari")

    log_in(Client(), "kari")

    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN)
    assert (event.person, event.client_address) == (person, "192.0.2.7")


def test_a_failed_login_is_recorded_with_what_was_typed_and_the_person_it_names():
    person = UserFactory(username="kari", email="kari@example.org")

    response = log_in(Client(), "KARI@example.org", password="feil-passord")

    assert response.status_code == 200
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert (event.person, event.identifier, event.client_address) == (
        person,
        "KARI@example.org",
        "192.0.2.7",
    )


def test_a_failed_login_for_no_account_names_no_person():
    log_in(Client(), "ingen@example.org", password="feil-passord")

    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert (event.person, event.identifier) == (None, "ingen@example.org")


def test_a_logout_is_recorded():
    person = UserFactory(username="kari")
    client = Client()
    log_in(client, "kari")

    client.post(reverse("logout"))

    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGOUT, person=person).exists()
