"""The whole-page cache of the public pages for anonymous visitors.

A page is kept when nothing in it belongs to one visitor: an anonymous GET of a view marked with
PublicPageMixin that answers 200 and sets no cookie. It is served again, without touching the
database, to the next anonymous visitor asking for the same address in the same language.

Every cached page carries the content version it was made under. A change to any model of the
apps in PAGE_CACHE_CONTENT_APPS (an edit in admin, a service, loaddata) sets a new version, and
pages made under an older one are no longer served.

Pages live in two places: the shared cache (Redis), which every process and app server reads,
and a bounded copy in each process (LocalPages) of the pages it served lately. A page this
process holds costs one GET of the short version key, compared with the page's own version, so
an edit made anywhere is seen on the next request while the page itself is neither fetched nor
unpickled. A page the process does not hold comes with the version in one MGET.

The cache only makes pages faster: when it does not answer (Redis down), pages are served
uncached, a warning is logged at most once a minute, and the cache is left alone for a few
seconds so that each page does not wait for the connect timeout.
"""

import functools
import hashlib
import logging
import math
import threading
import time
import uuid
from collections import OrderedDict
from datetime import datetime
from urllib.parse import urlencode

from django.apps import AppConfig
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, get_resolver
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
VERSION_KEY = "page-cache:version"
# After a failed cache call the cache is skipped this long, and warned about at most this often.
RETRY_SECONDS = 5
WARNING_INTERVAL_SECONDS = 60
STATUS_HEADER = "X-Page-Cache"
# Part of every page's key: changed with the shape of a stored page, so that during a rolling
# deploy old and new processes sharing one Redis never read each other's pages.
PAGE_FORMAT = 2
# What each process keeps of the pages it served (LocalPages), some hundred of the largest
# pages (the catalogue, 36 kB): per gunicorn worker, so the memory is this times the workers.
LOCAL_MAX_PAGES = 500
LOCAL_MAX_BYTES = 8 * 1024 * 1024


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client with one redis.Redis per connection pool instead of one per call.

    redis-py fills some 170 response callbacks into every redis.Redis it makes, which takes about
    as long as the round trip to Redis itself (0.25 ms); a cached page needs one round trip.
    A redis.Redis may be shared between threads: each command takes a connection from the pool.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_shared_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class SharedClientRedisCache(RedisCache):
    """Django's RedisCache (settings and behaviour unchanged) with the client above."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient


class PublicPageMixin:
    """Marks a view whose page is the same for every anonymous visitor, so it may be cached.

    Only for pages that show published content and nothing of the visitor: not the login or
    password pages, not anything behind a login.

    cache_query_params names the query parameters the page reads. The others are dropped
    before the view runs and are not part of the cache key, so random query strings cannot
    fill the cache with copies of one page.
    """

    public_page = True
    cache_query_params: tuple[str, ...] = ()


def cache_page_until(request, moment: datetime) -> None:
    """The page shows something that changes at `moment` without anyone editing (a funding call
    opens or closes): a cached copy must not outlive it."""
    current = getattr(request, "_page_cache_until", None)
    if current is None or moment < current:
        request._page_cache_until = moment


class CircuitBreaker:
    """Remembers a failed cache call for RETRY_SECONDS, per process."""

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        self.retry_at = -math.inf
        self.last_warning_at = -math.inf
        # An invalidation that did not reach the cache: sent again as soon as it answers.
        self.missed_bump = False

    def is_open(self) -> bool:
        return time.monotonic() < self.retry_at

    def failed(self, action: str, error: Exception) -> None:
        now = time.monotonic()
        self.retry_at = now + RETRY_SECONDS
        if now - self.last_warning_at >= WARNING_INTERVAL_SECONDS:
            self.last_warning_at = now
            logger.warning(
                "The page cache does not answer (%s: %s: %s); pages are served uncached and "
                "the cache is tried again in %s seconds.",
                action,
                type(error).__name__,
                error,
                RETRY_SECONDS,
            )


breaker = CircuitBreaker()


class LocalPages:
    """The pages this process served lately, least recently used dropped first.

    Each page is the tuple the shared cache holds, (version, expires_at, content, headers): it
    is served only when its version is the current one, read from the shared cache on every
    request, and until expires_at. Shared by the threads of a gunicorn worker.
    """

    def __init__(self):
        self._pages = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pages)

    def __contains__(self, key) -> bool:
        return key in self._pages

    def get(self, key):
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key, page) -> None:
        size = len(page[2])
        if size > LOCAL_MAX_BYTES:
            return
        with self._lock:
            self._discard(key)
            self._pages[key] = page
            self._bytes += size
            while len(self._pages) > LOCAL_MAX_PAGES or self._bytes > LOCAL_MAX_BYTES:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped[2])

    def discard(self, key) -> None:
        with self._lock:
            self._discard(key)

    def _discard(self, key) -> None:
        dropped = self._pages.pop(key, None)
        if dropped is not None:
            self._bytes -= len(dropped[2])

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0


local_pages = LocalPages()


def _cache():
    return caches[CACHE_ALIAS]


def bump_content_version() -> None:
    """Invalidate every cached page. Also for code that changes public data without a model
    signal (queryset.update(), bulk_create() and bulk_update())."""
    if breaker.is_open():
        # Saving many rows while Redis is down must not wait for it once per row.
        breaker.missed_bump = True
        return
    try:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception as error:  # noqa: BLE001 - any failure of the cache means: not cached
        breaker.failed("invalidation", error)
        breaker.missed_bump = True
    else:
        breaker.missed_bump = False


def _bump_registered_for_commit(connection) -> bool:
    # Django keeps the callbacks of the open transaction in run_on_commit (and drops those of a
    # rolled-back savepoint); one bump after the commit is enough, however many rows changed.
    return any(bump_content_version in entry for entry in getattr(connection, "run_on_commit", []))


def content_changed(sender, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed for every model."""
    if sender._meta.app_label not in settings.PAGE_CACHE_CONTENT_APPS:
        return
    if not kwargs.get("action", "post_").startswith("post_"):
        return  # m2m_changed's pre_add, pre_remove and pre_clear
    # Now, so that the change shows at once where the transaction is never committed (tests),
    # and again after the commit: a page rendered meanwhile from the data before the change
    # may have been stored under the first new version.
    bump_content_version()
    connection = connections[kwargs.get("using") or DEFAULT_DB_ALIAS]
    if connection.in_atomic_block and not _bump_registered_for_commit(connection):
        transaction.on_commit(bump_content_version, using=connection.alias)


class PageCacheConfig(AppConfig):
    """Connects the invalidation to every save and delete, also in management commands, which
    never load the middleware."""

    name = "hamarregion.page_cache"
    label = "page_cache"
    verbose_name = "Page cache"

    def ready(self):
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"page-cache-{signal!r}")


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES.get(CACHE_ALIAS, {}).get("BACKEND", "")
    if settings.DEBUG or not backend.endswith("LocMemCache"):
        return []
    return [
        checks.Warning(
            "The page cache is a local-memory cache: each process (every gunicorn worker, every "
            "app server) keeps its own copy of the public pages, and an edit is invalidated only "
            "in the process that saved it, so the others serve the old page for up to "
            "DJANGO_PAGE_CACHE_SECONDS.",
            hint="Set REDIS_URL so that all processes share one cache, or run one process only.",
            id="page_cache.W001",
        )
    ]


def _has_visitor_cookies(request) -> bool:
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    )


def _public_query_params(request) -> frozenset[str] | None:
    """The query parameters the public page at this path reads, or None for no public page."""
    # The resolver Django keeps per URLconf (and replaces when the URLconfs are reloaded) is
    # part of the key, so a remembered answer is as current as Django's own.
    return _public_path_params(get_resolver(getattr(request, "urlconf", None)), request.path_info)


@functools.lru_cache(maxsize=1024)
def _public_path_params(resolver, path: str) -> frozenset[str] | None:
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return None
    view_class = getattr(match.func, "view_class", None)
    if getattr(view_class, "public_page", False) is not True:
        return None
    return frozenset(view_class.cache_query_params)


def _keep_query_params(request, names: frozenset[str]) -> None:
    """Drops the parameters the page does not read, so the view sees exactly what the key
    holds."""
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name in names:
            kept.setlist(name, values)
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def _page_key(request) -> str:
    # The parameters in a fixed order: ?a=1&b=2 and ?b=2&a=1 are one page.
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.build_absolute_uri(request.path)}?{query}".encode()
    digest = hashlib.sha256(address).hexdigest()
    return f"page-cache:page:{PAGE_FORMAT}:{get_language()}:{digest}"


def _is_shared(request, response) -> bool:
    """Whether the response is the same for every anonymous visitor."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        # A CSRF token, a message or a session would belong to this visitor only.
        and not response.cookies
        and not (session is not None and session.modified)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _timeout(request) -> int:
    timeout = settings.PUBLIC_PAGE_CACHE_SECONDS
    until = getattr(request, "_page_cache_until", None)
    if until is not None:
        timeout = min(timeout, int((until - timezone.now()).total_seconds()))
    return timeout


def _mark_shared(response, status: str):
    # Any proxy in front must ask again each time: only this cache knows when a page changed.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ("Cookie",))
    response[STATUS_HEADER] = status
    return response


def _is_current(page, version) -> bool:
    return page[0] == version and time.time() < page[1]


class PageCacheMiddleware:
    """Placed after LocaleMiddleware, which sets the visitor's language the key includes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if breaker.missed_bump and not breaker.is_open():
            bump_content_version()
        if _has_visitor_cookies(request):
            # A logged-in page, or one with a message for this visitor: no shared cache, and
            # no browser history after logging out, keeps it.
            response = self.get_response(request)
            add_never_cache_headers(response)
            return response
        if request.method not in ("GET", "HEAD") or settings.PUBLIC_PAGE_CACHE_SECONDS <= 0:
            return self.get_response(request)
        query_params = _public_query_params(request)
        if query_params is None:
            return self.get_response(request)
        _keep_query_params(request, query_params)
        return self.serve_public_page(request)

    def serve_public_page(self, request):
        key = _page_key(request)
        version, page = self.lookup(key)
        if page is not None:
            # The headers were made final when the page was stored.
            return HttpResponse(page[2], headers=page[3])

        response = self.get_response(request)
        if not _is_shared(request, response):
            add_never_cache_headers(response)
            return response
        if version is None:
            return _mark_shared(response, "down")
        _mark_shared(response, "miss")
        timeout = _timeout(request)
        if request.method == "GET" and timeout > 0:
            headers = dict(response.items())
            headers[STATUS_HEADER] = "hit"
            # A wall-clock moment, the same for every process that reads the page from Redis.
            page = (version, time.time() + timeout, response.content, headers)
            local_pages.put(key, page)
            try:
                _cache().set(key, page, timeout=timeout)
            except Exception as error:  # noqa: BLE001 - see lookup()
                breaker.failed("store", error)
        return response

    def lookup(self, key):
        """(current version, the page to serve or None); (None, None) when the cache does not
        answer, and then no page is served, not even this process's own copy: it may be old."""
        if breaker.is_open():
            return None, None
        cache = _cache()
        local = local_pages.get(key)
        shared = None
        try:
            if local is not None:
                version = cache.get(VERSION_KEY)
            else:
                found = cache.get_many([VERSION_KEY, key])
                version, shared = found.get(VERSION_KEY), found.get(key)
            if version is None:
                # First use, or the version was evicted: no stored page can be trusted.
                version = uuid.uuid4().hex
                if not cache.add(VERSION_KEY, version, timeout=None):
                    version = cache.get(VERSION_KEY)
                return version, None
            if local is not None:
                if _is_current(local, version):
                    return version, local
                # Another process may already have stored the page under the new version.
                local_pages.discard(key)
                shared = cache.get(key)
        except Exception as error:  # noqa: BLE001 - any failure of the cache means: not cached
            breaker.failed("lookup", error)
            return None, None
        if shared is not None and _is_current(shared, version):
            local_pages.put(key, shared)
            return version, shared
        return version, None
