from django.urls import path  # noqa: F401 - the helpers' pages land here

app_name = "accounts"

urlpatterns = []
