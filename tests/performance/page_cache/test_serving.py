"""The public pages are cached for anonymous visitors: a second visit is served without a query,
per language, no longer than a call's deadline, and each process keeps a bounded number of
the pages it served (hamarregion/page_cache/)."""

import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from hamarregion.page_cache import encoding, keys, local
from tests.factories import FundingCallFactory
from tests.html import in_english
from tests.performance.page_cache.helpers import HEADER, PROGRAMME_PATH

pytestmark = pytest.mark.django_db


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, public_paths, django_assert_num_queries
):
    for path in public_paths:
        first = client.get(path)
        with django_assert_num_queries(0):
            second = client.get(path)

        assert (first.status_code, first[HEADER]) == (200, "miss"), path
        assert (second.status_code, second[HEADER]) == (200, "hit"), path
        assert second.content == first.content, path
        assert second["Content-Type"] == first["Content-Type"]
        assert second["ETag"] == first["ETag"]
        assert second["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in second


def test_a_cached_page_is_also_served_to_head_requests(client, programme_fixture):
    client.get(PROGRAMME_PATH)

    response = client.head(PROGRAMME_PATH)

    assert response.status_code == 200
    assert response[HEADER] == "hit"


def test_each_language_is_cached_on_its_own(client, programme_fixture):
    english = client.get(in_english(PROGRAMME_PATH))
    english_again = client.get(in_english(PROGRAMME_PATH))
    bokmal = client.get(PROGRAMME_PATH)

    assert (english[HEADER], english_again[HEADER], bokmal[HEADER]) == ("miss", "hit", "miss")
    assert '<html lang="en">' in english_again.content.decode()
    assert '<html lang="nb">' in bokmal.content.decode()
    assert english_again["Content-Language"] == "en"
    assert bokmal["Content-Language"] == "nb"


def test_a_call_page_is_kept_no_longer_than_until_its_deadline(client, monkeypatch):
    """The page says whether the call is open; the cache must not say so after the deadline."""
    now = timezone.now()
    call = FundingCallFactory(closes_at=(now + timedelta(minutes=3)).replace(second=0))
    later = FundingCallFactory(
        opens_at=now + timedelta(days=10), closes_at=now + timedelta(days=40)
    )
    timeouts = []
    cache = caches["default"]
    real_set = cache.set

    def recording_set(key, value, timeout):
        timeouts.append(timeout)
        real_set(key, value, timeout)

    monkeypatch.setattr(cache, "set", recording_set)

    for path in (call.get_absolute_url(), reverse("projects:call-list")):
        assert client.get(path)[HEADER] == "miss"
    assert client.get(later.get_absolute_url())[HEADER] == "miss"

    detail, listing, opening_later = timeouts
    assert 0 < detail <= 180
    assert 0 < listing <= 180
    assert opening_later == 600


def test_a_page_held_in_memory_is_not_served_after_its_deadline(client, monkeypatch):
    call = FundingCallFactory(closes_at=timezone.now() + timedelta(minutes=3))
    client.get(call.get_absolute_url())
    assert client.get(call.get_absolute_url())[HEADER] == "hit"
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 181)

    response = client.get(call.get_absolute_url())

    assert response[HEADER] == "miss"


def stored_size(response) -> int:
    return len(response.content) + len(encoding.compressed(response) or b"")


def held_in_the_process(path) -> bool:
    return keys.page_key(RequestFactory().get(path)) in local.local_pages


def test_the_pages_each_process_keeps_are_bounded_in_number_and_size(
    client, programme_fixture, monkeypatch
):
    """The least recently served page goes first, and is still served from the shared cache."""
    goals, programmes = reverse("programme:goal-list"), reverse("programme:programme-list")
    paths = (goals, programmes, PROGRAMME_PATH)
    monkeypatch.setattr(local, "LOCAL_MAX_PAGES", 2)
    # A page takes the room of both its representations.
    sizes = {path: stored_size(client.get(path)) for path in paths}
    assert sizes[goals] < sizes[PROGRAMME_PATH]
    assert [held_in_the_process(path) for path in paths] == [False, True, True]

    assert client.get(goals)[HEADER] == "hit"
    assert [held_in_the_process(path) for path in paths] == [True, False, True]

    local.local_pages.clear()
    monkeypatch.setattr(local, "LOCAL_MAX_PAGES", 10)
    monkeypatch.setattr(local, "LOCAL_MAX_BYTES", sizes[programmes] + sizes[PROGRAMME_PATH])
    for path in paths:
        assert client.get(path)[HEADER] == "hit"
    assert [held_in_the_process(path) for path in paths] == [False, True, True]

    # A page larger than the whole store is not kept, and does not push the others out.
    monkeypatch.setattr(local, "LOCAL_MAX_BYTES", sizes[PROGRAMME_PATH] - 1)
    local.local_pages.clear()
    assert client.get(goals)[HEADER] == "hit"
    assert client.get(PROGRAMME_PATH)[HEADER] == "hit"
    assert [held_in_the_process(path) for path in paths] == [True, False, False]


def test_the_cache_can_be_switched_off(client, settings, programme_fixture):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get(PROGRAMME_PATH)

    response = client.get(PROGRAMME_PATH)

    assert HEADER not in response
    assert response.status_code == 200
