"""Keyboard-only journeys: Tab, Enter, Space, arrow keys and typing; no mouse. Elements are
located only to check where focus is."""

from datetime import date

import pytest
from django.urls import reverse

from projects.models import Application, FundingLine
from projects.workflow import State
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.browser

MAX_TABS = 400


def focused_matches(page, selector):
    return page.evaluate(
        "(selector) => !!document.activeElement && document.activeElement.matches(selector)",
        selector,
    )


def tab_to(page, selector):
    """Presses Tab until the element matching `selector` has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector} (focus is on {focused_html(page)})")


def focused_html(page):
    return page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")


def choose(page, value):
    """Moves the focused <select> to the option `value` with the arrow keys."""
    for _ in range(60):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {value!r} in {focused_html(page)}")


def focus_is_visible(page):
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                || style.boxShadow !== 'none';
        }"""
    )


def test_visitor_finds_a_project_by_focus_area_with_the_keyboard(
    page, open_call, completed_project
):
    page.goto("/")
    page.keyboard.press("Tab")
    assert focused_matches(page, "a.skip-link"), focused_html(page)
    assert focus_is_visible(page), "the focused skip link shows no outline"
    page.keyboard.press("Enter")
    assert focused_matches(page, "#hovedinnhold"), focused_html(page)

    page.goto("/")
    tab_to(page, f"header a[href='{reverse('publication:project-list')}']")
    assert focus_is_visible(page), "the focused menu link shows no outline"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("publication:project-list"))

    focus_area = completed_project.focus_areas.get()
    tab_to(page, "select[name=focus_area]")
    choose(page, str(focus_area.pk))
    tab_to(page, "form[role=search] button[type=submit]")
    assert focus_is_visible(page), "the focused button shows no outline"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"focus_area={focus_area.pk}" in page.url

    project_path = reverse("publication:project-detail", args=[completed_project.pk])
    tab_to(page, f"main a[href='{project_path}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(project_path)
    assert page.locator("h1").inner_text() == completed_project.title


# What the applicant types, field by field, in the edit form.
TYPED = {
    "summary": "Kommunene bygger ut felles ladepunkter.",
    "project_leader_name": "Kari Nordmann",
    "project_leader_email": "kari@hamar.example.org",
    "project_leader_phone": "62000000",
    "contact_name": "Ola Nordmann",
    "contact_email": "ola@hamar.example.org",
    "contact_phone": "62000001",
    "start_date": "01012027",
    # Day and month alike: the date field's segment order follows the browser's locale.
    "end_date": "12122027",
    "background": "Regionen mangler ladepunkter.",
    "main_goal": "Flere elbiler.",
    "sub_goals": "Kartlegge behovet.",
    "expected_results": "En felles plan.",
    "target_group": "Innbyggere.",
    "anchoring": "Vedtatt i formannskapet.",
    "organisation": "Styringsgruppe.",
    "cost-0-item": "Prosjektledelse",
    "cost-0-amount": "400000",
    "funding-0-description": "Kommunens egeninnsats",
    "funding-0-amount": "200000",
    "funding-1-amount": "200000",
}
SELECTED = {
    "phase": Application.Phase.PRE_PROJECT.value,
    "funding-0-source": FundingLine.Source.OWN.value,
    "funding-1-source": FundingLine.Source.COUNCIL.value,
}


def test_applicant_writes_and_submits_an_application_with_the_keyboard(page, open_call, hamar_user):
    page.goto(reverse("login"))
    tab_to(page, "input[name=username]")
    page.keyboard.type(hamar_user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.goto(open_call.get_absolute_url())
    tab_to(page, f"a[href='{reverse('projects:application-start', args=[open_call.slug])}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "input[name=title]")
    page.keyboard.type("Felles ladeinfrastruktur")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    application = Application.objects.get(title="Felles ladeinfrastruktur")
    assert page.url.endswith(reverse("projects:application-edit", args=[application.pk]))

    focus_area = open_call.focus_areas.order_by("order").first()
    sub_theme = focus_area.themes.order_by("order").first().sub_themes.order_by("order").first()
    checked = {
        f"input[name=focus_areas][value='{focus_area.pk}']",
        f"input[name=sub_themes][value='{sub_theme.pk}']",
    }
    # Visit the fields in the order Tab reaches them.
    order = page.evaluate(
        """() => [...document.querySelectorAll('form.application-form [name]')]
            .map(el => el.type === 'checkbox' ? `input[name=${el.name}][value='${el.value}']`
                                              : el.name)"""
    )
    wanted = [*TYPED, *SELECTED, *checked]
    for key in sorted(wanted, key=order.index):
        if key in checked:
            tab_to(page, key)
            page.keyboard.press("Space")
        elif key in SELECTED:
            tab_to(page, f"[name='{key}']")
            choose(page, SELECTED[key])
        else:
            tab_to(page, f"[name='{key}']")
            page.keyboard.type(TYPED[key])

    tab_to(page, "button[name=save]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    application.refresh_from_db()
    assert application.status == State.DRAFT
    assert (application.start_date, application.end_date) == (date(2027, 1, 1), date(2027, 12, 12))
    assert application.amount_applied() == 200_000
    assert not page.locator(".error-summary").count(), page.locator(".error-summary").inner_text()

    tab_to(page, "[name=confirm_submit]")
    page.keyboard.press("Space")
    tab_to(page, "button[name=submit]")
    assert focus_is_visible(page), "the focused submit button shows no outline"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    application.refresh_from_db()
    assert application.status == State.SUBMITTED, page.locator("main").inner_text()[:2000]
    assert page.url.endswith(application.get_absolute_url())
    assert "Sendt inn" in page.locator("main").inner_text()
