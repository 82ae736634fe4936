"""The password reset form cannot be used to flood a mailbox or to spray mail at many
addresses: it is limited per address and per client, and the visitor cannot tell."""

import logging

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET_URL = reverse("password_reset")
DONE_URL = reverse("password_reset_done")


def ask_for_reset(client, email, *, client_address="198.51.100.7"):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=client_address)


def answer(response):
    return response.status_code, response.get("Location")


def test_twenty_requests_for_one_address_in_a_minute_send_at_most_the_limit(
    client, hamar_user, settings
):
    # From twenty different client addresses, so that only the address limit applies.
    answers = {
        answer(ask_for_reset(client, hamar_user.email, client_address=f"198.51.100.{n}"))
        for n in range(1, 21)
    }

    assert answers == {(302, DONE_URL)}
    assert len(mail.outbox) == settings.PASSWORD_RESET_ADDRESS_LIMIT == 3
    assert {tuple(message.to) for message in mail.outbox} == {(hamar_user.email,)}


def test_the_limit_counts_the_address_whatever_its_case(client, hamar_user, settings):
    for n, email in enumerate([hamar_user.email, hamar_user.email.upper()] * 3):
        ask_for_reset(client, email, client_address=f"198.51.100.{n}")

    assert len(mail.outbox) == settings.PASSWORD_RESET_ADDRESS_LIMIT


def test_unknown_known_and_throttled_addresses_all_get_the_same_answer(client, hamar_user):
    unknown = [
        answer(ask_for_reset(client, "ukjent@example.org", client_address=f"198.51.100.{n}"))
        for n in range(5)
    ]
    # The fourth and fifth are over the limit for the address: nothing is sent for them.
    known = [
        answer(ask_for_reset(client, hamar_user.email, client_address=f"192.0.2.{n}"))
        for n in range(5)
    ]

    assert set(unknown) == set(known) == {(302, DONE_URL)}
    assert [message.to for message in mail.outbox] == [[hamar_user.email]] * 3


def test_one_client_asking_for_many_addresses_is_stopped_at_the_client_limit(client, settings):
    users = [UserFactory(email=f"bruker{n}@example.org") for n in range(15)]

    answers = {answer(ask_for_reset(client, user.email)) for user in users}

    assert answers == {(302, DONE_URL)}
    assert len(mail.outbox) == settings.PASSWORD_RESET_CLIENT_LIMIT == 10
    assert [message.to for message in mail.outbox] == [[user.email] for user in users[:10]]


def test_another_client_is_not_affected_by_a_throttled_client(client, hamar_user, settings):
    for n in range(settings.PASSWORD_RESET_CLIENT_LIMIT + 5):
        ask_for_reset(client, f"ukjent{n}@example.org", client_address="203.0.113.66")

    response = ask_for_reset(client, hamar_user.email, client_address="192.0.2.10")

    assert answer(response) == (302, DONE_URL)
    assert [message.to for message in mail.outbox] == [[hamar_user.email]]


def test_behind_a_proxy_the_client_is_the_forwarded_address(client, hamar_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.PASSWORD_RESET_CLIENT_LIMIT + 1):
        client.post(
            RESET_URL,
            {"email": f"ukjent{n}@example.org"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )

    client.post(
        RESET_URL,
        {"email": hamar_user.email},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.10",
    )

    assert [message.to for message in mail.outbox] == [[hamar_user.email]]


def test_a_throttled_request_is_logged_without_the_address(client, hamar_user, caplog):
    with caplog.at_level(logging.WARNING, logger="hamarregion.accounts"):
        for n in range(5):
            ask_for_reset(client, hamar_user.email, client_address=f"198.51.100.{n}")

    warnings = [r for r in caplog.records if r.name == "hamarregion.accounts"]
    assert len(warnings) == 2
    assert all(r.levelno == logging.WARNING for r in warnings)
    logged = " ".join(r.getMessage() for r in warnings)
    assert "too many requests for one address" in logged
    assert hamar_user.email not in logged
    assert hamar_user.email.split("@")[0] not in logged
