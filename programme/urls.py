from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("handlingsprogram/", views.ProgrammeListView.as_view(), name="programme-list"),
    path(
        "handlingsprogram/<slug:slug>/",
        views.ProgrammeDetailView.as_view(),
        name="programme-detail",
    ),
    path(
        "handlingsprogram/<slug:programme_slug>/<slug:slug>/",
        views.FocusAreaDetailView.as_view(),
        name="focus-area-detail",
    ),
    path("barekraftsmal/", views.GoalListView.as_view(), name="goal-list"),
    path("barekraftsmal/<int:number>/", views.GoalDetailView.as_view(), name="goal-detail"),
]
