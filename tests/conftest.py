import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from tests.factories import UserFactory

SECRETARIAT_GROUP = "Sekretariat"


@pytest.fixture(scope="session")
def _empty_static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("staticfiles")


@pytest.fixture(autouse=True)
def _test_settings(settings, _empty_static_root):
    """What tests need and production must not have: a fast hasher, e-mail kept in memory."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Tests do not run collectstatic; an existing folder keeps WhiteNoise from warning.
    settings.STATIC_ROOT = _empty_static_root


@pytest.fixture
def programme_fixture(db):
    """The 17 goals and the 2022–2023 programme, as a new installation loads them."""
    call_command("loaddata", "barekraftsmal", "handlingsprogram-2022-2023", verbosity=0)


@pytest.fixture
def secretariat_group(db):
    return Group.objects.get(name=SECRETARIAT_GROUP)


@pytest.fixture
def secretariat_user(secretariat_group):
    return UserFactory(
        username="sekretaer", is_staff=True, is_superuser=False, groups=[secretariat_group]
    )


@pytest.fixture
def secretariat_client(secretariat_user):
    """A client of its own, so that a test can use `client` as an anonymous visitor alongside."""
    client = Client()
    client.force_login(secretariat_user)
    return client
