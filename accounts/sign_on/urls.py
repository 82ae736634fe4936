"""The callback every provider sends the visitor back to: outside the language prefixes, so the
redirect URI registered at the providers is one address (hamarregion/urls.py includes it). The
start of a sign-on is a page of its language (accounts/urls.py)."""

from django.urls import path

from hamarregion.accounts import clears_browser_cache

from .views import SignOnCallbackView

app_name = "sign_on"

urlpatterns = [
    path("tilbake/", clears_browser_cache(SignOnCallbackView.as_view()), name="callback"),
]
