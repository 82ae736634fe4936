"""Enrolling an authenticator app, making recovery codes, and removing a second factor."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from accounts.two_factor.session import VERIFIED_AT_SESSION_KEY
from tests.factories import TOTPDeviceFactory
from tests.second_factor import pass_second_factor, totp_code, unused_totp_code

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("accounts:second-factor")
TOTP_ENROL = reverse("accounts:totp-enrol")
RECOVERY = reverse("accounts:recovery-codes")
VERIFY = reverse("accounts:second-factor-verify")


def shown_secret(page) -> str:
    match = re.search(r'<code class="totp-secret"[^>]*>([A-Z2-7 ]+)</code>', page)
    return match.group(1).replace(" ", "")


def code_for(secret: str) -> str:
    return f"{TOTP(b32decode(secret)).token():06d}"


def kinds(person):
    return list(
        AuditEvent.objects.filter(person=person)
        .exclude(kind__in=[AuditEvent.Kind.LOGIN, AuditEvent.Kind.LOGOUT])
        .order_by("pk")
        .values_list("kind", "detail")
    )


def test_the_enrolment_page_shows_a_qr_code_and_the_secret_and_stores_nothing(hamar_client):
    page = hamar_client.get(TOTP_ENROL).content.decode()

    assert '<svg width="' in page and "<title>QR-kode for autentiseringsappen</title>" in page
    assert len(shown_secret(page)) == 32
    assert "otpauth://" not in page, "the QR code is drawn here, not linked"
    assert not TOTPDevice.objects.exists()


def test_the_device_is_saved_confirmed_only_after_a_code_it_made(hamar_client, hamar_user):
    secret = shown_secret(hamar_client.get(TOTP_ENROL).content.decode())

    wrong = hamar_client.post(
        TOTP_ENROL, {"code": "000000" if code_for(secret) != "000000" else "1"}
    )
    assert "Koden stemmer ikke" in wrong.content.decode()
    assert not TOTPDevice.objects.exists()

    response = hamar_client.post(TOTP_ENROL, {"code": code_for(secret), "name": "Jobbmobil"})

    assert response["Location"] == RECOVERY
    device = TOTPDevice.objects.get(user=hamar_user)
    assert (device.confirmed, device.name) == (True, "Jobbmobil")
    assert b32decode(secret).hex() == device.key
    assert kinds(hamar_user) == [("second_factor_enrolled", "autentiseringsapp: Jobbmobil")]
    # The person proved the device: this session has passed it.
    assert hamar_client.get(reverse("projects:my-applications")).status_code == 200


def test_staff_sent_to_enrol_go_on_to_recovery_codes_and_then_where_they_were_going(
    secretariat_user, client
):
    client.force_login(secretariat_user)
    admin = reverse("admin:index")
    secret = shown_secret(client.get(TOTP_ENROL, {"next": admin}).content.decode())

    response = client.post(TOTP_ENROL, {"code": code_for(secret), "next": admin})

    assert response["Location"] == f"{RECOVERY}?next=%2Fadmin%2F"
    codes_page = client.post(RECOVERY, {"next": admin}).content.decode()
    assert codes_page.count("<li><code>") == 10
    assert f'href="{admin}"' in codes_page
    assert client.get(admin).status_code == 200


def test_recovery_codes_are_shown_once_and_new_ones_replace_them(hamar_client, hamar_user):
    pass_second_factor(hamar_client, hamar_user)

    first = re.findall(r"<li><code>(\w+)</code></li>", hamar_client.post(RECOVERY).content.decode())
    later = hamar_client.get(RECOVERY).content.decode()
    second = re.findall(
        r"<li><code>(\w+)</code></li>", hamar_client.post(RECOVERY).content.decode()
    )

    assert len(first) == len(set(first)) == 10
    assert "Du har 10 ubrukte gjenopprettingskoder" in later
    assert not any(code in later for code in first)
    assert set(
        StaticDevice.objects.get(user=hamar_user).token_set.values_list("token", flat=True)
    ) == set(second)
    assert [detail for _, detail in kinds(hamar_user)] == ["10 nye gjenopprettingskoder"] * 2


def test_recovery_codes_need_an_app_or_a_passkey_first(hamar_client):
    assert hamar_client.get(RECOVERY)["Location"] == OVERVIEW
    assert hamar_client.post(RECOVERY)["Location"] == OVERVIEW
    assert not StaticDevice.objects.exists()


def test_a_person_with_a_device_must_pass_it_before_adding_another(client, hamar_user):
    TOTPDeviceFactory(user=hamar_user)
    client.force_login(hamar_user)

    for page in (OVERVIEW, TOTP_ENROL, RECOVERY):
        assert client.get(page)["Location"].startswith(VERIFY), page
    assert client.post(RECOVERY)["Location"].startswith(VERIFY)
    assert client.post(TOTP_ENROL, {"code": "123456"})["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.count() == 1


def test_removing_a_device_asks_for_a_second_factor_again_first(client, hamar_user):
    device = TOTPDeviceFactory(user=hamar_user)
    spare = TOTPDeviceFactory(user=hamar_user, name="Nettbrett")
    client.force_login(hamar_user)
    pass_second_factor(client, hamar_user)
    remove = reverse("accounts:second-factor-remove", kwargs={"kind": "app", "pk": spare.pk})

    asked = client.get(remove)
    assert asked["Location"] == f"{VERIFY}?next={remove.replace('/', '%2F')}&again=1"
    assert "bekrefte med en av dem" in client.get(asked["Location"]).content.decode()
    assert (
        client.post(VERIFY, {"code": unused_totp_code(device), "next": remove})["Location"]
        == remove
    )

    assert "Fjern autentiseringsapp «Nettbrett»" in client.get(remove).content.decode()
    assert client.post(remove)["Location"] == OVERVIEW
    assert list(TOTPDevice.objects.values_list("name", flat=True)) == ["Telefon"]
    assert kinds(hamar_user)[-1] == ("second_factor_removed", "autentiseringsapp: Nettbrett")


def test_removing_the_last_device_takes_the_recovery_codes_along(client, hamar_user):
    device = TOTPDeviceFactory(user=hamar_user)
    StaticDevice.objects.create(user=hamar_user, name="Gjenopprettingskoder")
    client.force_login(hamar_user)
    client.post(VERIFY, {"code": totp_code(device)})
    remove = reverse("accounts:second-factor-remove", kwargs={"kind": "app", "pk": device.pk})

    assert "siste autentiseringsappen" in client.get(remove).content.decode()
    client.post(remove)

    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    assert [kind for kind, _ in kinds(hamar_user)] == ["second_factor_removed"] * 2
    # Without a device, the applicant is not asked any more.
    assert client.get(reverse("projects:my-applications")).status_code == 200


def test_no_one_reaches_another_persons_device(client, hamar_user, loten_user):
    theirs = TOTPDeviceFactory(user=loten_user)
    TOTPDeviceFactory(user=hamar_user)
    client.force_login(hamar_user)
    pass_second_factor(client, hamar_user)
    session = client.session
    session[VERIFIED_AT_SESSION_KEY] = 10**10
    session.save()

    remove = reverse("accounts:second-factor-remove", kwargs={"kind": "app", "pk": theirs.pk})

    assert client.get(remove).status_code == 404
    assert client.post(remove).status_code == 404
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_the_overview_lists_the_persons_devices_only(client, hamar_user, loten_user):
    TOTPDeviceFactory(user=hamar_user, name="Min telefon")
    TOTPDeviceFactory(user=loten_user, name="Lars sin telefon")
    client.force_login(hamar_user)
    pass_second_factor(client, hamar_user)

    page = client.get(OVERVIEW).content.decode()

    assert "Min telefon" in page and "Lars sin telefon" not in page
    assert 'id="otp_webauthn_config"' in page
    assert "django_otp_webauthn/otp_webauthn_register.js" in page


def test_the_second_factor_pages_need_a_login(client):
    for page in (OVERVIEW, TOTP_ENROL, RECOVERY, VERIFY):
        assert client.get(page)["Location"].startswith(reverse("login")), page
