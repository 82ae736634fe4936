"""No public or applicant page scrolls sideways on a 320 px phone or at 200 % zoom
(WCAG 1.4.10 Reflow)."""

import pytest

from tests.browser.pages import (
    APPLICANT_PAGE_IDS,
    PUBLIC_PAGE_IDS,
    applicant_pages,
    public_pages,
)

pytestmark = pytest.mark.browser

# (name, viewport width, device scale factor)
VIEWPORTS = [
    ("320px", 320, 1),
    # 200 % zoom of a 1280 px window lays out like a 640 px window: the browser halves the CSS
    # viewport. Zooming the page itself (document.body.style.zoom) would need an inline style,
    # which the content security policy will forbid, so the viewport is narrowed instead, with
    # twice the device pixels, as zoom gives.
    ("1280px-200%", 640, 2),
]


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the window (0 where it fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def widest_elements(page):
    """The elements that stick out on the right: a hint for the failure message."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 5)
            .map(el => el.outerHTML.slice(0, 160))"""
    )


@pytest.mark.parametrize("page_id", PUBLIC_PAGE_IDS)
def test_public_page_does_not_scroll_sideways(new_page, page_id, open_call, completed_project):
    path = dict(public_pages(open_call, completed_project))[page_id]
    for name, width, scale in VIEWPORTS:
        page = new_page(width=width, height=800, scale=scale)
        page.goto(path)
        overflow = horizontal_overflow(page)
        assert overflow <= 1, (
            f"{path} at {name} is {overflow} px wider than the window; sticking out: "
            f"{widest_elements(page)}"
        )


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
    for name, width, scale in VIEWPORTS:
        page = new_page(width=width, height=800, scale=scale)
        login(page, hamar_user.username)
        page.goto(path)
        overflow = horizontal_overflow(page)
        assert overflow <= 1, (
            f"{path} at {name} is {overflow} px wider than the window; sticking out: "
            f"{widest_elements(page)}"
        )
