"""The secretariat's application list and case page are usable on a 1280 px screen and at
200 % zoom of it (a 640 px layout): the amount columns are not cut off, and the case page's
buttons do not cover its title."""

import pytest
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.browser

# (name, width, height, device scale factor): 200 % zoom of 1280×900 lays out as 640×450 with
# twice the device pixels (tests/browser/test_layout.py says why the viewport stands for zoom).
VIEWPORTS = [("1280px", 1280, 900, 1), ("1280px-200%", 640, 450, 2)]
AMOUNT_COLUMNS = ["applied", "recommended", "granted"]


@pytest.fixture
def secretariat_page(new_page, login, programme_fixture, request):
    _name, width, height, scale = request.param
    with override_settings(DEBUG=True):
        for command in ("create_demo_accounts", "create_demo_data"):
            call_command(command, verbosity=0)
    page = new_page(width=width, height=height, scale=scale)
    login(page, "sekretariat", "demo-sekretariat", staff=True)
    return page


def reachable(page, selector):
    """Whether each element matching the selector is inside the window, or inside a box that
    scrolls sideways on its own (so that it can be scrolled to without the page doing so)."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)].map(cell => {
            const box = cell.getBoundingClientRect();
            if (box.right <= document.documentElement.clientWidth) return true;
            for (let parent = cell.parentElement; parent; parent = parent.parentElement) {
                const overflow = getComputedStyle(parent).overflowX;
                if ((overflow === 'auto' || overflow === 'scroll')
                    && parent !== document.documentElement && parent !== document.body) {
                    return parent.getBoundingClientRect().right
                        <= document.documentElement.clientWidth;
                }
            }
            return false;
        })""",
        selector,
    )


def page_overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize(
    "secretariat_page", VIEWPORTS, ids=[v[0] for v in VIEWPORTS], indirect=True
)
def test_the_application_list_shows_its_amount_columns_without_the_page_scrolling_sideways(
    secretariat_page,
):
    page = secretariat_page
    page.goto("/admin/projects/application/")
    assert page.locator("#result_list tbody tr").count() > 0
    for column in AMOUNT_COLUMNS:
        cells = reachable(page, f"#result_list .column-{column}, #result_list .field-{column}")
        assert cells and all(cells), f"the column {column} is cut off"
    assert page_overflow(page) == 0, "the page scrolls sideways"


@pytest.mark.parametrize(
    "secretariat_page", VIEWPORTS, ids=[v[0] for v in VIEWPORTS], indirect=True
)
def test_the_case_page_buttons_do_not_cover_its_title(secretariat_page):
    from projects.models import Application

    page = secretariat_page
    from django.db.models.functions import Length

    # The longest title, which runs furthest towards the buttons.
    application = (
        Application.objects.exclude(submitted_at=None).order_by(Length("title").desc()).first()
    )
    page.goto(f"/admin/projects/application/{application.pk}/change/")
    title = page.locator("#content h1, #content > h2").first.bounding_box()
    assert title is not None
    for button in page.locator(".object-tools li").all():
        box = button.bounding_box()
        overlaps = not (
            box["x"] >= title["x"] + title["width"]
            or box["x"] + box["width"] <= title["x"]
            or box["y"] >= title["y"] + title["height"]
            or box["y"] + box["height"] <= title["y"]
        )
        assert not overlaps, f"{button.inner_text()!r} covers the title"
    assert page_overflow(page) == 0, "the case page scrolls sideways"
