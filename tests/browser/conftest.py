"""The browser suite: Debian's Chromium driven by Playwright against pytest-django's live server.

One browser for the whole session, a fresh context (cookies, storage) for each test. Where
/usr/bin/chromium is missing the browser tests are skipped with one line of explanation,
unless REQUIRE_BROWSER is set (CI sets it), in which case they fail.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from projects.workflow import State
from tests.factories import (
    DEFAULT_PASSWORD,
    ApplicationFactory,
    FundingCallFactory,
    MembershipFactory,
    UserFactory,
    complete_application,
    funded_project,
)
from tests.second_factor import second_factor_device, unused_totp_code
from tests.sign_on.identity_provider import identity_provider  # noqa: F401 - the sign-on test's

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_REASON = "browser tests skipped: /usr/bin/chromium not installed (apt-get install chromium)"
BROWSER_DIR = Path(__file__).parent
VIEWPORT = {"width": 1280, "height": 900}


def _browser_missing():
    return not CHROMIUM.exists()


def pytest_collection_modifyitems(config, items):
    skip = None
    if _browser_missing() and not os.environ.get("REQUIRE_BROWSER"):
        skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).parents:
            # The session's live server starts before the per-test settings give it a static
            # root, and WhiteNoise says so.
            item.add_marker(pytest.mark.filterwarnings("ignore:No directory at:UserWarning"))
            if skip:
                item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    # A summary line rather than a report header: pytest reads headers from the root conftest only.
    if _browser_missing() and not os.environ.get("REQUIRE_BROWSER"):
        terminalreporter.write_line(SKIP_REASON)


@pytest.fixture(scope="session")
def _migration_data(django_db_setup):
    """What the migrations stored (municipalities, groups), serialized at database setup.

    Read before Playwright starts: with its event loop in the thread, Django hands the tests
    another connection object, one without the serialized contents."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(scope="package")
def browser(_migration_data, live_server):
    """One Chromium for the browser package. Package scope, not session: Playwright's sync API
    keeps an event loop in this thread while it runs, and later tests that start Playwright of
    their own (tests/security) cannot while that loop is alive."""
    if _browser_missing():
        pytest.fail(f"REQUIRE_BROWSER is set, but {CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, and Django refuses database
    # calls from a thread with a running loop. The tests' own queries are plain synchronous
    # calls, so the guard is lifted while the browser runs, and put back afterwards.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def _serialized_contents(_migration_data, browser):
    from django.db import connection

    if _migration_data is not None:
        connection._test_serialized_contents = _migration_data


@pytest.fixture(autouse=True)
def _browser_database(_serialized_contents, django_db_serialized_rollback, transactional_db):
    """Browser tests run against the live server's thread, so they need a real transaction;
    the serialized rollback puts back what the migrations created (municipalities, groups)
    after the flush that ends each test."""


@pytest.fixture
def new_page(browser, live_server):
    """Opens pages in fresh contexts: new_page() at 1280×900, or new_page(width=320)."""
    contexts = []

    def make(width=VIEWPORT["width"], height=VIEWPORT["height"], scale=1, locale="nb-NO"):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
            base_url=live_server.url,
            locale=locale,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def log_in(page, username, password=DEFAULT_PASSWORD, *, staff=False):
    """Logs in through the real form: /konto/logg-inn/ for applicants, /admin/login/ for staff,
    who then type the code of their authenticator app (made for them if they have none)."""
    device = None
    if staff:
        device = second_factor_device(get_user_model().objects.get(username=username))
    page.goto("/admin/login/" if staff else "/konto/logg-inn/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state()
    if device is not None:
        assert "/konto/tofaktor/bekreft/" in page.url, page.url
        pass_second_factor_in(page, unused_totp_code(device))
    assert "logg-inn" not in page.url and "login" not in page.url, page.url


def pass_second_factor_in(page, code):
    """Types a one-time or recovery code on the page that asks for the second factor."""
    page.get_by_label("Engangskode eller gjenopprettingskode").fill(code)
    page.get_by_role("button", name="Bekreft", exact=True).click()
    page.wait_for_load_state()
    assert "/konto/tofaktor/" not in page.url, page.url


@pytest.fixture
def login():
    return log_in


@pytest.fixture
def open_call(programme_fixture):
    """A published call open now, for two focus areas of the published 2022–2023 programme
    (each with its themes and sub-themes from the fixture)."""
    from programme.models import Programme

    programme = Programme.objects.published().get()
    focus_areas = list(programme.focus_areas.order_by("order")[:2])
    return FundingCallFactory(
        programme=programme,
        title="Utviklingsmidler 2026",
        slug="utviklingsmidler-2026",
        focus_areas=focus_areas,
    )


@pytest.fixture
def hamar_application(open_call, hamar_user, hamar):
    """Hamar's draft to the open call."""
    return ApplicationFactory(
        funding_call=open_call,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Felles ladeinfrastruktur",
    )


@pytest.fixture
def submitted_application(open_call, hamar_user, hamar):
    return complete_application(
        funding_call=open_call,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Næringsarealer i regionen",
        status=State.SUBMITTED,
    )


@pytest.fixture
def in_progress_project(open_call, hamar_user, hamar):
    """Hamar's funded project under way: the applicant writes its final report."""
    return funded_project(
        funding_call=open_call,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Regional bo- og attraktivitetsanalyse",
        status=State.IN_PROGRESS,
    )


@pytest.fixture
def completed_project(open_call, loten):
    applicant = UserFactory(username="loten-soker")
    MembershipFactory(person=applicant, municipality=loten)
    return funded_project(
        funding_call=open_call,
        lead_municipality=loten,
        created_by=applicant,
        title="Sykkelvei mellom Løten og Hamar",
        status=State.COMPLETED,
    )
