"""Which addresses are public pages, the query parameters each reads, and the key a page is
stored under."""

import functools
import hashlib
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import Resolver404, get_resolver
from django.utils.translation import get_language

from .release import release

# Part of every page's key: changed with the shape of a stored page, so that during a rolling
# deploy old and new processes sharing one Redis never read each other's pages.
PAGE_FORMAT = 3


def public_query_params(request) -> frozenset[str] | None:
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


def keep_query_params(request, names: frozenset[str]) -> None:
    """Drops the parameters the page does not read, so the view sees exactly what the key
    holds."""
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name in names:
            kept.setlist(name, values)
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def page_key(request) -> str:
    # The parameters in a fixed order: ?a=1&b=2 and ?b=2&a=1 are one page.
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.build_absolute_uri(request.path)}?{query}".encode()
    digest = hashlib.sha256(address).hexdigest()
    return f"page-cache:page:{PAGE_FORMAT}:{release()}:{get_language()}:{digest}"
