"""Public pages travel gzip-compressed to the browsers that take gzip, compressed once when the
page is stored, each representation with its own strong validator; pages that belong to one
visitor are never compressed by the portal (hamarregion/page_cache/encoding.py)."""

import gzip

import pytest
from django.http import HttpResponse
from django.urls import reverse

from hamarregion.page_cache import encoding
from tests.performance.page_cache.helpers import HEADER, PROGRAMME_PATH

pytestmark = pytest.mark.django_db

BROWSER = {"accept-encoding": "gzip, deflate, br, zstd"}


def test_every_public_page_comes_gzipped_to_a_browser_and_plain_to_a_client_without_gzip(
    client, public_paths
):
    for path in public_paths:
        plain = client.get(path)
        compressed = client.get(path, headers=BROWSER)

        assert "Content-Encoding" not in plain, path
        assert compressed["Content-Encoding"] == "gzip", path
        assert gzip.decompress(compressed.content) == plain.content, path
        assert int(compressed["Content-Length"]) == len(compressed.content), path
        assert plain["Vary"] == compressed["Vary"] == "Accept-Encoding", path


def test_the_catalogue_travels_in_a_fraction_of_its_size(client, public_paths):
    path = reverse("publication:project-list")
    plain = client.get(path)

    compressed = client.get(path, headers=BROWSER)

    assert len(compressed.content) < len(plain.content) / 3


def test_each_representation_has_its_own_strong_validator(client, programme_fixture):
    plain = client.get(PROGRAMME_PATH)
    compressed = client.get(PROGRAMME_PATH, headers=BROWSER)

    revalidated = client.get(
        PROGRAMME_PATH, headers={**BROWSER, "if-none-match": compressed["ETag"]}
    )
    plain_validator = client.get(
        PROGRAMME_PATH, headers={**BROWSER, "if-none-match": plain["ETag"]}
    )
    gzip_validator = client.get(PROGRAMME_PATH, headers={"if-none-match": compressed["ETag"]})

    assert compressed["ETag"] == plain["ETag"][:-1] + '-gzip"'
    assert (revalidated.status_code, revalidated["Vary"]) == (304, "Accept-Encoding")
    # The plain page's validator does not stand for the gzip one, nor the other way round.
    assert plain_validator.status_code == gzip_validator.status_code == 200


def test_a_page_served_from_the_cache_is_the_copy_compressed_when_it_was_stored(
    client, programme_fixture, monkeypatch
):
    first = client.get(PROGRAMME_PATH, headers=BROWSER)
    compressions = []
    monkeypatch.setattr(gzip, "compress", lambda *args, **kwargs: compressions.append(args))

    again = client.get(PROGRAMME_PATH, headers=BROWSER)

    assert (first[HEADER], again[HEADER]) == ("miss", "hit")
    assert again.content == first.content
    assert compressions == []


def test_with_the_page_cache_off_a_public_page_is_still_compressed(
    client, settings, programme_fixture
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0

    response = client.get(PROGRAMME_PATH, headers=BROWSER)

    assert HEADER not in response
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)


def test_a_page_of_a_logged_in_person_is_not_compressed_by_the_portal(
    secretariat_client, programme_fixture
):
    """Its CSRF token is a secret that compression could leak (BREACH)."""
    response = secretariat_client.get(PROGRAMME_PATH, headers=BROWSER)

    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_only_text_is_worth_compressing():
    text = "<p>Felles kulturkort for regionen</p>" * 20

    assert encoding.compressed(HttpResponse(text, content_type="text/csv; charset=utf-8"))
    assert encoding.compressed(HttpResponse(text, content_type="application/atom+xml"))
    assert encoding.compressed(HttpResponse(text, content_type="image/png")) is None
    assert encoding.compressed(HttpResponse("<p>Kort</p>")) is None
