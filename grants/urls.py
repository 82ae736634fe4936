"""The follow-up after a grant."""

from django.urls import path

from .views import change_requests, follow_up, payment_requests, progress_reports

app_name = "grants"

urlpatterns = [
    path("soknader/<int:pk>/oppfolging/", follow_up.FollowUpView.as_view(), name="follow-up"),
    path(
        "soknader/<int:pk>/utbetaling/ny/",
        payment_requests.PaymentRequestCreateView.as_view(),
        name="payment-request-create",
    ),
    path(
        "soknader/<int:pk>/utbetaling/<int:request_pk>/",
        payment_requests.PaymentRequestDetailView.as_view(),
        name="payment-request-detail",
    ),
    path(
        "soknader/<int:pk>/utbetaling/<int:request_pk>/vedlegg/",
        payment_requests.PaymentRequestAttachmentUploadView.as_view(),
        name="payment-request-attachment-upload",
    ),
    path(
        "soknader/<int:pk>/utbetaling/<int:request_pk>/vedlegg/<int:attachment_pk>/",
        payment_requests.PaymentRequestAttachmentView.as_view(),
        name="payment-request-attachment",
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
