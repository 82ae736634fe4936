"""Five failed logins for one account from one client address lock that account there for 15
minutes, twenty from one address lock the address; no one else can reset or cause the lock; the
secretariat unlocks an account in admin."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from tests.factories import DEFAULT_PASSWORD

LOCKOUT_MESSAGE = (
    "For mange mislykkede innlogginger. Kontoen er låst i 15 minutter. "
    "Kontakt sekretariatet for å låse opp."
)
PORTAL_LOGIN = "/konto/logg-inn/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


def log_in(client, url, username, password, address="192.0.2.10"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, url, username, times, address="192.0.2.10"):
    """Wrong passwords; the fifth failure in a row already answers with the lockout page."""
    return [
        log_in(client, url, username, "feil-passord", address).status_code for _ in range(times)
    ]


@pytest.mark.parametrize("url", [PORTAL_LOGIN, ADMIN_LOGIN])
def test_five_failures_lock_the_account_even_for_the_right_password(client, hamar_user, url):
    hamar_user.is_staff = url == ADMIN_LOGIN
    hamar_user.save()
    assert fail(client, url, hamar_user.username, 5) == [200, 200, 200, 200, 429]

    response = log_in(client, url, hamar_user.username, DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert LOCKOUT_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, hamar_user):
    fail(client, PORTAL_LOGIN, hamar_user.username, 4)

    response = log_in(client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(hamar_user.pk)


def test_a_successful_login_resets_the_count(client, hamar_user):
    fail(client, PORTAL_LOGIN, hamar_user.username, 4)
    assert log_in(client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD).status_code == 302
    client.logout()
    fail(client, PORTAL_LOGIN, hamar_user.username, 4)

    response = log_in(client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD)

    assert response.status_code == 302


def test_failures_from_other_addresses_do_not_lock_the_account_out_here(client, hamar_user):
    """An attacker cannot lock a person out everywhere by guessing their password."""
    for number in range(5):
        fail(client, PORTAL_LOGIN, hamar_user.username, 5, address=f"198.51.100.{number}")

    response = log_in(
        client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD, address="203.0.113.7"
    )

    assert response.status_code == 302


def test_failures_from_one_address_for_many_accounts_lock_the_address(client, hamar_user):
    """Password spraying: one guess each for many usernames reaches the address's ceiling."""
    for number in range(20):
        fail(client, PORTAL_LOGIN, f"gjetting-{number}", 1, address="198.51.100.99")

    from_that_address = log_in(
        client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD, address="198.51.100.99"
    )
    from_elsewhere = log_in(
        client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD, address="203.0.113.7"
    )

    assert from_that_address.status_code == 429
    assert from_elsewhere.status_code == 302


def test_nineteen_failures_across_accounts_do_not_lock_the_address(client, hamar_user):
    for number in range(19):
        fail(client, PORTAL_LOGIN, f"gjetting-{number}", 1, address="198.51.100.99")

    response = log_in(
        client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD, address="198.51.100.99"
    )

    assert response.status_code == 302


def test_a_municipality_login_does_not_reset_the_secretariats_failures(
    client, hamar_user, secretariat_user
):
    """12 wrong passwords for the secretariat in rounds of four, each round followed by a
    successful login of a municipality's account from the same client: the secretariat's right
    password is refused from that client after the fifth failure."""
    statuses = []
    for _round in range(3):
        statuses += fail(client, ADMIN_LOGIN, secretariat_user.username, 4)
        assert log_in(client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD).status_code == (
            302
        )
        client.logout()

    response = log_in(client, ADMIN_LOGIN, secretariat_user.username, DEFAULT_PASSWORD)

    assert statuses[:5] == [200, 200, 200, 200, 429]
    assert set(statuses[5:]) == {429}
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    elsewhere = log_in(
        client, ADMIN_LOGIN, secretariat_user.username, DEFAULT_PASSWORD, address="203.0.113.7"
    )
    assert elsewhere.status_code == 302


def test_a_successful_login_keeps_the_other_accounts_failures_towards_the_address_ceiling(
    client, hamar_user
):
    for number in range(19):
        fail(client, PORTAL_LOGIN, f"gjetting-{number}", 1)
    assert log_in(client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD).status_code == 302
    client.logout()
    fail(client, PORTAL_LOGIN, "gjetting-siste", 1)

    response = log_in(client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD)

    assert response.status_code == 429


def test_a_successful_login_resets_only_its_own_failures(client, hamar_user, loten_user):
    fail(client, PORTAL_LOGIN, loten_user.username, 4)
    fail(client, PORTAL_LOGIN, hamar_user.username, 4)
    assert log_in(client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD).status_code == 302
    client.logout()

    assert AccessAttempt.objects.filter(username=hamar_user.username).count() == 0
    assert AccessAttempt.objects.get(username=loten_user.username).failures_since_start == 4
    assert fail(client, PORTAL_LOGIN, loten_user.username, 1) == [429]


def test_the_lock_ends_after_15_minutes(client, hamar_user):
    fail(client, PORTAL_LOGIN, hamar_user.username, 5)
    assert log_in(client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username=hamar_user.username)
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=attempt.attempt_time - timedelta(minutes=15, seconds=1)
    )

    response = log_in(client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD)

    assert response.status_code == 302


def test_the_secretariat_unlocks_an_account_in_admin(client, hamar_user, secretariat_client):
    fail(client, PORTAL_LOGIN, hamar_user.username, 5)
    assert log_in(client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username=hamar_user.username)

    changelist = secretariat_client.get("/admin/axes/accessattempt/")
    assert changelist.status_code == 200
    assert hamar_user.username in changelist.content.decode()
    deleted = secretariat_client.post(
        f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}
    )
    assert deleted.status_code == 302

    response = log_in(client, PORTAL_LOGIN, hamar_user.username, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(hamar_user.pk)


def test_a_council_member_cannot_unlock_accounts(council_client, hamar_user, client):
    fail(client, PORTAL_LOGIN, hamar_user.username, 5)
    attempt = AccessAttempt.objects.get(username=hamar_user.username)

    response = council_client.post(
        f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_an_unknown_username_is_locked_out_like_a_real_one(client, db):
    fail(client, PORTAL_LOGIN, "finnes-ikke", 5)

    response = log_in(client, PORTAL_LOGIN, "finnes-ikke", "hva-som-helst")

    assert response.status_code == 429
    assert LOCKOUT_MESSAGE in response.content.decode()


def test_behind_a_proxy_each_client_is_counted_by_its_forwarded_address(
    client, hamar_user, settings
):
    """One nginx in front (DJANGO_TRUSTED_PROXY_COUNT=1): every request comes from the proxy's
    address, the client is the last X-Forwarded-For entry, and what the client put before it
    is not trusted."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for number in range(5):
        client.post(
            PORTAL_LOGIN,
            {"username": hamar_user.username, "password": "feil"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}, 198.51.100.66",
        )

    attacker = client.post(
        PORTAL_LOGIN,
        {"username": hamar_user.username, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.200, 198.51.100.66",
    )
    colleague = client.post(
        PORTAL_LOGIN,
        {"username": hamar_user.username, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.67",
    )

    assert attacker.status_code == 429
    assert colleague.status_code == 302
