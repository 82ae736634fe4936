"""Every admin page the secretariat or a council member reaches from /admin/ passes axe-core's
WCAG 2.0/2.1 A/AA rules and speaks bokmål: a breadth-first crawl of admin's own links, on the
demo data with a row in each model admin lists."""

import re
import time
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Error as PlaywrightError

from tests.admin_english import english_strings_in
from tests.admin_seed import seed_every_admin_model
from tests.browser.test_axe import axe_violations

pytestmark = pytest.mark.browser

# Enough for the secretariat's changelists, one change page, add page and history of each, and
# the case page's workflow pages; the crawl stops there, so a new model cannot make it endless.
MAX_PAGES = 160
# A path segment naming one object (a primary key or a UUID): pages that differ only there are
# the same page for axe, so one of them is crawled.
OBJECT_ID = re.compile(r"^(\d+|[0-9a-f-]{32,36}|[^/]*%[^/]*)$")
SKIPPED = re.compile(
    r"/logout/|/delete/|/resend/|/password/|eksport|export|download|last-ned|arkivuttrekk|\.(csv|pdf|ics|json|xlsx|zip)"
    r"|/admin/r/|/jsi18n/|_popup="
)


def without_changelist_filters(url):
    """The link without the filters a change page keeps to go back to its list with."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "_changelist_filters"]
    return urlunsplit(parts._replace(query=urlencode(query)))


def page_kind(url):
    """The page a link leads to with its object ids blanked, and whether it has a query: one
    page of each kind is crawled, so a changelist's filters and sortings give one page."""
    parts = urlsplit(url)
    path = "/".join("*" if OBJECT_ID.match(part) else part for part in parts.path.split("/"))
    return path + ("?" if parts.query else "")


def visible_text(page):
    """The body's text as written, not as CSS shows it (admin's column headings are in
    capitals), without its scripts."""
    return page.evaluate(
        """() => {
            const body = document.body.cloneNode(true);
            body.querySelectorAll("script, style, template").forEach(node => node.remove());
            return body.textContent;
        }"""
    )


def admin_links(page, origin):
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    links = []
    for href in hrefs:
        url = without_changelist_filters(urldefrag(urljoin(page.url, href))[0])
        if not url.startswith(origin + "/admin/") or SKIPPED.search(url):
            continue
        links.append(url)
    return links


def crawl_admin(page, origin):
    """Visits admin breadth-first from its index: returns the number of pages visited,
    {path: axe violations} and {path: English strings shown}. Links to pages that refuse the
    user (403) are printed, not followed."""
    # Pages without a query first, breadth-first; a list's filtered or sorted view after them.
    queue, filtered = [(origin + "/admin/", None)], []
    seen_kinds = {page_kind(queue[0][0])}
    violations, english, refused = {}, {}, []
    visited = 0
    while (queue or filtered) and visited < MAX_PAGES:
        url, linked_from = (queue or filtered).pop(0)
        try:
            response = page.goto(url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):  # a file, not a page
                continue
            raise
        if response is None or not page.url.startswith(origin + "/admin/"):
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        path = url.removeprefix(origin)
        if response.status == 403:
            # Django links a read-only foreign key to the related object's change page without
            # asking whether the user may open it (the council member's case page links its
            # call): a known gap, not this crawl's subject.
            refused.append(f"{path} (linked from {linked_from})")
            continue
        assert response.status == 200, (
            f"{path} (linked from {linked_from}) answered {response.status}"
        )
        visited += 1
        found = axe_violations(page)
        if found:
            violations[path] = found
        shown = english_strings_in(visible_text(page))
        if shown:
            english[path] = shown
        for link in admin_links(page, origin):
            kind = page_kind(link)
            if kind not in seen_kinds:
                seen_kinds.add(kind)
                (filtered if "?" in kind else queue).append((link, path))
    left = len(queue) + len(filtered)
    if left:
        print(f"{len(queue)} pages and {len(filtered)} filtered lists left at {MAX_PAGES}")
    if refused:
        print("Links to pages that refuse this user:", *refused, sep="\n  ")
    return visited, violations, english


def account(violations):
    lines = []
    for path, found in violations.items():
        for violation in found:
            targets = ", ".join(
                " ".join(str(part) for part in node["target"]) for node in violation["nodes"][:5]
            )
            more = len(violation["nodes"]) - 5
            lines.append(
                f"{path}: {violation['id']} ×{len(violation['nodes'])} at {targets}"
                + (f" (+{more})" if more > 0 else "")
            )
            summary = violation["nodes"][0].get("failureSummary") or ""
            lines.append("    " + summary.replace("\n", " ")[:300])
    return "\n".join(lines)


@pytest.fixture
def demo_data(programme_fixture):
    """The demo people, calls, applications, follow-up and meetings, and a row for every
    model admin lists besides (tests/admin_seed.py)."""
    with override_settings(DEBUG=True):
        for command in (
            "create_demo_accounts",
            "create_demo_data",
            "create_demo_follow_up",
            "create_demo_meetings",
        ):
            call_command(command, verbosity=0)
    seed_every_admin_model()


@pytest.mark.parametrize("username", ["sekretariat", "raad"], ids=["secretariat", "council_member"])
def test_every_admin_page_is_accessible_and_in_bokmal(
    page, login, live_server, demo_data, username
):
    login(page, username, f"demo-{username}", staff=True)
    started = time.monotonic()
    visited, violations, english = crawl_admin(page, live_server.url)
    elapsed = time.monotonic() - started
    print(f"{username}: {visited} admin pages crawled in {elapsed:.0f} s")
    assert visited >= (40 if username == "sekretariat" else 5), visited
    assert not violations, (
        f"{sum(len(node['nodes']) for v in violations.values() for node in v)} axe violations "
        f"on {len(violations)} of {visited} pages:\n{account(violations)}"
    )
    shown = {string: path for path, strings in reversed(english.items()) for string in strings}
    assert not english, "English on admin pages: " + ", ".join(
        f"«{string}» ({path})" for string, path in shown.items()
    )
