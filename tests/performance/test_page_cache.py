"""The public pages are cached for anonymous visitors, emptied by every edit, never shared with a
logged-in user, and served uncached while Redis is down (hamarregion/page_cache/). Each
process also keeps the pages it served; an edit made through any process or app server
still shows on the next request."""

import logging
import socket
import time
from datetime import date, timedelta

import pytest
import redis
from django.contrib import messages
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import path as url_path
from django.urls import reverse
from django.utils import timezone
from django.views import View

from hamarregion import content_version
from hamarregion.page_cache import PublicPageMixin, keys, local
from hamarregion.shared_cache import breaker
from programme.models import FocusArea, Programme, SustainableDevelopmentGoal
from programme.services import programme_change_status
from projects import services
from projects.workflow import State
from tests import shared_redis as shared_redis_keys
from tests.admin_forms import admin_form_data
from tests.factories import (
    FocusAreaFactory,
    FundingCallFactory,
    UserFactory,
    case_in,
    funded_project,
)
from tests.html import page_text, start_tags
from tests.programme.expected import PROGRAMME_SLUG

pytestmark = pytest.mark.django_db

HEADER = "X-Page-Cache"
FOCUS_AREA_SLUG = "befolkningsvekst"
PROGRAMME_PATH = f"/handlingsprogram/{PROGRAMME_SLUG}/"
FOCUS_AREA_PATH = f"{PROGRAMME_PATH}{FOCUS_AREA_SLUG}/"
REDIS_DOWN = "redis://127.0.0.1:1/0"


def redis_cache_settings(location, key_prefix="test-page-cache"):
    return {
        "default": {
            "BACKEND": "hamarregion.shared_cache.SharedClientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }


@pytest.fixture(autouse=True)
def _closed_circuit_breaker():
    """The breaker is per process: one test's failure must not leave the cache off for the next."""
    breaker.reset()
    yield
    breaker.reset()


@pytest.fixture(autouse=True)
def _no_pages_in_the_process():
    """Pages this process kept from another test would be stale by their version anyway; an
    empty store makes each test's hits its own."""
    local.local_pages.clear()
    yield
    local.local_pages.clear()


@pytest.fixture
def public_paths(programme_fixture):
    """Every page marked public, with content to show."""
    project = funded_project(title="Felles kulturkort")
    call = FundingCallFactory(title="Utviklingsmidler 2027")
    return [
        reverse("programme:home"),
        reverse("programme:programme-list"),
        PROGRAMME_PATH,
        FOCUS_AREA_PATH,
        reverse("programme:goal-list"),
        reverse("programme:goal-detail", kwargs={"number": 11}),
        reverse("publication:project-list"),
        reverse("publication:project-list") + "?q=kultur",
        reverse("publication:project-detail", kwargs={"pk": project.pk}),
        reverse("projects:call-list"),
        call.get_absolute_url(),
        reverse("accessibility-statement"),
        reverse("privacy-statement"),
    ]


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
        # A proxy in front may not answer from its own copy without asking.
        assert set(second["Cache-Control"].split(", ")) == {
            "public",
            "max-age=0",
            "must-revalidate",
        }
        assert second["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in second


def test_a_cached_page_is_also_served_to_head_requests(client, programme_fixture):
    client.get(PROGRAMME_PATH)

    response = client.head(PROGRAMME_PATH)

    assert response.status_code == 200
    assert response[HEADER] == "hit"


def test_an_edit_in_admin_is_seen_by_the_next_anonymous_visitor(
    client, secretariat_client, programme_fixture
):
    assert client.get(FOCUS_AREA_PATH)[HEADER] == "miss"
    assert client.get(PROGRAMME_PATH)[HEADER] == "miss"
    assert client.get(FOCUS_AREA_PATH)[HEADER] == "hit"
    focus_area = FocusArea.objects.get(programme__slug=PROGRAMME_SLUG, slug=FOCUS_AREA_SLUG)
    change_url = reverse("admin:programme_focusarea_change", args=[focus_area.pk])
    data = admin_form_data(secretariat_client.get(change_url), name="Flere innbyggere")

    saved = secretariat_client.post(change_url, data)

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    for path in (FOCUS_AREA_PATH, PROGRAMME_PATH):
        page = client.get(path)
        assert page[HEADER] == "miss", path
        assert "Flere innbyggere" in page_text(page), path
    assert client.get(FOCUS_AREA_PATH)[HEADER] == "hit"


def test_publishing_a_programme_through_the_service_shows_it_at_once(
    client, programme_fixture, secretariat_user
):
    draft = FocusAreaFactory(programme__title="Handlingsprogram 2024–2025").programme
    client.get(reverse("programme:programme-list"))
    cached = client.get(reverse("programme:programme-list"))
    assert cached[HEADER] == "hit"
    assert "Handlingsprogram 2024–2025" not in page_text(cached)

    programme_change_status(programme=draft, status=Programme.Status.PUBLISHED)

    page = client.get(reverse("programme:programme-list"))
    assert page[HEADER] == "miss"
    assert "Handlingsprogram 2024–2025" in page_text(page)


def test_a_decision_that_makes_a_project_public_shows_it_in_the_catalogue(client, secretariat_user):
    case = case_in(State.RECOMMENDED, secretariat=secretariat_user, title="Felles bysykkel")
    catalogue = reverse("publication:project-list")
    client.get(catalogue)
    assert client.get(catalogue)[HEADER] == "hit"
    assert "Felles bysykkel" not in page_text(client.get(catalogue))

    services.application_decide(
        application=case,
        user=secretariat_user,
        outcome="approved",
        granted_amount=300_000,
        decided_on=date(2026, 11, 27),
        case_number="26/00099",
        decision_text="Regionrådet vedtar sekretariatets innstilling.",
        report_due_on=date(2027, 12, 31),
    )

    page = client.get(catalogue)
    assert page[HEADER] == "miss"
    assert "Felles bysykkel" in page_text(page)


def test_linking_a_goal_to_a_focus_area_shows_on_the_goal_page(client, programme_fixture):
    goal = SustainableDevelopmentGoal.objects.get(number=14)
    focus_area = FocusArea.objects.get(programme__slug=PROGRAMME_SLUG, slug=FOCUS_AREA_SLUG)
    focus_area.sustainable_development_goals.remove(goal)
    path = reverse("programme:goal-detail", kwargs={"number": 14})
    client.get(path)
    assert client.get(path)[HEADER] == "hit"
    assert focus_area.name not in page_text(client.get(path))

    focus_area.sustainable_development_goals.add(goal)

    page = client.get(path)
    assert page[HEADER] == "miss"
    assert focus_area.name in page_text(page)


def test_changes_outside_the_public_apps_keep_the_cache(client, programme_fixture):
    client.get(PROGRAMME_PATH)

    UserFactory(username="ny-bruker")

    assert client.get(PROGRAMME_PATH)[HEADER] == "hit"


def test_a_transaction_invalidates_again_once_after_it_commits(
    django_capture_on_commit_callbacks,
):
    """A page rendered while the transaction was open showed the data before it; the bump after
    the commit throws that page away. One bump, however many rows the transaction changed."""
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for _ in range(3):
            FocusAreaFactory()
    before = caches["default"].get(content_version.VERSION_KEY)

    assert callbacks == [content_version.bump]
    callbacks[0]()
    assert caches["default"].get(content_version.VERSION_KEY) != before


def test_logged_in_users_never_get_a_cached_page_and_no_proxy_keeps_theirs(
    client, hamar_client, programme_fixture
):
    client.get(PROGRAMME_PATH)
    assert client.get(PROGRAMME_PATH)[HEADER] == "hit"

    response = hamar_client.get(PROGRAMME_PATH)

    assert HEADER not in response
    assert "Logg ut" in page_text(response)
    directives = set(response["Cache-Control"].split(", "))
    assert {"private", "no-cache", "no-store"} <= directives
    assert "public" not in directives
    assert "no-store" in hamar_client.get(reverse("projects:my-applications"))["Cache-Control"]


def test_a_page_seen_by_a_logged_in_user_never_reaches_the_anonymous_cache(
    client, hamar_client, programme_fixture
):
    for _ in range(2):
        hamar_client.get(PROGRAMME_PATH)

    response = client.get(PROGRAMME_PATH)

    assert response[HEADER] == "miss"
    text = page_text(response)
    assert "Logg ut" not in text
    assert "Mine søknader" not in text
    assert "csrfmiddlewaretoken" not in response.content.decode()


class VisitorStateView(PublicPageMixin, View):
    """A page marked public that still gives this visitor something of their own."""

    def get(self, request, kind):
        if kind == "csrf":
            return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')
        if kind == "message":
            messages.info(request, "Takk for besøket.")
        if kind == "session":
            request.session["seen"] = True
        return HttpResponse("<p>Side</p>")


urlpatterns = [url_path("besok/<str:kind>/", VisitorStateView.as_view())]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("kind", ["csrf", "message", "session"])
def test_a_page_that_gives_the_visitor_a_token_message_or_session_is_not_shared(client, kind):
    first = client.get(f"/besok/{kind}/")
    client.cookies.clear()

    second = client.get(f"/besok/{kind}/")

    assert first.cookies, "the page sets a cookie of this visitor's"
    assert HEADER not in first
    assert HEADER not in second
    assert {"private", "no-store"} <= set(first["Cache-Control"].split(", "))


@pytest.mark.urls(__name__)
def test_a_page_without_visitor_state_from_the_same_view_is_shared(client):
    client.get("/besok/ingenting/")

    assert client.get("/besok/ingenting/")[HEADER] == "hit"


def test_a_visitor_with_a_message_waiting_is_not_served_a_shared_page(client, programme_fixture):
    client.get(PROGRAMME_PATH)
    client.cookies["messages"] = "a-message-for-this-visitor-only"

    response = client.get(PROGRAMME_PATH)

    assert HEADER not in response
    assert "private" in response["Cache-Control"]


def test_each_language_is_cached_on_its_own(client, programme_fixture):
    english = client.get(PROGRAMME_PATH, HTTP_ACCEPT_LANGUAGE="en")
    english_again = client.get(PROGRAMME_PATH, HTTP_ACCEPT_LANGUAGE="en")
    bokmal = client.get(PROGRAMME_PATH, HTTP_ACCEPT_LANGUAGE="nb")

    assert (english[HEADER], english_again[HEADER], bokmal[HEADER]) == ("miss", "hit", "miss")
    assert '<html lang="en">' in english_again.content.decode()
    assert '<html lang="nb">' in bokmal.content.decode()
    assert english_again["Content-Language"] == "en"
    assert bokmal["Content-Language"] == "nb"


@pytest.mark.parametrize(
    "name", ["login", "password_reset", "admin:login", "projects:my-applications"]
)
def test_login_password_and_private_pages_are_never_cached(client, name):
    for _ in range(2):
        response = client.get(reverse(name))
        assert HEADER not in response
        assert "public" not in response.get("Cache-Control", "")


def test_the_language_switch_works_without_a_csrf_token(programme_fixture):
    browser = Client(enforce_csrf_checks=True)

    switched = browser.post(reverse("set_language"), {"language": "en", "next": PROGRAMME_PATH})

    assert switched.status_code == 302
    assert switched["Location"] == PROGRAMME_PATH
    page = browser.get(PROGRAMME_PATH)
    assert '<html lang="en">' in page.content.decode()
    (form,) = [
        attrs
        for _, attrs in start_tags(page, "form")
        if "language-switch" in attrs.get("class", "")
    ]
    assert form["action"] == "/i18n/setlang/"


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


def held_in_the_process(path) -> bool:
    return keys.page_key(RequestFactory().get(path)) in local.local_pages


def test_the_pages_each_process_keeps_are_bounded_in_number_and_size(
    client, programme_fixture, monkeypatch
):
    """The least recently served page goes first, and is still served from the shared cache."""
    goals, programmes = reverse("programme:goal-list"), reverse("programme:programme-list")
    paths = (goals, programmes, PROGRAMME_PATH)
    monkeypatch.setattr(local, "LOCAL_MAX_PAGES", 2)
    sizes = {path: len(client.get(path).content) for path in paths}
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


@pytest.mark.urls(__name__)
def test_whether_an_address_is_a_public_page_follows_the_urlconf_in_force(client, settings):
    path = "/besok/adressen-er-ukjent-i-portalen/"  # a path no other test asks for
    settings.ROOT_URLCONF = "hamarregion.urls"
    assert client.get(path).status_code == 404
    settings.ROOT_URLCONF = __name__

    client.get(path)

    assert client.get(path)[HEADER] == "hit"


def test_the_cache_can_be_switched_off(client, settings, programme_fixture):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get(PROGRAMME_PATH)

    response = client.get(PROGRAMME_PATH)

    assert HEADER not in response
    assert response.status_code == 200


# --- Redis down ---------------------------------------------------------------------------


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


# --- The real Redis, shared by two app servers --------------------------------------------


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.25):
            return True
    except OSError:
        return False


@pytest.fixture
def shared_redis(settings):
    if not redis_answers():
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
