"""The front page's first visit is light: everything Chromium loads for it (HTML, CSS, JS,
fonts, images), compressed as the deploy serves it (gzip: nginx's gzip_static copies of the
static files, gzip for the page), adds up to at most 100 KB, and none of it comes from
another host. Of Bootstrap it loads only the part the pages use (`make css`)."""

import gzip

import pytest

pytestmark = pytest.mark.browser

FIRST_VISIT_LIMIT = 100 * 1024
# Our stylesheets with the used part of Bootstrap come to about 12 KB; Bootstrap's whole
# bootstrap.min.css alone is 31 KB.
CSS_LIMIT = 16 * 1024


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
    stylesheets = [url for url in sizes if url.endswith(".css")]
    assert any("/bootstrap.used." in url for url in stylesheets), listing
    assert not any("/bootstrap.min." in url for url in stylesheets), listing
    assert sum(sizes[url] for url in stylesheets) <= CSS_LIMIT, listing
