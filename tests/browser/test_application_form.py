"""The application form in the browser: rows added and removed in the plans with the sums and
rules shown as one types, autosave, and a whole application written on a phone with the
keyboard, from a new application to the receipt."""

import re
from datetime import date

import pytest
from django.urls import reverse

from projects.models import Application, CostLine, FundingLine
from projects.workflow import State
from tests.browser.test_keyboard import choose, focus_is_visible, focused_html, tab_to

pytestmark = pytest.mark.browser

NBSP = "\u00a0"


def nok(amount: int) -> str:
    return f"{amount:,}".replace(",", NBSP) + f"{NBSP}kr"


@pytest.fixture
def script_errors(page):
    """The page's JavaScript errors, collected while the test runs."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def cost_sum(page):
    return page.locator("#kostnadsplan [data-sum]").inner_text()


def plan_status(page):
    return page.locator("[data-plan-status]").inner_text()


def test_plan_rows_are_added_and_removed_with_live_sums_and_checks(
    page, login, hamar_user, hamar_application, script_errors
):
    login(page, hamar_user.username)
    page.goto(reverse("projects:application-edit", args=[hamar_application.pk]))
    assert page.locator("#kostnadsplan tfoot th").first.inner_text() == "Sum"

    page.fill("[name=cost-0-item]", "Prosjektledelse")
    page.fill("[name=cost-0-amount]", "400000")
    assert cost_sum(page) == nok(400_000)
    page.locator("[data-add-row=cost]").click()
    assert page.locator("#kostnadsplan tbody tr:not([hidden])").count() == 4
    assert page.locator("[name=cost-TOTAL_FORMS]").input_value() == "4"
    # The new row has focus, and its label says which row it is.
    assert page.evaluate("() => document.activeElement.name") == "cost-3-item"
    assert page.locator("label[for=id_cost-3-item]").inner_text() == "Kostnad, rad 4"
    page.keyboard.type("Innleid kompetanse")
    page.fill("[name=cost-3-amount]", "100000")
    assert cost_sum(page) == nok(500_000)

    # Remove the second (empty) row: the others move up, and the management form follows.
    page.locator("#kostnadsplan tbody tr").nth(1).locator("[data-remove-row]").click()
    assert page.locator("[name=cost-TOTAL_FORMS]").input_value() == "3"
    assert page.locator("[name=cost-2-amount]").input_value() == "100000"
    assert page.locator("label[for=id_cost-2-amount]").inner_text() == "Beløp (kr), rad 3"
    assert cost_sum(page) == nok(500_000)

    page.select_option("[name=funding-0-source]", FundingLine.Source.OWN)
    page.fill("[name=funding-0-amount]", "200000")
    page.wait_for_function(
        "() => document.querySelector('[data-plan-status]').innerText"
        ".includes('Finansieringsplanen (200')"
    )
    assert f"må være lik kostnadsplanen ({nok(500_000)})" in plan_status(page)
    assert "Finansieringsplanen må ha en linje «Søknadsbeløp fra regionrådet»." in plan_status(page)
    assert page.locator("[data-plan-status]").get_attribute("aria-live") == "polite"

    page.select_option("[name=funding-1-source]", FundingLine.Source.COUNCIL)
    page.fill("[name=funding-1-amount]", "300000")
    # 300 000 of 500 000 is over the call's 50 %: the server's message, as one types.
    page.wait_for_function(
        "() => document.querySelector('[data-plan-status]').innerText.includes('50 %')"
    )
    assert f"Du kan søke om høyst {nok(250_000)}." in plan_status(page)
    page.fill("[name=funding-0-amount]", "250000")
    page.fill("[name=funding-1-amount]", "250000")
    page.wait_for_function(
        "() => document.querySelector('[data-plan-status]').innerText.includes('går i balanse')"
    )
    assert page.locator("#finansieringsplan [data-applied]").inner_text() == nok(250_000)

    with page.expect_navigation():
        page.locator("button[name=save]").click()
    assert sorted(hamar_application.cost_lines.values_list("item", "amount")) == [
        ("Innleid kompetanse", 100_000),
        ("Prosjektledelse", 400_000),
    ]
    assert sorted(hamar_application.funding_lines.values_list("amount", flat=True)) == [
        250_000,
        250_000,
    ]
    assert not script_errors, script_errors


def test_autosave_stores_typing_and_new_rows_once(
    page, login, hamar_user, hamar_application, script_errors
):
    login(page, hamar_user.username)
    page.goto(reverse("projects:application-step", args=[hamar_application.pk, "prosjekt"]))
    status = page.locator("[data-autosave-status]")
    assert status.get_attribute("role") == "status"

    page.fill("[name=summary]", "Lagret uten at noen trykket på knappen.")
    page.wait_for_function(
        "() => /Lagret kl\\. \\d\\d:\\d\\d/.test("
        "document.querySelector('[data-autosave-status]').innerText)"
    )
    hamar_application.refresh_from_db()
    assert hamar_application.summary == "Lagret uten at noen trykket på knappen."

    page.goto(reverse("projects:application-step", args=[hamar_application.pk, "planer"]))
    page.locator("[data-add-row=cost]").click()
    page.keyboard.type("Reise")
    page.fill("[name=cost-3-amount]", "12000")
    page.wait_for_function(
        "() => document.querySelector('[name=cost-INITIAL_FORMS]').value === '1'"
    )
    assert re.fullmatch(r"Lagret kl\. \d\d:\d\d", status.inner_text())
    line = CostLine.objects.get(application=hamar_application)
    assert (line.item, line.amount) == ("Reise", 12_000)
    # The stored row comes first in the formset, wherever it stands on the page.
    assert page.locator("[name=cost-0-id]").input_value() == str(line.pk)

    page.fill("[name=cost-0-amount]", "15000")
    with page.expect_navigation():
        page.locator("button[name=save]").click()
    assert list(hamar_application.cost_lines.values_list("item", "amount")) == [("Reise", 15_000)]

    # Invalid input is not stored, and the status says why.
    page.fill("[name=cost-0-amount]", "-5")
    page.wait_for_function(
        "() => document.querySelector('[data-autosave-status]').innerText"
        ".startsWith('Ikke lagret automatisk')"
    )
    assert hamar_application.cost_lines.get().amount == 15_000
    assert not script_errors, script_errors


# What the applicant types on each step, and the choices made with the arrow keys and Space.
PROJECT_STEP = {
    "summary": "Kommunene bygger ut felles ladepunkter.",
    "start_date": "01012027",
    "end_date": "12122027",
    "project_leader_name": "Kari Nordmann",
    "project_leader_email": "kari@hamar.example.org",
    "project_leader_phone": "62000000",
    "contact_name": "Ola Nordmann",
    "contact_email": "ola@hamar.example.org",
    "contact_phone": "62000001",
}
GOALS_STEP = {
    "background": "Regionen mangler ladepunkter.",
    "main_goal": "Flere elbiler.",
    "sub_goals": "Kartlegge behovet.",
    "expected_results": "En felles plan.",
    "target_group": "Innbyggere.",
    "anchoring": "Vedtatt i formannskapet.",
    "organisation": "Styringsgruppe.",
}


def type_fields(page, values, selected=None):
    """Types each value into its field, in the order Tab reaches them."""
    selected = selected or {}
    order = page.evaluate(
        "() => [...document.querySelectorAll('form.application-form [name]')].map(el => el.name)"
    )
    for name in sorted([*values, *selected], key=order.index):
        tab_to(page, f"[name='{name}']")
        if name in selected:
            choose(page, selected[name])
        else:
            page.keyboard.type(values[name])


def press_enter_on(page, selector):
    tab_to(page, selector)
    assert focus_is_visible(page), f"no visible focus on {focused_html(page)}"
    with page.expect_navigation():
        page.keyboard.press("Enter")


def current_step(page):
    return page.locator("[aria-current=step]").inner_text()


def test_a_new_application_written_on_a_phone_with_the_keyboard_to_the_receipt(
    new_page, login, open_call, hamar_user, script_errors
):
    page = new_page(width=390, height=844)
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    login(page, hamar_user.username)

    page.goto(open_call.get_absolute_url())
    press_enter_on(
        page, f"a[href='{reverse('projects:application-start', args=[open_call.slug])}']"
    )
    tab_to(page, "input[name=title]")
    page.keyboard.type("Felles ladeinfrastruktur")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    application = Application.objects.get(title="Felles ladeinfrastruktur")

    press_enter_on(
        page, f"a[href='{reverse('projects:application-step', args=[application.pk, 'prosjekt'])}']"
    )
    assert "Prosjektet" in current_step(page)
    type_fields(page, PROJECT_STEP, {"phase": Application.Phase.PRE_PROJECT.value})
    press_enter_on(page, "button[name=next]")

    assert "Mål og handlingsprogram" in current_step(page)
    type_fields(page, GOALS_STEP)
    focus_area = open_call.focus_areas.order_by("order").first()
    sub_theme = focus_area.themes.order_by("order").first().sub_themes.order_by("order").first()
    for box in (
        f"[name=focus_areas][value='{focus_area.pk}']",
        f"[name=sub_themes][value='{sub_theme.pk}']",
    ):
        tab_to(page, box)
        page.keyboard.press("Space")
    press_enter_on(page, "button[name=next]")

    assert "Kostnader og finansiering" in current_step(page)
    type_fields(
        page,
        {
            "cost-0-item": "Prosjektledelse",
            "cost-0-amount": "300000",
            "funding-0-description": "Egeninnsats",
            "funding-0-amount": "200000",
            "funding-1-amount": "200000",
        },
        {
            "funding-0-source": FundingLine.Source.OWN,
            "funding-1-source": FundingLine.Source.COUNCIL,
        },
    )
    # A fourth cost row, added with the keyboard: focus lands in it.
    tab_to(page, "[data-add-row=cost]")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.name") == "cost-3-item"
    page.keyboard.type("Kommunikasjon")
    page.keyboard.press("Tab")
    page.keyboard.type("100000")
    page.wait_for_function(
        "() => document.querySelector('[data-plan-status]').innerText.includes('går i balanse')"
    )
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 1
    press_enter_on(page, "button[name=next]")

    assert "Vedlegg" in current_step(page)
    press_enter_on(page, "button[name=next]")

    assert "Oppsummering" in current_step(page)
    text = page.locator("main").inner_text()
    assert "Dette må rettes" not in text, text[:2000]
    for shown in ("Kari Nordmann", "Regionen mangler ladepunkter.", "Kommunikasjon"):
        assert shown in text
    press_enter_on(page, "button[name=confirm]")

    application.refresh_from_db()
    assert application.status == State.SUBMITTED
    assert (application.start_date, application.end_date) == (date(2027, 1, 1), date(2027, 12, 12))
    assert application.total_cost() == 400_000
    assert application.amount_applied() == 200_000
    assert page.url.endswith(reverse("projects:application-receipt", args=[application.pk]))
    receipt = page.locator("main").inner_text()
    assert "Kvittering for innsendt søknad" in receipt
    assert re.search(r"Sendt inn\s+\d\d\.\d\d\.\d{4} kl\. \d\d:\d\d", receipt), receipt[:1000]
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 1

    # Later, from the application's page.
    page.goto(application.get_absolute_url())
    press_enter_on(
        page, f"a[href='{reverse('projects:application-receipt', args=[application.pk])}']"
    )
    assert "Kvittering for innsendt søknad" in page.locator("h1").inner_text()
    assert not script_errors, script_errors
