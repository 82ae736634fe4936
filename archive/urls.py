from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("postjournal/", views.JournalView.as_view(), name="journal"),
]
