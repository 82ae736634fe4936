"""While Redis is down the pages are served uncached and quickly, the circuit breaker tries again
after a few seconds, the secretariat can still edit, and an invalidation missed meanwhile is
sent once Redis answers."""

import logging
import time

import pytest
import redis
from django.urls import reverse

from hamarregion.shared_cache import breaker
from programme.models import FocusArea
from tests.admin_forms import admin_form_data
from tests.html import page_text
from tests.performance.page_cache.helpers import (
    FOCUS_AREA_PATH,
    FOCUS_AREA_SLUG,
    HEADER,
    PROGRAMME_PATH,
    REDIS_DOWN,
    redis_cache_settings,
)
from tests.programme.expected import PROGRAMME_SLUG

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache_settings(REDIS_DOWN)


@pytest.fixture
def connection_attempts(monkeypatch):
    attempts = []
    real_connect = redis.connection.AbstractConnection.connect

    def counting_connect(self, *args, **kwargs):
        attempts.append(self)
        return real_connect(self, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "connect", counting_connect)
    return attempts


def test_with_redis_down_pages_are_served_uncached_and_quickly(
    client, programme_fixture, redis_down, connection_attempts, caplog
):
    caplog.set_level(logging.WARNING, logger="hamarregion.shared_cache")
    started = time.monotonic()
    first = client.get(PROGRAMME_PATH)
    tried = len(connection_attempts)
    second = client.get(PROGRAMME_PATH)
    elapsed = time.monotonic() - started

    assert (first.status_code, first[HEADER]) == (200, "down")
    assert (second.status_code, second[HEADER]) == (200, "down")
    assert "Befolkningsvekst" in page_text(second)
    assert tried >= 1
    # The circuit breaker: the second page did not wait for Redis again.
    assert len(connection_attempts) == tried
    assert elapsed < 2
    warnings = [r for r in caplog.records if r.name == "hamarregion.shared_cache"]
    assert len(warnings) == 1
    assert "served uncached" in warnings[0].getMessage()


def test_with_redis_down_a_page_the_process_holds_is_not_served(
    client, settings, programme_fixture
):
    """Without the current version this process's copy may be old: the page is rendered."""
    client.get(PROGRAMME_PATH)
    assert client.get(PROGRAMME_PATH)[HEADER] == "hit"
    settings.CACHES = redis_cache_settings(REDIS_DOWN)

    response = client.get(PROGRAMME_PATH)

    assert (response.status_code, response[HEADER]) == (200, "down")
    assert "Befolkningsvekst" in page_text(response)


def test_with_redis_down_the_cache_is_tried_again_after_a_few_seconds(
    client, programme_fixture, redis_down, connection_attempts
):
    client.get(PROGRAMME_PATH)
    tried = len(connection_attempts)
    breaker.retry_at = time.monotonic() - 1  # RETRY_SECONDS have passed

    response = client.get(PROGRAMME_PATH)

    assert response[HEADER] == "down"
    assert len(connection_attempts) > tried


def test_with_redis_down_the_secretariat_can_still_edit(
    client, secretariat_client, programme_fixture, redis_down
):
    focus_area = FocusArea.objects.get(programme__slug=PROGRAMME_SLUG, slug=FOCUS_AREA_SLUG)
    change_url = reverse("admin:programme_focusarea_change", args=[focus_area.pk])
    data = admin_form_data(secretariat_client.get(change_url), name="Flere innbyggere")

    saved = secretariat_client.post(change_url, data)

    assert saved.status_code == 302
    assert "Flere innbyggere" in page_text(client.get(FOCUS_AREA_PATH))
    # The invalidation that did not reach Redis is sent again once it answers.
    assert breaker.missed_bump


def test_an_invalidation_missed_while_the_cache_was_down_is_sent_when_it_answers(
    client, programme_fixture
):
    client.get(FOCUS_AREA_PATH)
    breaker.failed("lookup", ConnectionError("Redis restarts"))
    focus_area = FocusArea.objects.get(programme__slug=PROGRAMME_SLUG, slug=FOCUS_AREA_SLUG)
    focus_area.name = "Flere innbyggere"
    focus_area.save()
    breaker.retry_at = time.monotonic() - 1  # the cache answers again

    response = client.get(FOCUS_AREA_PATH)

    assert response[HEADER] == "miss"
    assert "Flere innbyggere" in page_text(response)
    assert not breaker.missed_bump
