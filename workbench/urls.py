from django.urls import path

from . import views

app_name = "workbench"

urlpatterns = [
    path("arbeidsliste/", views.WorkQueueView.as_view(), name="work-queue"),
    path("start/", views.landing, name="landing"),
]
