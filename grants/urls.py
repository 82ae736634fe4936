"""The follow-up after a grant."""

from django.urls import path

from .views import change_requests, follow_up, progress_reports

app_name = "grants"

urlpatterns = [
    path(
        "soknader/<int:pk>/oppfolging/",
        follow_up.FollowUpView.as_view(),
        name="follow-up",
    ),
    path(
        "soknader/<int:pk>/oppfolging/framdriftsrapport/<int:number>/",
        progress_reports.ProgressReportView.as_view(),
        name="progress-report",
    ),
    path(
        "soknader/<int:pk>/oppfolging/endringssoknad/<slug:kind>/",
        change_requests.ChangeRequestView.as_view(),
        name="change-request",
    ),
]
