"""Request bodies larger than the portal ever needs are refused before they are read.

`RequestBodyLimitMiddleware` answers 413, with a page, to a request that announces more than
MAX_REQUEST_BODY_BYTES in its Content-Length, and 400 to one whose Content-Length is no
number of bytes. It stands before anything that reads request.body or request.POST.

A chunked request has no Content-Length, and Django reads no body at all without one.
`limit_chunked_body` wraps the WSGI application (hamarregion/wsgi.py): it reads such a body
as it comes, at most one chunk past the limit, and hands Django the body with its length, or a
length over the limit so that the middleware answers 413.

The 413 carries no Connection: close. PEP 3333 leaves connection handling to the server:
runserver refuses a hop-by-hop header from the application, and gunicorn drops it and closes a
keep-alive connection itself when more than 64 KiB of the body was left unread.
"""

import io
import re
import tempfile

from django.conf import settings
from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.utils import translation

from hamarregion.languages import language_of

READ_CHUNK_BYTES = 64 * 1024

# Longer is no real length, and int() refuses strings of thousands of digits.
CONTENT_LENGTH = re.compile(r"[0-9]{1,19}")


def too_large(request):
    # The language is not active yet; without this the page would speak the language the
    # thread's previous request left active.
    with translation.override(language_of(request)):
        response = render(request, "413.html", status=413)
    # Its length, which CommonMiddleware would add further in: the client reads the page and
    # closes, rather than waiting for a close from a server that still expects the body.
    response["Content-Length"] = str(len(response.content))
    return response


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if not CONTENT_LENGTH.fullmatch(declared):
            raise BadRequest("Content-Length is not a number of bytes.")
        if int(declared) > settings.MAX_REQUEST_BODY_BYTES:
            return too_large(request)
        return self.get_response(request)


def limit_chunked_body(app):
    """The WSGI application `app`, with bodies sent without a length read here up to the limit."""

    def application(environ, start_response):
        # wsgi.input_terminated: the server (gunicorn) ends the stream where the body ends, so
        # reading to the end cannot block on the next request.
        if (
            not environ.get("CONTENT_LENGTH")
            and environ.get("HTTP_TRANSFER_ENCODING")
            and environ.get("wsgi.input_terminated")
        ):
            _spool_body(environ, settings.MAX_REQUEST_BODY_BYTES)
        return app(environ, start_response)

    return application


def _spool_body(environ, limit: int) -> None:
    stream = environ["wsgi.input"]
    # Not closed here: it becomes wsgi.input and goes when the request's environ does.
    body = tempfile.SpooledTemporaryFile(  # noqa: SIM115
        max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, dir=settings.FILE_UPLOAD_TEMP_DIR
    )
    received = 0
    while chunk := stream.read(READ_CHUNK_BYTES):
        received += len(chunk)
        if received > limit:
            break
        body.write(chunk)
    if received > limit:
        body.close()
        environ["CONTENT_LENGTH"] = str(limit + 1)
        environ["wsgi.input"] = io.BytesIO()
    else:
        body.seek(0)
        environ["CONTENT_LENGTH"] = str(received)
        environ["wsgi.input"] = body
