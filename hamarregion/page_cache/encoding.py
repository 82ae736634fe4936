"""The gzip representation of a shared page, for the browsers that take it (all of them): a
catalogue page of about 40 kB travels as about 7 kB. A stored page is compressed once, when it
is stored, and nginx keeps each representation under its own key
(deploy/nginx/hamarregion-proxy.conf).

Each representation has its own strong ETag, as HTTP asks of different content codings of one
resource, and every shared page says `Vary: Accept-Encoding` whichever it is. Nothing in a
shared page belongs to one visitor, so compression reveals no secret (BREACH needs one).
"""

import gzip
import re

from django.utils.cache import patch_vary_headers

# Shorter pages gain nothing from it (a 304 or an empty list).
MIN_LENGTH = 200
# zlib's default: nearly all of level 9's saving at a third of its time.
LEVEL = 6
_GZIP = re.compile(r"\bgzip\b")
# Text compresses to a fraction; a format that is compressed already (images, zip) would not.
_TEXT = re.compile(
    r"(text/|application/(json|xml|javascript)|application/[\w.-]+\+(xml|json)|image/svg\+xml)"
)


def accepts_gzip(request) -> bool:
    return bool(_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def mark_varying(response) -> None:
    patch_vary_headers(response, ("Accept-Encoding",))


def compressed(response) -> bytes | None:
    """The gzip body of a page, the same bytes in every process (no timestamp in the header);
    None where compressing is not worth it."""
    content = response.content
    if len(content) < MIN_LENGTH or not _TEXT.match(response.get("Content-Type", "")):
        return None
    return gzip.compress(content, compresslevel=LEVEL, mtime=0)


def gzip_etag(etag: str) -> str:
    """The gzip representation's validator, derived from the page's own: `"…"` → `"…-gzip"`."""
    return f'{etag[:-1]}-gzip"'


def as_gzip(response, body: bytes):
    """The response turned into its gzip representation."""
    response.content = body
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(body))
    response["ETag"] = gzip_etag(response["ETag"])
    return response
