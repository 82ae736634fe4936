"""What a view tells the page cache about its page."""

from datetime import datetime


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


def cached_page_until(request) -> datetime | None:
    return getattr(request, "_page_cache_until", None)
