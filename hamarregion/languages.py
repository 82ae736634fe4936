"""One address per language: bokmål without a prefix, English under /en/ (i18n_patterns in
hamarregion/urls.py). The language comes from the address alone, never from a cookie or the
browser's Accept-Language, so an anonymous page is the same for everyone who asks for its
address and a shared cache keys on the address only (no `Vary: Cookie, Accept-Language`)."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt

from hamarregion.site_address import absolute_url


def _is_local(request, url: str) -> bool:
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def language_of(request) -> str:
    """The language of the request's address, before the middleware has activated it."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def address_in(path: str, language: str) -> str:
    """The address of the page at `path` (query string kept) in `language`; `path` itself when
    the page has no address per language (admin, the probes). The path is read in its own
    language: /en/… resolves only while English is active."""
    own = translation.get_language_from_path(urlsplit(path).path) or settings.LANGUAGE_CODE
    with translation.override(own):
        return translate_url(path, language)


def _old_language_choice(request) -> str | None:
    """The language a visitor chose with the old switch, which kept it in a cookie: English
    was then served at the bokmål addresses."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    languages = dict(settings.LANGUAGES)
    if chosen in languages and chosen != settings.LANGUAGE_CODE:
        return chosen
    return None


class PathLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, which activates the address's language (bokmål where there is
    no prefix), without the `Vary: Accept-Language` it adds to every unprefixed page: here an
    address never answers in another language. A visitor still holding the old switch's cookie
    is sent once to the same page's English address, and the cookie goes."""

    def process_request(self, request):
        super().process_request(request)
        if request.method not in ("GET", "HEAD"):
            return None
        chosen = _old_language_choice(request)
        if chosen is None or translation.get_language_from_path(request.path_info):
            return None
        target = address_in(request.get_full_path(), chosen)
        if target == request.get_full_path():
            return None
        response = HttpResponseRedirect(target)
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
        add_never_cache_headers(response)
        return response

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


@csrf_exempt
def set_language(request):
    """The old language switch (a form posted to /i18n/setlang/) still works: it sends the
    visitor to the page it names in the language chosen. It sets no cookie, since the address
    carries the language now. No CSRF token: the switch sat in pages cached for everyone, and a
    forged switch only changes which address the visitor lands on."""
    data = request.POST if request.method == "POST" else request.GET
    language = data.get("language")
    target = data.get("next") or request.headers.get("referer") or "/"
    if not _is_local(request, target):
        target = "/"
    if language in dict(settings.LANGUAGES):
        target = address_in(urlsplit(target)._replace(scheme="", netloc="").geturl(), language)
    return HttpResponseRedirect(target)


def bokmal_prefix_redirect(request, rest):
    """/nb/… is the bokmål page without the prefix: people and links guess it from /en/. Never
    to another host: /nb//host and /nb/\\host would be //host and /\\host, which browsers read
    as a host."""
    query = request.META.get("QUERY_STRING", "")
    path = "/" + rest.lstrip("/\\")
    return HttpResponsePermanentRedirect(path + (f"?{query}" if query else ""))


@dataclass(frozen=True)
class LanguageAddress:
    code: str
    name: str
    path: str
    url: str


def _in_each_language(path: str) -> list[LanguageAddress]:
    return [
        LanguageAddress(
            code,
            translation.get_language_info(code)["name_local"],
            address,
            absolute_url(address),
        )
        for code, _name in settings.LANGUAGES
        for address in [address_in(path, code)]
    ]


def language_addresses(request) -> list[LanguageAddress]:
    """The page at each language's address, in the order of LANGUAGES; empty for a page
    without an address per language (admin, a page not found)."""
    addresses = _in_each_language(request.get_full_path())
    if len({address.path for address in addresses}) < len(addresses):
        return []
    return addresses


def languages(request):
    """Template context: `page_languages`, the page in each language (the hreflang
    alternates), and `language_links`, where the language switch leads: the front page where
    the page itself has no address per language. Worked out only where a template asks."""
    page_languages = SimpleLazyObject(lambda: language_addresses(request))
    return {
        "page_languages": page_languages,
        "language_links": SimpleLazyObject(lambda: list(page_languages) or _in_each_language("/")),
    }
