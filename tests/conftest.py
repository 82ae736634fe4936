import gc
import os
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections, transaction
from django.template import RequestContext, Template
from django.test import Client, override_settings
from django.test.signals import template_rendered
from django.utils import translation

from accounts.roles import Role
from programme.models import Programme, SustainableDevelopmentGoal
from projects.models import Municipality
from tests.databases import keep_migrated_copy, migrated_copy_path, migrated_once_per_run
from tests.earlier_schemas import BEFORE_PEOPLE, manage
from tests.factories import MembershipFactory, UserFactory
from tests.factories.projects import forget_shared_call
from tests.second_factor import log_in

SECRETARIAT_GROUP = "Sekretariat"


def pytest_collection_finish(session):
    """What Django and the collected tests hold stays for the whole run, and each test makes
    many short-lived objects: with the collector's defaults a worker spent about 8 % of its time
    scanning them. The first frozen out of its reach and the rest scanned less often, it spends
    under half of that (a worker's peak memory stays near 300 MB)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


# What makes pytest-django count a test as a database test without a mark (a mark would take
# the place of what these fixtures ask, the browser tests' serialized rollback among them).
DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}


def pytest_collection_modifyitems(items):
    """A test that reaches the test database only through a session fixture (tests/deploy's
    migrated copy) is marked as a database test: run without any marked test, pytest-django
    would set up no test database, and those fixtures would read and write the developer's own
    database instead. The tests of SCOPES_FIRST go first, in that order."""
    items.sort(key=scope_rank)
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if (
            "django_db_setup" in fixtures
            and not fixtures & DATABASE_FIXTURES
            and item.get_closest_marker("django_db") is None
        ):
            item.add_marker(pytest.mark.django_db)


# Modules whose tests share a module-scoped fixture that costs seconds (servers, measurements).
# pytest-xdist's `load` spreads a module's tests over the workers, and each worker set the fixture
# up again (--dist loadgroup would keep them together, but its marks have no effect on pytest 9).
ONE_WORKER_MODULES = {
    "tests/deploy/test_gunicorn.py",
    "tests/deploy/test_reverse_proxy.py",
    "tests/performance/test_query_budgets.py",
}
# Modules that share a session-scoped fixture as costly: all on one worker, which builds it once.
ONE_WORKER_GROUPS = {
    "tests/accounts/test_people_migration.py": "earlier-schemas",
    "tests/projects/test_assessment_migration.py": "earlier-schemas",
    "tests/projects/test_status_changed_migration.py": "earlier-schemas",
    "tests/security/urls/test_admin_existence.py": "url-tables",
    "tests/security/urls/test_url_coverage.py": "url-tables",
}


# The scopes handed out first, in this order, each to the next worker free: long ones, so that
# none is left for the end with the other workers idle. The second needs no test database (its
# migrations run in processes of their own), so the worker that gets it works while the other
# migrates the database both then use (tests/databases.py).
SCOPES_FIRST = (
    "tests/performance/test_query_budgets.py",
    "earlier-schemas",
    "url-tables",
    "tests/deploy/test_reverse_proxy.py",
    "tests/deploy/test_gunicorn.py",
)


def worker_scope(nodeid: str) -> str:
    """What one worker runs together: the group or module of ONE_WORKER_GROUPS and
    ONE_WORKER_MODULES, any other test on its own."""
    module = nodeid.split("::", 1)[0]
    if module in ONE_WORKER_GROUPS:
        return ONE_WORKER_GROUPS[module]
    return module if module in ONE_WORKER_MODULES else nodeid


def scope_rank(item) -> int:
    scope = worker_scope(item.nodeid)
    return SCOPES_FIRST.index(scope) if scope in SCOPES_FIRST else len(SCOPES_FIRST)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`load` with the tests of each worker scope sent to one worker together, in the order of
    the collection (SCOPES_FIRST first) rather than the largest scope first."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModulesKeptTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return worker_scope(nodeid)

    config.option.loadscopereorder = False
    return ModulesKeptTogether(config, log)


def record_page_templates(self, context):
    """Django's test environment sends `template_rendered` for every template, each form widget
    and crispy field included, and the test client copies the context each time: a quarter of a
    form page's time in the tests. Recorded here only for templates rendered for a request (the
    page and what it includes), which is what `response.context` and `response.templates` are
    read for."""
    if isinstance(context, RequestContext):
        template_rendered.send(sender=self, template=self, context=context)
    return self.nodelist.render(context)


@pytest.fixture(scope="session", autouse=True)
def _page_templates_recorded(django_test_environment):
    instrumented, Template._render = Template._render, record_page_templates
    yield
    Template._render = instrumented


@pytest.fixture(scope="session", autouse=True)
def _test_settings(tmp_path_factory):
    """What tests need and production must not have, set once for the run (a test's own changes
    through the `settings` fixture go back to these): a fast hasher, e-mail kept in memory, a
    cache in memory, never a Redis from the environment, which clearing would wipe."""
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        # Tests do not run collectstatic; an existing folder keeps WhiteNoise from warning.
        STATIC_ROOT=tmp_path_factory.mktemp("staticfiles"),
        SITE_URL="https://portal.example.org",
        SECRETARIAT_EMAIL="sekretariat@example.org",
        # Django's test client logs in without a request, which django-axes refuses; the
        # throttling tests (tests/security/test_login_throttling.py) switch it back on.
        AXES_ENABLED=False,
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "tests",
            }
        },
    ):
        yield


@pytest.fixture(autouse=True)
def _private_media_root(tmp_path):
    """Attachments in a folder of the test's own."""
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path / "private"):
        yield


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, a cached
    page would not be."""
    cache.clear()


@pytest.fixture(autouse=True)
def _no_shared_call_from_another_test():
    """Forgotten after the test too: a module-scoped fixture set up before the next test's own
    fixtures would otherwise get a call, or a call's focus area, the rollback took away."""
    forget_shared_call()
    yield
    forget_shared_call()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English leaves English active in the thread (LocaleMiddleware activates and
    never deactivates); code called outside a request then speaks the previous test's language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# The 17 goals and the 2022–2023 programme, as a new installation loads them.
PROGRAMME_FIXTURES = ("barekraftsmal", "handlingsprogram-2022-2023")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, tmp_path_factory, django_db_blocker):
    """Runs just before pytest-django sets the test databases up (tests/databases.py). The
    worker's id from the environment: pytest-xdist's `worker_id` fixture is missing under
    `-p no:xdist`."""
    worker_id = os.environ.get("PYTEST_XDIST_WORKER", "master")
    with migrated_once_per_run(tmp_path_factory, worker_id, django_db_blocker):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """Each test database (one per xdist worker) holds the programme from the start, loaded once:
    every test's transaction is rolled back over it. On SQLite a copy of the database as the
    migrations left it is kept first, for the tests that start servers (tests/deploy). A
    database serialized for `serialized_rollback` is serialized again with the programme, so
    transactional tests get it back too."""
    with django_db_blocker.unblock():
        keep_migrated_copy(connections["default"], migrated_copy_path(tmp_path_factory))
        call_command("loaddata", *PROGRAMME_FIXTURES, verbosity=0)
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


def load_programme_if_flushed():
    """The programme every test database holds, loaded again only where a transactional test
    without serialized rollback flushed it away."""
    if not Programme.objects.exists():
        call_command("loaddata", *PROGRAMME_FIXTURES, verbosity=0)


@pytest.fixture(scope="session")
def before_people_migration(tmp_path_factory):
    """A database as it was just before people and organisations (projects 0015), without rows
    of its own; copy it, never change it."""
    database = tmp_path_factory.mktemp("before-people") / "db.sqlite3"
    manage(database, "migrate", *BEFORE_PEOPLE)
    return database


# What `make run` loads for a developer, in order.
DEMO_COMMANDS = ("create_demo_accounts", "create_demo_data", "create_demo_follow_up")


@pytest.fixture(scope="module")
def kept_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, made once for a module (it took 0.7 s a test) the way Django's
    TestCase.setUpTestData makes rows: in a transaction that each test's own runs inside (as a
    savepoint), rolled back after the module's last test. So every test of such a module starts
    from the demo data, and one that wants none belongs in another module. Yields the folder the
    demo's files are in."""
    media_root = tmp_path_factory.mktemp("private")
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PRIVATE_MEDIA_ROOT=media_root, DEBUG=True):
            load_programme_if_flushed()
            for command in DEMO_COMMANDS:
                call_command(command, stdout=StringIO())
        yield media_root
        transaction.set_rollback(True)


@pytest.fixture
def programme_fixture(db):
    load_programme_if_flushed()


@pytest.fixture
def no_programme(db):
    """An installation before `load_programme`: neither goals nor programme. Deleted inside the
    test's transaction, without history entries a deletion in admin would leave."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        Programme.objects.all().delete()
        SustainableDevelopmentGoal.objects.all().delete()


@pytest.fixture
def secretariat_group(db):
    return Group.objects.get(name=SECRETARIAT_GROUP)


def make_secretariat_user(secretariat_group):
    return UserFactory(
        username="sekretaer", is_staff=True, is_superuser=False, groups=[secretariat_group]
    )


@pytest.fixture
def secretariat_user(secretariat_group):
    return make_secretariat_user(secretariat_group)


@pytest.fixture
def secretariat_client(secretariat_user):
    """A client of its own, so that a test can use `client` as an anonymous visitor alongside;
    logged in with a second factor passed, as staff must be to reach admin."""
    return logged_in_client(secretariat_user)


def logged_in_client(user):
    """A client of the person's, with a second factor passed where they must use one."""
    return log_in(Client(), user)


@pytest.fixture
def hamar(db):
    """Hamar as the migrations create it."""
    return Municipality.objects.get(slug="hamar")


@pytest.fixture
def loten(db):
    return Municipality.objects.get(slug="loten")


def make_hamar_user(hamar):
    """A case officer of Hamar, the owner of the applications in most tests."""
    user = UserFactory(username="hamar-saksbehandler", first_name="Hanne", last_name="Hamar")
    MembershipFactory(person=user, municipality=hamar)
    return user


@pytest.fixture
def hamar_user(hamar):
    return make_hamar_user(hamar)


def make_hamar_admin(hamar):
    """Hamar's organisation administrator: an applicant who also manages Hamar's people."""
    user = UserFactory(username="hamar-administrator", first_name="Anne", last_name="Aas")
    MembershipFactory(person=user, municipality=hamar, role=Role.ORGANISATION_ADMIN)
    return user


@pytest.fixture
def hamar_admin(hamar):
    return make_hamar_admin(hamar)


@pytest.fixture
def hamar_admin_client(hamar_admin):
    return logged_in_client(hamar_admin)


@pytest.fixture
def loten_user(loten):
    user = UserFactory(username="loten-saksbehandler", first_name="Lars", last_name="Løten")
    MembershipFactory(person=user, municipality=loten)
    return user


@pytest.fixture
def hamar_client(hamar_user):
    return logged_in_client(hamar_user)


@pytest.fixture
def loten_client(loten_user):
    return logged_in_client(loten_user)


@pytest.fixture
def council_user(db):
    """A council member («Rådsmedlem»): staff, reads the open cases in admin."""
    return UserFactory(
        username="raadsmedlem", is_staff=True, groups=[Group.objects.get(name="Rådsmedlem")]
    )


@pytest.fixture
def council_client(council_user):
    return logged_in_client(council_user)


@pytest.fixture
def followed_demo_grant(settings, programme_fixture):
    """The demo data as `make run` makes it, and the grant it follows up to the final report."""
    from grants.management.commands.create_demo_follow_up import FOLLOWED
    from projects.models import Application

    settings.DEBUG = True
    for command in ("create_demo_accounts", "create_demo_data", "create_demo_follow_up"):
        call_command(command, verbosity=0)
    return Application.objects.get(title=FOLLOWED)
