from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from . import health, languages, views
from .accounts import ThrottledPasswordResetForm, clears_browser_cache
from .sitemaps import SITEMAPS

account_urls = [
    path("logg-inn/", clears_browser_cache(auth_views.LoginView.as_view()), name="login"),
    path("logg-ut/", clears_browser_cache(auth_views.LogoutView.as_view()), name="logout"),
    path("passord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "passord/endret/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "glemt-passord/",
        auth_views.PasswordResetView.as_view(form_class=ThrottledPasswordResetForm),
        name="password_reset",
    ),
    path(
        "glemt-passord/sendt/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "nytt-passord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "nytt-passord/ferdig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

# Addresses without a language: the probes, admin (bokmål), files for crawlers and browsers.
urlpatterns = [
    # The load balancer's probes (hamarregion/health.py), first so they resolve soonest.
    path("helse/live", health.live, name="health-live"),
    path("helse/klar", health.ready, name="health-ready"),
    path("admin/", admin.site.urls),
    # Where the identity providers send a single sign-on back (accounts/sign_on/urls.py).
    path("konto/felles-innlogging/", include("accounts.sign_on.urls")),
    path("i18n/setlang/", languages.set_language, name="set_language"),
    re_path(r"^nb/(?P<rest>.*)$", languages.bokmal_prefix_redirect, name="bokmal-prefix"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
]

# The portal's pages: bokmål without a prefix, English under /en/ (hamarregion/languages.py).
urlpatterns += i18n_patterns(
    path("konto/", include(account_urls)),
    path(
        "tilgjengelighet/",
        views.AccessibilityStatementView.as_view(),
        name="accessibility-statement",
    ),
    path("personvern/", views.PrivacyStatementView.as_view(), name="privacy-statement"),
    path("sok/", views.SiteSearchView.as_view(), name="search"),
    path("", include("accounts.urls")),
    # Passkeys' ceremonies (django-otp-webauthn's namespace, the portal's views of them).
    path("konto/passnokkel/", include("accounts.two_factor.passkey_urls")),
    path("", include("programme.urls")),
    path("", include("projects.urls")),
    path("", include("publication.urls")),
    path("", include("meetings.urls")),
    path("", include("grants.urls")),
    path("", include("archive.urls")),
    path("", include("workbench.urls")),
    prefix_default_language=False,
)
