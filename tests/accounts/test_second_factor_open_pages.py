"""Which pages a person reaches before passing the second factor they must pass: exactly the
public ones, logging in and out, a forgotten password and the second factor's own pages."""

from django.urls import URLPattern, URLResolver, get_resolver

from accounts.two_factor.access import is_open
from tests.security.urls.test_url_coverage import ACCESS
from tests.security.urls.url_world import ADMIN_LOGIN, LOGIN

SECOND_FACTOR_PAGES = {
    "accounts:recovery-codes",
    "accounts:second-factor",
    "accounts:second-factor-remove",
    "accounts:second-factor-verify",
    "accounts:totp-enrol",
}


def views_by_name(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from views_by_name(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def test_every_page_an_anonymous_visitor_reads_is_open_and_every_private_one_held_back():
    views = dict(views_by_name())
    wrongly_held = [
        name
        for name, answers in ACCESS.items()
        if answers[0] == 200 and not name.startswith("admin:") and not is_open(views[name], name)
    ]
    wrongly_open = [
        name
        for name, answers in ACCESS.items()
        if answers[0] in (LOGIN, ADMIN_LOGIN)
        and name not in SECOND_FACTOR_PAGES
        and is_open(views[name], name)
    ]

    assert not wrongly_held, "public pages held back: " + ", ".join(sorted(wrongly_held))
    assert not wrongly_open, "private pages open: " + ", ".join(sorted(wrongly_open))
    assert all(is_open(views[name], name) for name in SECOND_FACTOR_PAGES)


def test_admin_is_held_back_from_its_login_page_on():
    views = dict(views_by_name())

    assert not any(is_open(view, name) for name, view in views.items() if name.startswith("admin:"))
