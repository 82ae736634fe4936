"""Serves a public page from the cache, or renders it and stores it when it is the same for every
anonymous visitor. Every such page carries validators (a strong ETag and Last-Modified), and a
request that holds the current page is answered 304 without rendering it."""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

from hamarregion import content_version
from hamarregion.shared_cache import breaker, shared_cache

from . import local
from .encoding import accepts_gzip, as_gzip, compressed, mark_varying
from .keys import keep_query_params, page_key, public_query_params
from .release import release
from .views import cached_page_until

STATUS_HEADER = "X-Page-Cache"


def _has_visitor_cookies(request) -> bool:
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    )


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
    until = cached_page_until(request)
    if until is not None:
        timeout = min(timeout, int((until - timezone.now()).total_seconds()))
    return timeout


def _mark_shared(response, version: str | None, status: str | None):
    """Headers of a page the same for every anonymous visitor: browsers and proxies may keep it
    for a short while, and then ask with its validators."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PUBLIC_PAGE_MAX_AGE,
        stale_while_revalidate=settings.PUBLIC_PAGE_STALE_SECONDS,
    )
    digest = hashlib.sha256(
        f"{release()}|{get_language()}|{version or ''}|".encode() + response.content
    )
    response["ETag"] = f'"{digest.hexdigest()[:40]}"'
    response["Last-Modified"] = http_date()
    mark_varying(response)
    if status is not None:
        response[STATUS_HEADER] = status
    return response


def _answer_conditionally(request, response, gzipped=None):
    """The representation the request takes (gzip where it can), or 304 when the request
    already holds it (If-None-Match, or If-Modified-Since)."""
    if gzipped is not None and accepts_gzip(request):
        as_gzip(response, gzipped)
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(response["Last-Modified"]),
        response=response,
    )


def _is_current(page, version) -> bool:
    return page[0] == version and time.time() < page[1]


class PageCacheMiddleware:
    """Placed after PathLocaleMiddleware, which sets the language the key includes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        content_version.bump_if_missed()
        if _has_visitor_cookies(request):
            # A logged-in page, or one with a message for this visitor: no shared cache, and
            # no browser history after logging out, keeps it.
            response = self.get_response(request)
            add_never_cache_headers(response)
            return response
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        query_params = public_query_params(request)
        if query_params is None:
            return self.get_response(request)
        keep_query_params(request, query_params)
        if settings.PUBLIC_PAGE_CACHE_SECONDS <= 0:
            return self.serve_uncached(request)
        return self.serve_public_page(request)

    def render(self, request, version, status):
        """The page rendered, with its headers; whether it is the same for everyone."""
        response = self.get_response(request)
        if not _is_shared(request, response):
            add_never_cache_headers(response)
            return response, False
        session = getattr(request, "session", None)
        if session is not None:
            # The page asked only whether the visitor is logged in, and is the same for every
            # anonymous one: without this SessionMiddleware would add `Vary: Cookie`, and
            # shared caches would keep a copy per cookie (hamarregion/accounts.py clears the
            # browser's copy when the answer changes).
            session.accessed = False
        return _mark_shared(response, version, status), True

    def serve_uncached(self, request):
        response, shared = self.render(request, None, None)
        if not shared:
            return response
        gzipped = compressed(response) if accepts_gzip(request) else None
        return _answer_conditionally(request, response, gzipped)

    def serve_public_page(self, request):
        key = page_key(request)
        version, page = self.lookup(key)
        if page is not None:
            # The headers were made final when the page was stored.
            response = HttpResponse(page[2], headers=page[3])
            return _answer_conditionally(request, response, page[4])
        response, shared = self.render(request, version, "miss" if version else "down")
        if not shared:
            return response
        gzipped = compressed(response)
        if version is not None:
            self.store(request, key, version, response, gzipped)
        return _answer_conditionally(request, response, gzipped)

    def store(self, request, key, version, response, gzipped):
        timeout = _timeout(request)
        if request.method != "GET" or timeout <= 0:
            return
        headers = dict(response.items())
        headers[STATUS_HEADER] = "hit"
        # A wall-clock moment, the same for every process that reads the page from Redis.
        page = (version, time.time() + timeout, response.content, headers, gzipped)
        local.local_pages.put(key, page)
        try:
            shared_cache().set(key, page, timeout=timeout)
        except Exception as error:  # noqa: BLE001 - see lookup()
            breaker.failed("store", error)

    def lookup(self, key):
        """(current version, the page to serve or None); (None, None) when the cache does not
        answer, and then no page is served, not even this process's own copy: it may be old."""
        if breaker.is_open():
            return None, None
        held = local.local_pages.get(key)
        try:
            # Only the short version when this process holds the page, the page too otherwise.
            version, found = content_version.read(*([] if held is not None else [key]))
            if found is None:
                return version, None
            shared = found.get(key)
            if held is not None:
                if _is_current(held, version):
                    return version, held
                # Another process may already have stored the page under the new version.
                local.local_pages.discard(key)
                shared = shared_cache().get(key)
        except Exception as error:  # noqa: BLE001 - any failure of the cache means: not cached
            breaker.failed("lookup", error)
            return None, None
        if shared is not None and _is_current(shared, version):
            local.local_pages.put(key, shared)
            return version, shared
        return version, None
