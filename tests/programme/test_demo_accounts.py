"""create_demo_accounts: known logins for a developer's machine, never for production."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from accounts.models import Organisation

pytestmark = pytest.mark.django_db

User = get_user_model()


def create_demo_accounts(*args):
    out = StringIO()
    call_command("create_demo_accounts", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_creates_the_secretariat_demo_account(debug_on, secretariat_group):
    output = create_demo_accounts()

    user = authenticate(username="sekretariat", password="demo-sekretariat")
    assert user is not None
    assert user.is_active
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.all()) == [secretariat_group]
    assert user.has_perm("programme.change_programme")
    assert "Created sekretariat" in output


def test_running_it_again_resets_the_account_without_duplicating_it(debug_on, secretariat_group):
    create_demo_accounts()
    user = User.objects.get(username="sekretariat")
    user.set_password("noe-annet")
    user.is_superuser = True
    user.save()
    user.groups.clear()

    output = create_demo_accounts()

    assert User.objects.filter(username="sekretariat").count() == 1
    user = authenticate(username="sekretariat", password="demo-sekretariat")
    assert user is not None
    assert not user.is_superuser
    assert list(user.groups.all()) == [secretariat_group]
    assert "Reset sekretariat" in output


def test_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only made while DEBUG is on"):
        create_demo_accounts()

    assert not User.objects.exists()


def test_dry_run_says_what_it_would_do_and_creates_nothing(debug_on):
    output = create_demo_accounts("--dry-run")

    assert not User.objects.exists()
    assert "Would create sekretariat" in output


def test_dry_run_leaves_an_existing_account_unchanged(debug_on):
    create_demo_accounts()
    user = User.objects.get(username="sekretariat")
    user.set_password("noe-annet")
    user.save()

    output = create_demo_accounts("--dry-run")

    assert "Would reset sekretariat" in output
    assert authenticate(username="sekretariat", password="noe-annet") is not None


def test_is_refused_without_the_secretariat_organisation(debug_on):
    Organisation.objects.filter(slug="sekretariatet").delete()

    with pytest.raises(CommandError, match="sekretariatet.*run migrate first"):
        create_demo_accounts()

    assert not User.objects.exists()
