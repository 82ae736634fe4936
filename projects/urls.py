from django.urls import path

from .views import application_steps, applications, attachments, calls, documents, editing, reports

app_name = "projects"

urlpatterns = [
    path("utlysninger/", calls.FundingCallListView.as_view(), name="call-list"),
    path("utlysninger/<slug:slug>/", calls.FundingCallDetailView.as_view(), name="call-detail"),
    path(
        "mine-soknader/",
        applications.MyApplicationsView.as_view(),
        name="my-applications",
    ),
    path(
        "mine-soknader/ny/<slug:call_slug>/",
        applications.ApplicationStartView.as_view(),
        name="application-start",
    ),
    path(
        "soknader/<int:pk>/",
        applications.ApplicationDetailView.as_view(),
        name="application-detail",
    ),
    path(
        "soknader/<int:pk>/rediger/",
        editing.ApplicationEditView.as_view(),
        name="application-edit",
    ),
    path(
        "soknader/<int:pk>/rediger/<slug:step>/",
        application_steps.ApplicationStepView.as_view(),
        name="application-step",
    ),
    path(
        "soknader/<int:pk>/autolagre/",
        application_steps.ApplicationAutosaveView.as_view(),
        name="application-autosave",
    ),
    path(
        "soknader/<int:pk>/oppsummering/",
        application_steps.ApplicationSummaryView.as_view(),
        name="application-summary",
    ),
    path(
        "soknader/<int:pk>/kvittering/",
        application_steps.ApplicationReceiptView.as_view(),
        name="application-receipt",
    ),
    path(
        "soknader/<int:pk>/dokumenter/<int:document_pk>/",
        documents.ApplicationDocumentView.as_view(),
        name="application-document",
    ),
    path(
        "soknader/<int:pk>/trekk/",
        applications.ApplicationWithdrawView.as_view(),
        name="application-withdraw",
    ),
    path(
        "soknader/<int:pk>/vedlegg/",
        attachments.AttachmentUploadView.as_view(),
        name="attachment-upload",
    ),
    path(
        "soknader/<int:pk>/aksept/",
        reports.GrantAcceptView.as_view(),
        name="grant-accept",
    ),
    path(
        "soknader/<int:pk>/prosjektstart/",
        reports.ProjectStartView.as_view(),
        name="project-start",
    ),
    path(
        "soknader/<int:pk>/sluttrapport/",
        reports.FinalReportView.as_view(),
        name="final-report",
    ),
    path(
        "soknader/<int:pk>/sluttrapport/vedlegg/",
        attachments.ReportAttachmentUploadView.as_view(),
        name="report-attachment-upload",
    ),
    path(
        "soknader/<int:application_pk>/vedlegg/<int:pk>/",
        attachments.AttachmentDownloadView.as_view(),
        name="attachment-download",
    ),
    path(
        "soknader/<int:application_pk>/vedlegg/<int:pk>/slett/",
        attachments.AttachmentDeleteView.as_view(),
        name="attachment-delete",
    ),
]
