"""The second factor after the password: who is asked, what they reach before and after, and
what a wrong or used code gets."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from accounts.models import AuditEvent
from accounts.second_factor import SIGN_ON_SECOND_FACTOR_SESSION_KEY
from accounts.two_factor import services
from tests.factories import (
    DEFAULT_PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from tests.second_factor import totp_code, unused_totp_code

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:second-factor-verify")
ENROL = reverse("accounts:second-factor")
ADMIN = reverse("admin:index")


@pytest.fixture
def secretariat_person(db):
    return UserFactory(
        username="silje", is_staff=True, groups=[Group.objects.get(name="Sekretariat")]
    )


def password_login(client, user, next_url=""):
    return client.post(
        reverse("login"),
        {"username": user.username, "password": DEFAULT_PASSWORD, "next": next_url},
    )


def verify(client, code, next_url=""):
    return client.post(VERIFY, {"code": code, "next": next_url})


def failures(person):
    return AuditEvent.objects.filter(person=person, kind=AuditEvent.Kind.SECOND_FACTOR_FAILED)


def test_the_secretariat_with_only_its_password_is_sent_to_the_second_factor_not_admin(
    client, secretariat_person
):
    TOTPDeviceFactory(user=secretariat_person)

    response = password_login(client, secretariat_person, next_url=ADMIN)

    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    admin = client.get(ADMIN)
    assert admin.status_code == 302
    assert admin["Location"].startswith(VERIFY)
    assert client.get(reverse("admin:projects_application_changelist")).status_code == 302


def test_a_code_from_the_device_opens_admin_and_leads_back_where_the_person_was_going(
    client, secretariat_person
):
    device = TOTPDeviceFactory(user=secretariat_person)
    password_login(client, secretariat_person, next_url=ADMIN)

    response = verify(client, totp_code(device), next_url=ADMIN)

    assert response.status_code == 302
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_staff_without_a_device_are_sent_to_enrol_one(client, secretariat_person):
    response = password_login(client, secretariat_person, next_url=ADMIN)

    assert response["Location"] == f"{ENROL}?next=%2Fadmin%2F"
    page = client.get(response["Location"])
    assert "må derfor ta i bruk tofaktor" in page.content.decode()
    assert client.get(ADMIN)["Location"].startswith(ENROL)
    assert client.get(VERIFY)["Location"].startswith(ENROL)


def test_a_person_held_back_still_reads_public_pages_and_may_log_out(client, secretariat_person):
    TOTPDeviceFactory(user=secretariat_person)
    password_login(client, secretariat_person)

    assert client.get(reverse("programme:home")).status_code == 200
    assert client.get(reverse("projects:call-list")).status_code == 200
    assert client.get(reverse("projects:my-applications")).status_code == 302
    assert client.get(reverse("password_change")).status_code == 302
    client.post(reverse("logout"))
    assert client.get(ADMIN)["Location"].startswith(reverse("admin:login"))


def test_a_wrong_code_is_refused_and_logged(client, secretariat_person):
    device = TOTPDeviceFactory(user=secretariat_person)
    password_login(client, secretariat_person)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"

    response = verify(client, wrong, next_url=ADMIN)

    assert response.status_code == 200
    assert "Koden stemmer ikke" in response.content.decode()
    assert client.get(ADMIN).status_code == 302
    event = failures(secretariat_person).get()
    assert event.detail == "feil engangskode"
    assert event.client_address == "127.0.0.1"


def test_after_too_many_wrong_codes_even_the_right_one_is_refused(
    client, secretariat_person, settings, monkeypatch
):
    monkeypatch.setattr(services, "FAILURE_LIMIT", 3)
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = TOTPDeviceFactory(user=secretariat_person)
    password_login(client, secretariat_person)
    for _ in range(3):
        verify(client, "not-a-code")

    response = verify(client, totp_code(device))

    assert "For mange feil koder" in response.content.decode()
    assert client.get(ADMIN).status_code == 302
    assert failures(secretariat_person).count() == 4


def test_a_recovery_code_works_once_and_only_once(client, secretariat_person):
    TOTPDeviceFactory(user=secretariat_person)
    codes = StaticDevice.objects.create(user=secretariat_person, name="Gjenopprettingskoder")
    codes.token_set.create(token="abcd2345")
    codes.token_set.create(token="efgh6789")
    password_login(client, secretariat_person)

    assert verify(client, "ABCD 2345", next_url=ADMIN)["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["efgh6789"]

    client.post(reverse("logout"))
    password_login(client, secretariat_person)
    again = verify(client, "abcd2345", next_url=ADMIN)

    assert again.status_code == 200
    assert client.get(ADMIN).status_code == 302
    assert failures(secretariat_person).get().detail == "feil gjenopprettingskode"


def test_a_used_one_time_code_cannot_be_used_again(client, secretariat_person):
    device = TOTPDeviceFactory(user=secretariat_person)
    password_login(client, secretariat_person)
    code = totp_code(device)
    verify(client, code)

    other = Client()
    password_login(other, secretariat_person)

    assert verify(other, code).status_code == 200
    assert other.get(ADMIN).status_code == 302


def test_an_applicant_without_a_device_is_not_asked(client, hamar_user):
    response = password_login(client, hamar_user)

    # The landing (workbench.views.landing) sends an applicant on to their applications.
    assert response["Location"] == reverse("workbench:landing")
    assert client.get(reverse("workbench:landing"))["Location"] == reverse(
        "projects:my-applications"
    )
    assert client.get(reverse("projects:my-applications")).status_code == 200


def test_an_applicant_who_enrolled_is_asked_at_login(client, hamar_user):
    device = TOTPDeviceFactory(user=hamar_user)

    mine = reverse("projects:my-applications")

    response = password_login(client, hamar_user)

    assert response["Location"] == f"{VERIFY}?next=%2Fstart%2F"
    assert client.get(mine).status_code == 302
    assert verify(client, totp_code(device), next_url=mine)["Location"] == mine
    assert client.get(mine).status_code == 200


def test_an_organisation_that_requires_it_holds_back_its_applicants(client):
    organisation = OrganisationFactory(requires_second_factor=True)
    applicant = UserFactory()
    MembershipFactory(person=applicant, organisation=organisation)

    response = password_login(client, applicant)

    assert response["Location"].startswith(ENROL)
    assert client.get(reverse("projects:my-applications"))["Location"].startswith(ENROL)


def test_a_sign_on_that_vouched_for_a_second_factor_counts(client, secretariat_person):
    client.force_login(secretariat_person)
    session = client.session
    session[SIGN_ON_SECOND_FACTOR_SESSION_KEY] = True
    session.save()

    assert client.get(ADMIN).status_code == 200


def test_a_verified_person_visiting_the_verify_page_goes_straight_on(client, secretariat_person):
    device = TOTPDeviceFactory(user=secretariat_person)
    password_login(client, secretariat_person)
    verify(client, unused_totp_code(device))

    assert client.get(VERIFY, {"next": ADMIN})["Location"] == ADMIN
    assert client.get(VERIFY, {"next": "https://evil.example/"})["Location"] == reverse(
        "workbench:landing"
    )


def test_admin_shuts_to_staff_whose_session_has_no_second_factor(rf, secretariat_person):
    from django.contrib import admin
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get(ADMIN)
    request.user = secretariat_person
    request.session = SessionStore()

    assert not admin.site.has_permission(request)


def test_a_refused_passkey_is_logged_and_opens_nothing(client, secretariat_person):
    client.force_login(secretariat_person)

    response = client.post(
        reverse("otp_webauthn:credential-authentication-complete"),
        data="{}",
        content_type="application/json",
    )

    assert response.status_code == 400
    assert failures(secretariat_person).get().detail == "passnøkkel avvist: invalid_state"
    assert client.get(ADMIN).status_code == 302


def test_a_passkey_cannot_be_registered_by_someone_who_has_not_passed_their_second_factor(
    client, secretariat_person
):
    TOTPDeviceFactory(user=secretariat_person)
    client.force_login(secretariat_person)

    response = client.post(reverse("otp_webauthn:credential-registration-begin"))

    assert response.status_code == 403
