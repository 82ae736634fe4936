"""The map of funded projects with the keyboard only: each municipality on the map is a link that
Tab reaches, shows where focus is, and Enter follows to the catalogue filtered by it."""

import pytest
from django.urls import reverse

from tests.browser.test_keyboard import focused_html, focused_matches

pytestmark = pytest.mark.browser

MAP_LINKS = "svg#kart a"
# The map's focus colour, #c25400 (static/css/project_map.css): orange, since the boundaries
# are drawn in the brand blue that the rest of the site's focus ring uses.
FOCUS_COLOUR = "rgb(194, 84, 0)"


def focused_area_style(page) -> dict:
    """How the focused municipality's shape is painted: an outline around a link's bounding box
    would cut across the neighbours, so focus shows in the shape's own boundary and fill."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement.querySelector('path'));
            return {stroke: style.stroke, width: parseFloat(style.strokeWidth), fill: style.fill};
        }"""
    )


def test_the_maps_links_are_reached_by_keyboard_and_lead_to_the_filtered_catalogue(
    page, completed_project
):
    map_url = reverse("publication:project-map")
    page.goto(map_url)
    names = page.locator(MAP_LINKS).evaluate_all("links => links.map(a => a.ariaLabel)")
    assert sorted(name.split(":")[0] for name in names) == ["Hamar", "Løten", "Ringsaker", "Stange"]

    reached = []
    for _ in range(200):
        page.keyboard.press("Tab")
        if focused_matches(page, MAP_LINKS):
            style = focused_area_style(page)
            assert style["stroke"] == FOCUS_COLOUR and style["width"] >= 3, focused_html(page)
            assert style["fill"] == "rgb(255, 227, 199)", style
            reached.append(page.evaluate("() => document.activeElement.ariaLabel"))
        elif reached:
            break
    assert sorted(reached) == sorted(names), reached

    # Back to Løten's area, whose one project the catalogue then lists.
    page.goto(map_url)
    for _ in range(200):
        page.keyboard.press("Tab")
        if focused_matches(page, f"{MAP_LINKS}[href$='municipality=loten']"):
            break
    else:
        raise AssertionError("Tab never reached Løten on the map")
    assert page.evaluate("() => document.activeElement.ariaLabel") == "Løten: 1 prosjekt"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith(f"{reverse('publication:project-list')}?municipality=loten")
    assert page.locator("select[name=municipality]").input_value() == "loten"
    assert page.locator(".project-card h3").all_inner_texts() == [completed_project.title]
    assert "Kommune: Løten" in page.locator("#treff-status").inner_text()
