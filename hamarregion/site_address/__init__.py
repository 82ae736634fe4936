"""The address that absolute links start with, wherever the portal runs.

In production `DJANGO_SITE_URL` names the portal's public address, and every link (e-mails,
open data) starts with it, whatever host a request came through. Where it is not set (a
developer's `runserver` on any port, a test server), a link made while answering a request
starts with the address that request came to, and one made outside a request (a management
command sending queued notices) with `DEVELOPMENT_ADDRESS`. Feeds and the sitemap build their
links from the request by Django's own means, which agree with this wherever the configured
address is among ALLOWED_HOSTS.
"""

from contextvars import ContextVar

from django.conf import settings

DEVELOPMENT_ADDRESS = "http://127.0.0.1:8000"

_request_address: ContextVar[str] = ContextVar("request_address", default="")


def site_address() -> str:
    """The scheme and host, without a trailing slash."""
    configured = settings.SITE_URL.rstrip("/")
    return configured or _request_address.get() or DEVELOPMENT_ADDRESS


def absolute_url(path: str) -> str:
    return site_address() + path


class SiteAddressMiddleware:
    """Remembers, while a request is answered, the address it came to. Placed after
    SecurityMiddleware, so the host has passed ALLOWED_HOSTS before it is used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SITE_URL:
            return self.get_response(request)
        token = _request_address.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _request_address.reset(token)
