"""The world the URL tables are checked on (url_world.build_world), built once for this package:
the tests that use it only read it, and what they change in their own transactions is rolled
back. Its modules run on one pytest-xdist worker (tests/conftest.py ONE_WORKER_GROUPS), which
builds it once and asks each role's GET of a URL once (url_world.summary_of)."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import override_settings

from projects.models import Municipality
from tests.conftest import (
    SECRETARIAT_GROUP,
    load_programme_if_flushed,
    logged_in_client,
    make_hamar_admin,
    make_hamar_user,
    make_secretariat_user,
)
from tests.security.urls.url_world import build_world


@pytest.fixture(scope="package")
def kept_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """build_world's rows and the users it needs, built the way Django's
    TestCase.setUpTestData builds them: in a transaction that each test's own runs inside (as a
    savepoint), rolled back after the package's last test. Every module of the package uses it:
    a test that did not would run inside that transaction all the same."""
    media_root = tmp_path_factory.mktemp("private")
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PRIVATE_MEDIA_ROOT=media_root):
            load_programme_if_flushed()
            hamar = Municipality.objects.get(slug="hamar")
            hamar_user = make_hamar_user(hamar)
            organisation_admin = make_hamar_admin(hamar)
            secretariat_user = make_secretariat_user(Group.objects.get(name=SECRETARIAT_GROUP))
            world = build_world(
                hamar=hamar, hamar_user=hamar_user, secretariat_user=secretariat_user
            )
        yield {
            **world,
            "hamar_user": hamar_user,
            "organisation_admin": organisation_admin,
            "secretariat_user": secretariat_user,
            "media_root": media_root,
            "answers": {},
        }
        transaction.set_rollback(True)


@pytest.fixture
def world(kept_world, db, settings):
    # The attachment's file is where kept_world stored it, not in the test's own folder.
    settings.PRIVATE_MEDIA_ROOT = kept_world["media_root"]
    return kept_world


@pytest.fixture
def owner_client(world):
    """Hamar's case officer, who made the world's applications."""
    return logged_in_client(world["hamar_user"])


@pytest.fixture
def world_secretariat_client(world):
    return logged_in_client(world["secretariat_user"])


@pytest.fixture
def organisation_admin_client(world):
    """Hamar's organisation administrator: an applicant of Hamar who did not make the world's
    applications, and who manages Hamar's people."""
    return logged_in_client(world["organisation_admin"])
