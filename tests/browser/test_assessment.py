"""The secretariat scores an application on its call's criteria in Chromium, and the scoring
page and the scores on the case page pass axe-core's WCAG 2.1 A/AA rules."""

import pytest

from projects.models import Score
from projects.services.assessment import assessment_score, funding_call_add_standard_criteria
from projects.workflow import State
from tests.browser.test_axe import axe_violations, describe
from tests.factories import case_in, staff_in_group

pytestmark = pytest.mark.browser


def violations_in(page, selector):
    return [
        violation
        for violation in axe_violations(page)
        if any(selector in " ".join(map(str, node["target"])) for node in violation["nodes"])
    ]


def test_the_secretariat_scores_on_an_accessible_page(page, login, hamar, hamar_user):
    assessor = staff_in_group("Sekretariat", username="vurderer", first_name="Kari")
    other = staff_in_group("Sekretariat", username="vurderer2", first_name="Per")
    application = case_in(
        State.IN_REVIEW, secretariat=assessor, lead_municipality=hamar, created_by=hamar_user
    )
    fit, regional, _cofinancing = funding_call_add_standard_criteria(
        funding_call=application.funding_call
    )
    assessment_score(application=application, assessor=other, scores={fit.pk: (3, "Middels")})
    login(page, "vurderer", staff=True)

    page.goto(f"/admin/projects/application/{application.pk}/change/")
    page.get_by_role("link", name="Vurder mot kriteriene").first.click()
    page.get_by_label("Poeng for «Samsvar med satsingsområdet»").fill("9")
    page.get_by_role("button", name="Lagre vurderingen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Poengene må være et helt tall fra 1 til 6.").is_visible()
    errors = axe_violations(page)
    assert not errors, describe(errors, page.url)

    page.get_by_label("Poeng for «Samsvar med satsingsområdet»").fill("5")
    page.get_by_label("Kommentar til «Regional effekt»").fill("God effekt")
    page.get_by_label("Poeng for «Regional effekt»").fill("4")
    page.get_by_role("button", name="Lagre vurderingen").click()
    page.wait_for_url("**/change/#vurdering")

    assert page.locator("#vurdering").get_by_text("God effekt").is_visible()
    # 5 and 3 on the first criterion, 4 alone on the second.
    assert page.locator("#vurdering").get_by_role("cell", name="4,0").count() == 2
    section = violations_in(page, "#vurdering")
    assert not section, describe(section, page.url)
    assert Score.objects.filter(assessor=assessor).count() == 2
