"""Who must pass a second factor before a page, where they are sent to do so, and which pages
need none."""

from urllib.parse import urlencode

from django.urls import reverse

from ..permissions import requires_second_factor
from ..second_factor import second_factor_verified
from .devices import enrolled

# The pages a person reaches before passing a second factor that do not say so themselves: the
# kernel's (hamarregion/urls.py) for signing in and out, a forgotten password, the language
# switch, and what browsers, crawlers and the load balancer fetch by themselves; and the public
# feed of funded projects. Public pages (PublicPageMixin) and the second factor's own pages
# (second_factor_exempt) say so themselves; every other page is held back, admin's included.
OPEN_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "set_language",
        "bokmal-prefix",
        "favicon",
        "robots",
        "sitemap",
        "sitemap-section",
        "health-live",
        "health-ready",
        "publication:project-feed",
    }
)

# The password step: a person who must pass a second factor goes there from it at once.
LOGIN_URL_NAMES = frozenset({"login", "admin:login"})


def second_factor_exempt(view):
    """Marks a view (a function, or a class-based view's class) that a person reaches before
    passing a second factor: the pages that ask for one or enrol one. Other apps use it for
    pages every signed-in person must reach, such as accepting an invitation."""
    view.second_factor_exempt = True
    return view


def is_open(view_func, view_name: str) -> bool:
    marked = (view_func, getattr(view_func, "view_class", None))
    return view_name in OPEN_URL_NAMES or any(
        getattr(view, "public_page", False) is True
        or getattr(view, "second_factor_exempt", False) is True
        for view in marked
    )


def must_pass_second_factor(request) -> bool:
    """A signed-in person who has not passed a second factor in this session, and who has one
    (then they use it) or must have one (staff, superusers, organisations that ask it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or second_factor_verified(request):
        return False
    return requires_second_factor(user) or enrolled(user)


def with_next(url: str, next_url: str | None, **params) -> str:
    if next_url:
        params = {"next": next_url, **params}
    return f"{url}?{urlencode(params)}" if params else url


def second_factor_url(user, next_url: str | None = None) -> str:
    """The page that asks for the person's second factor, or that enrols one when they have
    none yet."""
    name = "accounts:second-factor-verify" if enrolled(user) else "accounts:second-factor"
    return with_next(reverse(name), next_url)
