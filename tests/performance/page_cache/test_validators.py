"""Public pages carry validators and honest cache headers: browsers and proxies keep a page for
a minute and then ask, and a request that holds the current page is answered 304 without
rendering it or asking the database (hamarregion/page_cache/middleware.py)."""

import pytest
from django.urls import reverse
from django.utils.http import http_date

from hamarregion.page_cache import release
from programme.models import Programme
from tests.html import in_english
from tests.performance.page_cache.helpers import HEADER, PROGRAMME_PATH

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return set(response["Cache-Control"].split(", "))


def test_every_public_page_is_public_for_a_minute_with_strong_validators_and_no_cookie(
    client, public_paths
):
    for path in public_paths:
        response = client.get(path)

        assert response.status_code == 200, path
        assert directives(response) == {
            "public",
            "max-age=60",
            "stale-while-revalidate=30",
        }, path
        assert response["ETag"].startswith('"'), path  # strong: no W/
        assert response["Last-Modified"].endswith(" GMT"), path
        assert not response.cookies, path


def test_a_request_holding_the_current_page_is_answered_304_without_rendering_or_a_query(
    client, public_paths, django_assert_num_queries
):
    for path in public_paths:
        first = client.get(path)
        with django_assert_num_queries(0):
            again = client.get(path, headers={"if-none-match": first["ETag"]})

        assert again.status_code == 304, path
        assert again.content == b""
        assert again.templates == []
        assert again["ETag"] == first["ETag"]
        assert "public" in directives(again)


def test_a_request_holding_the_page_since_it_was_made_is_answered_304(client):
    first = client.get(PROGRAMME_PATH)

    since = client.get(PROGRAMME_PATH, headers={"if-modified-since": first["Last-Modified"]})
    before = client.get(PROGRAMME_PATH, headers={"if-modified-since": http_date(0)})

    assert (since.status_code, before.status_code) == (304, 200)


def test_after_an_edit_the_old_validator_gets_the_new_page(client, programme_fixture):
    first = client.get(PROGRAMME_PATH)
    programme = Programme.objects.published().get()
    programme.vision = "Innlandets beste region å bo og arbeide i"
    programme.save()

    response = client.get(PROGRAMME_PATH, headers={"if-none-match": first["ETag"]})

    assert response.status_code == 200
    assert response[HEADER] == "miss"
    assert response["ETag"] != first["ETag"]
    assert "Innlandets beste region å bo og arbeide i" in response.text


def test_each_language_has_its_own_validator(client, programme_fixture):
    bokmal = client.get(PROGRAMME_PATH)

    english = client.get(in_english(PROGRAMME_PATH), headers={"if-none-match": bokmal["ETag"]})

    assert english.status_code == 200
    assert english["ETag"] != bokmal["ETag"]
    # Each language has its own address: nothing for a cache to tell apart but the address and
    # the content coding.
    assert english["Vary"] == "Accept-Encoding"


def test_another_release_never_serves_or_confirms_a_page_of_this_one(
    client, settings, programme_fixture
):
    first = client.get(PROGRAMME_PATH)
    settings.RELEASE = "next-release"
    release.release.cache_clear()
    try:
        response = client.get(PROGRAMME_PATH, headers={"if-none-match": first["ETag"]})
    finally:
        release.release.cache_clear()

    assert (response.status_code, response[HEADER]) == (200, "miss")
    assert response["ETag"] != first["ETag"]


def test_with_the_cache_switched_off_pages_still_carry_validators_and_answer_304(
    client, settings, programme_fixture
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    first = client.get(PROGRAMME_PATH)

    again = client.get(PROGRAMME_PATH, headers={"if-none-match": first["ETag"]})

    assert HEADER not in first
    assert "max-age=60" in directives(first)
    assert again.status_code == 304


def test_pages_for_logged_in_people_are_private_and_never_stored_or_validated(
    hamar_client, programme_fixture
):
    for path in (PROGRAMME_PATH, reverse("projects:my-applications")):
        response = hamar_client.get(path)

        assert {"private", "no-store"} <= directives(response), path
        assert "ETag" not in response, path
        assert "public" not in directives(response), path
