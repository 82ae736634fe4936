"""The real Redis, shared by two app servers: a page one stored is served by the other, a page a
process holds costs one GET of the version, and an edit saved through any server shows on the
next request to every other (skipped without a Redis on 127.0.0.1:6379)."""

import pytest
import redis
from django.core.cache import caches

from hamarregion.page_cache import local
from programme.models import FocusArea
from tests import shared_redis as shared_redis_keys
from tests.html import page_text
from tests.performance.page_cache.helpers import (
    FOCUS_AREA_PATH,
    FOCUS_AREA_SLUG,
    HEADER,
    PROGRAMME_PATH,
    redis_cache_settings,
)
from tests.programme.expected import PROGRAMME_SLUG

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_redis(settings):
    if not shared_redis_keys.redis_answers():
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = redis_cache_settings(
        shared_redis_keys.REDIS_URL, shared_redis_keys.KEY_PREFIX
    )
    shared_redis_keys.delete_own_keys()
    yield
    shared_redis_keys.delete_own_keys()


@pytest.fixture
def servers(shared_redis, monkeypatch):
    """Switches the test process between app servers: each has a cache client of its own, made
    from the same settings, and its own pages in memory; they share Redis and the database."""
    states = {}

    def switch_to(name):
        if name not in states:
            states[name] = (caches.create_connection("default"), local.LocalPages())
        cache, pages = states[name]
        caches["default"] = cache
        monkeypatch.setattr(local, "local_pages", pages)

    switch_to("a")
    return switch_to


def test_a_page_stored_by_one_server_is_served_by_another(
    client, programme_fixture, shared_redis, servers, django_assert_num_queries
):
    assert client.get(PROGRAMME_PATH)[HEADER] == "miss"
    first_server = caches["default"]
    servers("b")
    assert caches["default"] is not first_server
    assert len(local.local_pages) == 0

    with django_assert_num_queries(0):
        response = client.get(PROGRAMME_PATH)

    assert response[HEADER] == "hit"
    assert "Befolkningsvekst" in page_text(response)
    shared = redis.Redis.from_url(shared_redis_keys.REDIS_URL)
    stored = shared.keys(f"{shared_redis_keys.KEY_PREFIX}:*page-cache:page:*")
    assert len(stored) == 1
    assert 0 < shared.ttl(stored[0]) <= 600


@pytest.fixture
def redis_commands(monkeypatch):
    commands = []
    real_execute = redis.Redis.execute_command

    def counting_execute(self, *args, **options):
        commands.append(args[0])
        return real_execute(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting_execute)
    return commands


def test_a_page_the_process_holds_costs_one_get_of_the_version_and_no_page_transfer(
    client, programme_fixture, shared_redis, redis_commands
):
    client.get(PROGRAMME_PATH)
    redis_commands.clear()

    response = client.get(PROGRAMME_PATH)

    assert response[HEADER] == "hit"
    assert "Befolkningsvekst" in page_text(response)
    assert redis_commands == ["GET"]


def test_a_page_another_server_stored_costs_one_redis_command_and_is_then_held(
    client, programme_fixture, shared_redis, servers, redis_commands
):
    client.get(PROGRAMME_PATH)
    servers("b")
    redis_commands.clear()

    first = client.get(PROGRAMME_PATH)
    fetched = list(redis_commands)
    redis_commands.clear()
    second = client.get(PROGRAMME_PATH)

    assert (first[HEADER], second[HEADER]) == ("hit", "hit")
    assert (fetched, redis_commands) == (["MGET"], ["GET"])
    assert second.content == first.content


def test_an_edit_on_one_server_is_served_by_the_other_on_the_next_request(
    client, programme_fixture, shared_redis, servers
):
    client.get(FOCUS_AREA_PATH)
    focus_area = FocusArea.objects.get(programme__slug=PROGRAMME_SLUG, slug=FOCUS_AREA_SLUG)
    focus_area.name = "Flere innbyggere"
    focus_area.save()
    servers("b")

    response = client.get(FOCUS_AREA_PATH)

    assert response[HEADER] == "miss"
    assert "Flere innbyggere" in page_text(response)


def test_a_page_held_in_memory_is_dropped_when_another_server_saves_an_edit(
    client, programme_fixture, shared_redis, servers
):
    """Server A holds the page in its own memory; the edit is saved through server B, whose
    invalidation A learns only from Redis."""
    client.get(FOCUS_AREA_PATH)
    assert client.get(FOCUS_AREA_PATH)[HEADER] == "hit"
    servers("b")
    focus_area = FocusArea.objects.get(programme__slug=PROGRAMME_SLUG, slug=FOCUS_AREA_SLUG)
    focus_area.name = "Flere innbyggere"
    focus_area.save()
    servers("a")
    assert len(local.local_pages) == 1

    response = client.get(FOCUS_AREA_PATH)

    assert response[HEADER] == "miss"
    assert "Flere innbyggere" in page_text(response)
    assert client.get(FOCUS_AREA_PATH)[HEADER] == "hit"


def test_a_page_held_in_memory_takes_the_copy_another_server_stored_after_an_edit(
    client, programme_fixture, shared_redis, servers, django_assert_num_queries
):
    """After an edit the first server to render the page stores it; the others take that copy
    instead of rendering it again."""
    client.get(FOCUS_AREA_PATH)
    servers("b")
    focus_area = FocusArea.objects.get(programme__slug=PROGRAMME_SLUG, slug=FOCUS_AREA_SLUG)
    focus_area.name = "Flere innbyggere"
    focus_area.save()
    assert client.get(FOCUS_AREA_PATH)[HEADER] == "miss"
    servers("a")

    with django_assert_num_queries(0):
        response = client.get(FOCUS_AREA_PATH)

    assert response[HEADER] == "hit"
    assert "Flere innbyggere" in page_text(response)
