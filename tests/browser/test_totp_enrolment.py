"""Enrolling an authenticator app in Chromium: the QR code drawn on the page under the portal's
Content-Security-Policy, the secret typed into the app by hand, the code it then shows, and the
recovery codes."""

from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.browser


def test_an_applicant_enrols_an_app_and_is_asked_for_it_at_the_next_login(page, login, hamar_user):
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    login(page, hamar_user.username)

    page.goto(reverse("accounts:second-factor"))
    page.get_by_role("link", name="Ta i bruk en autentiseringsapp").click()
    qr_code = page.locator("figure.qr-code svg")
    assert qr_code.is_visible() and qr_code.bounding_box()["width"] >= 150
    secret = page.locator("code.totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Kode fra appen").fill(f"{TOTP(b32decode(secret)).token():06d}")
    page.get_by_role("button", name="Ta i bruk").click()
    page.wait_for_url(f"**{reverse('accounts:recovery-codes')}")
    page.get_by_role("button", name="Lag nye gjenopprettingskoder").click()
    codes = page.locator("ol.recovery-codes li")
    assert codes.count() == 10

    assert TOTPDevice.objects.get(user=hamar_user).confirmed
    assert problems == []

    page.goto("/")
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_load_state()
    page.goto("/konto/logg-inn/")
    page.fill("input[name=username]", hamar_user.username)
    page.fill("input[name=password]", "et-passord-for-tester")
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state()
    assert reverse("accounts:second-factor-verify") in page.url
