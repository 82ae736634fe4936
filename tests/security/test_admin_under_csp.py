"""Django admin works in Chromium under the portal's Content-Security-Policy: changelists,
inlines, the filter_horizontal widget, the date and time widgets and «Lagre», with no CSP
violation in the console."""

import os
import threading
from pathlib import Path

import pytest

from programme.models import Programme
from tests.factories import DEFAULT_PASSWORD, FundingCallFactory, staff_in_group

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

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("REQUIRE_BROWSER"),
        reason="browser tests skipped: /usr/bin/chromium not installed",
    ),
]


def in_admin(live_server, scenario):
    """Runs scenario(page) in Chromium, logged in to admin as the secretariat, and returns the
    CSP violations and script errors the console showed. Playwright runs in a thread of its
    own: the browser suite's session-wide Playwright may already hold this thread's loop."""
    from playwright.sync_api import sync_playwright

    violations, failures = [], []

    def run():
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                context = browser.new_context(base_url=live_server.url, locale="nb-NO")
                context.set_default_timeout(10_000)
                page = context.new_page()
                page.on(
                    "console",
                    lambda message: (
                        violations.append(message.text)
                        if "Content Security Policy" in message.text
                        else None
                    ),
                )
                page.on("pageerror", lambda error: violations.append(f"page error: {error}"))
                page.goto("/admin/login/")
                page.fill("input[name=username]", "csp-sekretaer")
                page.fill("input[name=password]", DEFAULT_PASSWORD)
                page.click("input[type=submit]")
                page.wait_for_url("**/admin/")
                try:
                    scenario(page)
                finally:
                    browser.close()
        except BaseException as error:  # handed to the test's thread below
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive(), "the browser did not finish within 120 s"
    if failures:
        raise failures[0]
    return violations


@pytest.fixture
def secretariat_in_admin(live_server, programme_fixture, monkeypatch):
    # The browser suite's Playwright may keep an event loop in this thread; the test's own
    # ORM calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    staff_in_group("Sekretariat", username="csp-sekretaer")
    return lambda scenario: in_admin(live_server, scenario)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_changelist_works_without_csp_violations(secretariat_in_admin):
    FundingCallFactory(title="Utviklingsmidler 2026", slug="utviklingsmidler-2026")

    def scenario(page):
        page.goto("/admin/projects/fundingcall/")
        assert page.locator("#result_list").get_by_text("Utviklingsmidler 2026").is_visible()

    assert secretariat_in_admin(scenario) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_filter_widget_date_widgets_and_save_work_without_csp_violations(
    secretariat_in_admin,
):
    programme = Programme.objects.published().get()
    call = FundingCallFactory(
        programme=programme,
        title="Utviklingsmidler 2026",
        slug="utviklingsmidler-2026",
        focus_areas=list(programme.focus_areas.order_by("order")[:1]),
    )

    def scenario(page):
        page.goto(f"/admin/projects/fundingcall/{call.pk}/change/")
        # SelectFilter2.js replaces the plain multiple select with the two-list widget.
        assert page.locator("#id_focus_areas_from").is_visible()
        assert page.locator("#id_focus_areas_to option").count() == 1
        page.locator("#id_focus_areas_from option").first.dblclick()
        assert page.locator("#id_focus_areas_to option").count() == 2
        # DateTimeShortcuts.js adds the «I dag» and «Nå» shortcuts and the calendar.
        assert page.locator(".datetimeshortcuts").first.is_visible()
        page.locator(".datetimeshortcuts a[id^=calendarlink]").first.click()
        assert page.locator(".calendarbox").first.is_visible()
        page.keyboard.press("Escape")
        page.locator("input[name=_save]").click()
        page.wait_for_url("**/admin/projects/fundingcall/")
        assert page.locator(".messagelist .success").is_visible()

    assert secretariat_in_admin(scenario) == []
    assert call.focus_areas.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_inlines_add_rows_without_csp_violations(secretariat_in_admin):
    programme = Programme.objects.published().get()
    focus_area = programme.focus_areas.order_by("order").first()

    def scenario(page):
        page.goto(f"/admin/programme/focusarea/{focus_area.pk}/change/")
        rows = page.locator(".inline-related:not(.empty-form), tr.form-row:not(.empty-form)")
        before = rows.count()
        page.locator(".add-row a").first.click()
        assert rows.count() == before + 1

    assert secretariat_in_admin(scenario) == []
