"""Hamarregionen's identity on every page: the favicon, app icons and web manifest are linked
and answer, /favicon.ico answers with the icon, and the footer gives the secretariat's
contact details."""

import json
import re
from urllib.parse import urljoin

import pytest
from django.conf import settings

from tests.browser.pages import applicant_pages, public_pages

pytestmark = pytest.mark.browser

ICON_LINKS = {
    "icon (PNG)": "link[rel=icon][type='image/png'][sizes='32x32']",
    "icon (SVG)": "link[rel=icon][type='image/svg+xml']",
    "apple-touch-icon": "link[rel=apple-touch-icon]",
    "manifest": "link[rel=manifest]",
}


def assert_identity(page, path):
    response = page.goto(path)
    assert response.status in (200, 404), f"{path} answered {response.status}"
    for name, selector in ICON_LINKS.items():
        assert page.locator(selector).count() == 1, f"{path} does not link the {name}"
    contact = page.locator("footer address")
    email = settings.SECRETARIAT_EMAIL
    assert contact.get_by_role("link", name=email).get_attribute("href") == f"mailto:{email}", (
        f"{path} has no footer with the secretariat's e-mail address"
    )
    assert "Hamarregionen IPR" in page.locator("footer").inner_text()


def test_every_page_links_the_icons_and_shows_the_contact_details(
    page,
    login,
    open_call,
    completed_project,
    hamar_user,
    hamar_application,
    submitted_application,
    in_progress_project,
):
    for _page_id, path in public_pages(open_call, completed_project):
        assert_identity(page, path)
    assert_identity(page, "/finnes-ikke/")
    login(page, hamar_user.username)
    pages = applicant_pages(
        open_call, hamar_application, submitted_application, in_progress_project
    )
    for path in pages.values():
        assert_identity(page, path)


def get(page, url):
    response = page.request.get(url)
    assert response.status == 200, f"{url} answered {response.status}"
    return response


def test_linked_icons_and_manifest_icons_are_served_at_their_sizes(page):
    page.goto("/")
    for name, selector in ICON_LINKS.items():
        href = page.locator(selector).get_attribute("href")
        response = get(page, urljoin(page.url, href))
        if name == "manifest":
            manifest_url = response.url
            manifest = json.loads(response.body())
        elif name == "icon (SVG)":
            assert response.headers["content-type"].startswith("image/svg+xml")
            assert b"<title" in response.body()
    assert manifest["name"] == "Hamarregionen IPR"
    assert manifest["start_url"] == "/"
    sizes = set()
    for icon in manifest["icons"]:
        body = get(page, urljoin(manifest_url, icon["src"])).body()
        if icon["type"] == "image/png":
            # A PNG's width and height, big-endian, at bytes 16–23 of its IHDR chunk.
            width, height = int.from_bytes(body[16:20]), int.from_bytes(body[20:24])
            assert f"{width}x{height}" == icon["sizes"], icon["src"]
            sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes


def test_favicon_ico_answers_with_the_icon(page, live_server):
    response = page.request.get(f"{live_server.url}/favicon.ico")
    assert response.status == 200
    assert re.search(r"/static/favicon(\.[0-9a-f]+)?\.ico$", response.url), response.url
    # An ICO file: reserved 0, type 1 (icon), then at least one image.
    body = response.body()
    assert body[:4] == b"\x00\x00\x01\x00"
    assert int.from_bytes(body[4:6], "little") >= 1
