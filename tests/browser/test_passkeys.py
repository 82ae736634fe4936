"""A passkey as the second factor, in Chromium with a virtual authenticator (the DevTools
protocol's WebAuthn domain): registered after the password, then used at the next login to reach
admin, with no CSP violation on the way."""

import pytest
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from accounts.models import AuditEvent
from tests.factories import DEFAULT_PASSWORD, staff_in_group

pytestmark = pytest.mark.browser


@pytest.fixture
def passkey_page(page, settings, live_server):
    """The page with a virtual platform authenticator that verifies its user, as a phone or a
    laptop with a fingerprint reader does; the site address is the live server's, whose host
    name the passkeys belong to."""
    settings.SITE_URL = live_server.url
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.problems = problems
    return page


def password_step(page, username):
    page.goto(reverse("admin:login") + "?next=/admin/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state()


def test_the_secretariat_registers_a_passkey_and_logs_in_with_password_and_passkey(
    passkey_page, programme_fixture
):
    page = passkey_page
    person = staff_in_group("Sekretariat", username="passkey-sekretaer")

    password_step(page, "passkey-sekretaer")
    assert reverse("accounts:second-factor") in page.url, page.url
    page.get_by_role("button", name="Legg til en passnøkkel").click()
    page.wait_for_url(f"**{reverse('accounts:recovery-codes')}?next=%2Fadmin%2F")
    assert WebAuthnCredential.objects.filter(user=person, confirmed=True).count() == 1
    page.get_by_role("link", name="Hopp over og fortsett").click()
    page.wait_for_url("**/admin/")

    page.goto("/")
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_load_state()
    page.goto("/admin/")
    assert reverse("admin:login") in page.url

    password_step(page, "passkey-sekretaer")
    assert reverse("accounts:second-factor-verify") in page.url, page.url
    page.get_by_role("button", name="Bekreft med passnøkkel").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", name="Administrasjon").is_visible()

    assert page.problems == []
    kinds = AuditEvent.objects.filter(person=person).values_list("kind", "detail")
    assert ("second_factor_enrolled", "passnøkkel: Passnøkkel") in list(kinds)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.SECOND_FACTOR_FAILED).exists()


def test_a_passkey_of_another_person_does_not_open_the_account(passkey_page, programme_fixture):
    """Two people on one computer: the first person's passkey on it does not pass the second
    person's second factor (the browser finds none of theirs and says so)."""
    page = passkey_page
    first = staff_in_group("Sekretariat", username="forste")
    second = staff_in_group("Sekretariat", username="andre")
    password_step(page, "forste")
    page.get_by_role("button", name="Legg til en passnøkkel").click()
    page.wait_for_url("**/gjenopprettingskoder/**")
    page.goto("/")
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_load_state()
    # The second person has a passkey of their own, elsewhere: the page offers passkeys.
    WebAuthnCredential.objects.create(
        user=second, credential_id=b"elsewhere", public_key=b"", name="Annen maskin"
    )

    password_step(page, "andre")
    page.get_by_role("button", name="Bekreft med passnøkkel").click()
    # A locator's wait, not wait_for_function: the page's CSP forbids the eval that a polled
    # string predicate needs once its first check comes back false.
    expect(page.locator("#passkey-verification-status-message")).not_to_have_text("")

    assert reverse("accounts:second-factor-verify") in page.url
    page.goto("/admin/")
    assert reverse("accounts:second-factor-verify") in page.url
    assert WebAuthnCredential.objects.filter(user=first).count() == 1
    assert page.problems == []
