"""The whole-page cache of the public pages for anonymous visitors.

A page is kept when nothing in it belongs to one visitor: an anonymous GET of a view marked with
PublicPageMixin that answers 200 and sets no cookie. It is served again, without touching the
database, to the next anonymous visitor asking for the same address in the same language.

Every cached page carries the content version it was made under (hamarregion/content_version.py):
a change to the content the apps registered sets a new version, and pages made under an older
one are no longer served.

Pages live in two places: the shared cache (hamarregion/shared_cache.py), which every process
and app server reads, and a bounded copy in each process (local.py) of the pages it served
lately. A page this process holds costs one GET of the short version key, compared with the
page's own version, so an edit made anywhere is seen on the next request while the page itself
is neither fetched nor unpickled. A page the process does not hold comes with the version in
one MGET. When the shared cache does not answer, pages are served uncached.

    views.py       what a view says: it is public (PublicPageMixin), it changes at a moment
    keys.py        which addresses are public pages, their parameters, the key of a page
    local.py       the pages this process keeps
    middleware.py  serving and storing the pages
    encoding.py    the gzip representation of a page, compressed once when it is stored
    checks.py      the deploy check for a cache each process keeps alone
"""

from .middleware import PageCacheMiddleware
from .views import PublicPageMixin, cache_page_until

__all__ = ["PageCacheMiddleware", "PublicPageMixin", "cache_page_until"]
