"""The front page's first visit is light: everything Chromium loads for it (HTML, CSS, JS,
fonts, images), compressed as the deploy serves it (gzip: nginx's gzip_static copies of the
static files, gzip for the page), adds up to at most 100 KB, and none of it comes from
another host."""

import gzip

import pytest

pytestmark = pytest.mark.browser

FIRST_VISIT_LIMIT = 100 * 1024


def test_the_front_page_first_visit_transfers_at_most_100_kb_compressed(
    new_page, live_server, open_call, completed_project
):
    page = new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))

    page.goto("/")
    page.wait_for_load_state("networkidle")

    sizes = {response.url: len(gzip.compress(response.body(), 6)) for response in responses}
    total = sum(sizes.values())
    listing = "\n".join(f"{size:>8} {url}" for url, size in sorted(sizes.items()))
    assert sizes, "nothing was loaded"
    assert all(url.startswith(live_server.url) for url in sizes), listing
    assert any(url.endswith(".css") for url in sizes), listing
    assert total <= FIRST_VISIT_LIMIT, f"{total} bytes compressed:\n{listing}"
