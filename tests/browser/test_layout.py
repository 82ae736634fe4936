"""No page, public or the applicant's, scrolls sideways on a 320 px phone or at 200 % zoom
(WCAG 1.4.10 Reflow), tables included, in Norwegian and in English."""

import pytest

from tests.browser.pages import (
    APPLICANT_PAGE_IDS,
    PUBLIC_PAGE_IDS,
    applicant_pages,
    public_pages,
)
from tests.html import in_english

pytestmark = pytest.mark.browser

# (name, viewport width, device scale factor, the page's language)
VIEWPORTS = [
    ("320px", 320, 1, "nb"),
    # 200 % zoom of a 1280 px window lays out like a 640 px window: the browser halves the CSS
    # viewport. Zooming the page itself (document.body.style.zoom) would need an inline style,
    # which the content security policy will forbid, so the viewport is narrowed instead, with
    # twice the device pixels, as zoom gives.
    ("1280px-200%", 640, 2, "nb"),
    # English words are longer in places («Sustainable development goals»).
    ("320px-english", 320, 1, "en"),
]


def horizontal_overflow(page):
    """How many CSS pixels the document is wider than the window's layout width without its
    scrollbar (0 where it fits)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def widest_elements(page):
    """The elements that stick out on the right: a hint for the failure message."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right
                > document.documentElement.clientWidth + 1)
            .slice(0, 5)
            .map(el => el.outerHTML.slice(0, 160))"""
    )


def assert_fits(new_page, path, *, username=None, login=None):
    for name, width, scale, language in VIEWPORTS:
        page = new_page(width=width, height=800, scale=scale)
        if username:
            login(page, username)
        response = page.goto(in_english(path) if language == "en" else path)
        assert response.status == 200, f"{path} answered {response.status}"
        overflow = horizontal_overflow(page)
        assert overflow <= 0, (
            f"{path} at {name} is {overflow} px wider than the window; sticking out: "
            f"{widest_elements(page)}"
        )


@pytest.mark.parametrize("page_id", PUBLIC_PAGE_IDS)
def test_public_page_does_not_scroll_sideways(new_page, page_id, open_call, completed_project):
    path = dict(public_pages(open_call, completed_project))[page_id]
    assert_fits(new_page, path)


@pytest.mark.parametrize("page_id", APPLICANT_PAGE_IDS)
def test_applicant_page_does_not_scroll_sideways(
    new_page,
    login,
    page_id,
    open_call,
    hamar_user,
    hamar_application,
    submitted_application,
    in_progress_project,
):
    path = applicant_pages(
        open_call, hamar_application, submitted_application, in_progress_project
    )[page_id]
    assert_fits(new_page, path, username=hamar_user.username, login=login)


def test_tables_stack_into_labelled_rows_on_a_phone(
    new_page, login, hamar_user, submitted_application
):
    """At 320 px the plans on the application's page are rows of blocks, each value under its
    column's heading; at 1280 px they are ordinary tables."""
    path = submitted_application.get_absolute_url()
    for width, stacked in [(320, True), (1280, False)]:
        page = new_page(width=width, height=800)
        login(page, hamar_user.username)
        page.goto(path)
        cell = page.locator("#kostnadsplan-tabell").locator("xpath=..").locator("tbody td").first
        assert cell.get_attribute("data-label") == "Kostnad"
        display = cell.evaluate("td => getComputedStyle(td).display")
        label = cell.evaluate("td => getComputedStyle(td, '::before').content")
        if stacked:
            assert display == "block", f"at {width} px a cell is displayed as {display}"
            assert label == '"Kostnad"', f"at {width} px the cell is labelled {label}"
        else:
            assert display == "table-cell", f"at {width} px a cell is displayed as {display}"
            assert label == "none", f"at {width} px the cell still shows a label: {label}"
