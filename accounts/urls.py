from django.urls import path

from .sign_on.views import SignOnStartView

app_name = "accounts"

urlpatterns = [
    # A single sign-on's start, beside the login page: /konto/logg-inn/<provider>/.
    path("konto/logg-inn/<slug:provider>/", SignOnStartView.as_view(), name="sign-on-start"),
]
