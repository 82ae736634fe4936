"""The demo staff's authenticator apps: the README prints their secrets, and with a code
computed from one, `sekretariat` reaches admin, as it does not with its password alone."""

import re
from base64 import b32decode
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.management.commands.create_demo_accounts import DEMO_TOTP_SECRETS

pytestmark = pytest.mark.django_db

README = Path(django_settings.BASE_DIR) / "README.md"


def readme_secrets() -> dict[str, str]:
    rows = re.findall(r"^\| `(\w+)` \| `([A-Z2-7]{32})` \|$", README.read_text(), re.MULTILINE)
    return dict(rows)


@pytest.fixture
def demo_accounts(settings):
    settings.DEBUG = True
    call_command("create_demo_accounts", verbosity=0)


def test_the_readme_prints_the_secrets_the_demo_command_sets(demo_accounts):
    assert (
        readme_secrets()
        == DEMO_TOTP_SECRETS
        == {
            "sekretariat": DEMO_TOTP_SECRETS["sekretariat"],
            "raad": DEMO_TOTP_SECRETS["raad"],
        }
    )
    for username, secret in readme_secrets().items():
        device = TOTPDevice.objects.get(user__username=username)
        assert device.confirmed
        assert device.key == b32decode(secret).hex()


def test_the_readme_command_lines_compute_the_code_from_the_same_secret():
    text = README.read_text()
    secret = DEMO_TOTP_SECRETS["sekretariat"]
    assert f"oathtool --totp -b {secret}" in text
    assert f'b32decode(\\"{secret}\\")' in text


def test_sekretariat_with_its_password_only_does_not_reach_admin_and_with_the_code_does(
    demo_accounts, client
):
    admin = reverse("admin:index")
    response = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": "sekretariat", "password": "demo-sekretariat", "next": admin},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:second-factor-verify"))
    assert client.get(admin).status_code == 302

    code = f"{TOTP(b32decode(readme_secrets()['sekretariat'])).token():06d}"
    client.post(reverse("accounts:second-factor-verify"), {"code": code, "next": admin})

    assert client.get(admin).status_code == 200


def test_running_the_command_again_keeps_one_demo_device_with_the_same_secret(demo_accounts):
    call_command("create_demo_accounts", verbosity=0)

    assert TOTPDevice.objects.filter(user__username="raad").count() == 1
    assert TOTPDevice.objects.get(user__username="raad").key == (
        b32decode(DEMO_TOTP_SECRETS["raad"]).hex()
    )
