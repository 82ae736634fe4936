"""The public follows a UN goal to a project that serves it, and back, with the keyboard only."""

import pytest
from django.urls import reverse

from programme.models import SustainableDevelopmentGoal
from tests.browser.test_keyboard import focus_is_visible, tab_to

pytestmark = pytest.mark.browser


def test_visitor_follows_a_goal_to_a_focus_area_and_a_project_and_back_with_the_keyboard(
    page, completed_project
):
    goal = SustainableDevelopmentGoal.objects.get(number=11)
    focus_area = completed_project.focus_areas.get()
    focus_area.sustainable_development_goals.add(goal)
    completed_project.sustainable_development_goals.add(goal)
    goal_path = reverse("programme:goal-detail", kwargs={"number": 11})
    project_path = completed_project.get_public_url()

    page.goto(reverse("programme:goal-list"))
    tab_to(page, f"main a[href='{goal_path}']")
    assert focus_is_visible(page), "the focused goal link shows no outline"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == goal.name
    assert completed_project.title in page.locator("#prosjekter-liste").inner_text()

    tab_to(page, f"#satsingsomrader-liste a[href='{focus_area.get_absolute_url()}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == focus_area.name

    tab_to(page, f"#prosjekter-liste a[href='{project_path}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == completed_project.title

    tab_to(page, f"main a[href='{goal_path}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(goal_path)
