"""Every public page and every page of «Mine søknader» passes axe-core's WCAG 2.1 A/AA rules,
in bokmål and in English."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.browser.pages import (
    APPLICANT_PAGE_IDS,
    PUBLIC_PAGE_IDS,
    applicant_pages,
    public_pages,
)
from tests.html import in_english

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()


def axe_violations(page):
    result = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return result.response["violations"]


def describe(violations, url):
    """A readable account: each rule, its impact and help, and every offending element."""
    lines = [f"{len(violations)} axe rule(s) violated on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {node['html'][:300]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n         ")
                lines.append(f"         {summary}")
    return "\n".join(lines)


def assert_accessible(page, path, status=200):
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, describe(violations, path)


def in_language(path, language):
    return in_english(path) if language == "en" else path


# In English, the interface around the council's Norwegian content (marked lang="nb").
@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("page_id", PUBLIC_PAGE_IDS)
def test_public_page_has_no_wcag_violations(page, page_id, language, open_call, completed_project):
    pages = dict(public_pages(open_call, completed_project))
    assert_accessible(page, in_language(pages[page_id], language))
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("path", ["/finnes-ikke/", "/en/finnes-ikke/"])
def test_not_found_page_has_no_wcag_violations(page, path):
    assert_accessible(page, path, status=404)


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("page_id", APPLICANT_PAGE_IDS)
def test_applicant_page_has_no_wcag_violations(
    page,
    login,
    page_id,
    language,
    open_call,
    hamar_user,
    hamar_application,
    submitted_application,
    in_progress_project,
):
    login(page, hamar_user.username)
    pages = applicant_pages(
        open_call, hamar_application, submitted_application, in_progress_project
    )
    assert_accessible(page, in_language(pages[page_id], language))
    assert page.locator("html").get_attribute("lang") == language


def test_edit_page_with_validation_errors_has_no_wcag_violations(
    page, login, hamar_user, hamar_application
):
    """Submitting an incomplete application shows the error summary and the errors at the
    fields: that page must pass too."""
    login(page, hamar_user.username)
    path = reverse("projects:application-edit", args=[hamar_application.pk])
    page.goto(path)
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations, f"{path} (with validation errors)")
