"""Django admin works in Chromium under the portal's Content-Security-Policy: changelists,
inlines, the filter_horizontal widget, the date and time widgets and «Lagre», with no CSP
violation in the console."""

import pytest

from programme.models import Programme
from tests.factories import FundingCallFactory, staff_in_group

pytestmark = pytest.mark.browser


@pytest.fixture
def secretariat_in_admin(page, login, programme_fixture):
    """Runs scenario(page) in Chromium, logged in to admin as the secretariat, and returns the
    CSP violations and script errors the console showed."""
    staff_in_group("Sekretariat", username="csp-sekretaer")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: violations.append(f"page error: {error}"))
    login(page, "csp-sekretaer", staff=True)

    def run(scenario):
        scenario(page)
        return violations

    return run


def test_the_changelist_works_without_csp_violations(secretariat_in_admin):
    FundingCallFactory(title="Utviklingsmidler 2026", slug="utviklingsmidler-2026")

    def scenario(page):
        page.goto("/admin/projects/fundingcall/")
        assert page.locator("#result_list").get_by_text("Utviklingsmidler 2026").is_visible()

    assert secretariat_in_admin(scenario) == []


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
