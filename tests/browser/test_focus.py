"""Focus is visible everywhere (WCAG 2.4.7): every control that Tab reaches, on a public page
and on the application form, draws a solid outline of at least 2 px whose colour has 3:1
contrast against the background behind it."""

import pytest

from tests.browser.pages import public_pages

pytestmark = pytest.mark.browser

# The focused element's outline, and the contrast of its colour against the first opaque
# background found from the element's parent upwards (white if none).
FOCUS_RING = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const rgb = (colour) => colour.match(/[\\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => {
        const channel = (c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    let background = [255, 255, 255];
    for (let node = el.parentElement; node; node = node.parentElement) {
        const parts = rgb(getComputedStyle(node).backgroundColor);
        if (parts.length === 3 || parts[3] > 0) { background = parts.slice(0, 3); break; }
    }
    const [light, dark] = [luminance(rgb(style.outlineColor)), luminance(background)]
        .sort((a, b) => b - a);
    return {
        html: el.outerHTML.slice(0, 120),
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        contrast: (light + 0.05) / (dark + 0.05),
    };
}"""


def assert_every_tab_stop_shows_the_ring(page, path, *, max_tabs=120):
    page.goto(path)
    seen = 0
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break
        # A date field's calendar button is a part of Chromium's own inside the field: the
        # field then has no :focus, and the button draws the browser's ring.
        if not page.evaluate("() => document.activeElement.matches(':focus')"):
            continue
        ring = page.evaluate(FOCUS_RING)
        assert ring["style"] == "solid" and ring["width"] >= 2, (
            f"{path}: no focus outline on {ring['html']}"
        )
        assert ring["contrast"] >= 3, (
            f"{path}: the focus outline on {ring['html']} has contrast {ring['contrast']:.2f}"
        )
        seen += 1
    assert seen > 10, f"{path}: Tab reached only {seen} elements"


def test_focus_ring_on_every_control_of_a_public_page(page, open_call, completed_project):
    pages = dict(public_pages(open_call, completed_project))
    assert_every_tab_stop_shows_the_ring(page, pages["handlingsprogram"])
    assert_every_tab_stop_shows_the_ring(page, pages["prosjekter"])


def test_focus_ring_on_every_control_of_the_application_form(
    page, login, hamar_user, hamar_application
):
    login(page, hamar_user.username)
    assert_every_tab_stop_shows_the_ring(
        page, f"/soknader/{hamar_application.pk}/rediger/", max_tabs=400
    )
