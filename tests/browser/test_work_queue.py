"""The secretariat logs in and lands on its work queue, narrows it to its own cases, follows a
case to admin; the queue passes axe-core's WCAG 2.1 A/AA rules."""

import pytest
from django.contrib.auth import get_user_model

from projects.services import case_handler_assign
from projects.workflow import State
from tests.browser.conftest import pass_second_factor_in
from tests.browser.test_axe import axe_violations, describe
from tests.factories.cases import case_in
from tests.factories.users import DEFAULT_PASSWORD
from tests.second_factor import second_factor_device, unused_totp_code

pytestmark = pytest.mark.browser


def test_the_secretariat_lands_on_the_queue_filters_mine_and_opens_a_case(
    page, secretariat_user, hamar, hamar_user
):
    cases = {
        title: case_in(
            state,
            secretariat=secretariat_user,
            lead_municipality=hamar,
            created_by=hamar_user,
            title=title,
        )
        for title, state in [
            ("Min sak om stier", State.SUBMITTED),
            ("Ingens sak om sykkel", State.IN_REVIEW),
        ]
    }
    case_handler_assign(
        application=cases["Min sak om stier"], handler=secretariat_user, by=secretariat_user
    )
    device = second_factor_device(get_user_model().objects.get(pk=secretariat_user.pk))

    page.goto("/konto/logg-inn/")
    page.fill("input[name=username]", secretariat_user.username)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state()
    pass_second_factor_in(page, unused_totp_code(device))

    assert page.url.endswith("/arbeidsliste/"), page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Arbeidsliste"
    violations = axe_violations(page)
    assert not violations, describe(violations, page.url)
    waiting = page.get_by_role("table", name="Søknader som venter på sekretariatet")
    assert "Ingens sak om sykkel" in waiting.inner_text()

    page.get_by_role("link", name="Mine", exact=True).click()
    page.wait_for_load_state()

    assert page.url.endswith("/arbeidsliste/?saksbehandler=mine"), page.url
    waiting = page.get_by_role("table", name="Søknader som venter på sekretariatet")
    assert "Min sak om stier" in waiting.inner_text()
    assert "Ingens sak om sykkel" not in waiting.inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations, page.url)

    waiting.get_by_role("link", name="Min sak om stier").click()
    page.wait_for_load_state()

    application = cases["Min sak om stier"]
    assert page.url.endswith(f"/admin/projects/application/{application.pk}/change/"), page.url
    assert "Min sak om stier" in page.inner_text("#content")
