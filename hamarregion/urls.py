from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

account_urls = [
    path("logg-inn/", auth_views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("passord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "passord/endret/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("glemt-passord/", auth_views.PasswordResetView.as_view(), name="password_reset"),
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

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/", include(account_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "tilgjengelighet/",
        views.AccessibilityStatementView.as_view(),
        name="accessibility-statement",
    ),
    path("personvern/", views.PrivacyStatementView.as_view(), name="privacy-statement"),
    path("", include("programme.urls")),
    path("", include("projects.urls")),
]
