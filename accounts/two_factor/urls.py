"""The second factor's pages, under /konto/tofaktor/ in the accounts namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("konto/tofaktor/", views.SecondFactorView.as_view(), name="second-factor"),
    path(
        "konto/tofaktor/bekreft/",
        views.SecondFactorVerifyView.as_view(),
        name="second-factor-verify",
    ),
    path("konto/tofaktor/app/", views.TOTPEnrolView.as_view(), name="totp-enrol"),
    path(
        "konto/tofaktor/gjenopprettingskoder/",
        views.RecoveryCodesView.as_view(),
        name="recovery-codes",
    ),
    path(
        "konto/tofaktor/fjern/<slug:kind>/<int:pk>/",
        views.SecondFactorRemoveView.as_view(),
        name="second-factor-remove",
    ),
]
