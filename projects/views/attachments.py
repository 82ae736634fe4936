from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from hamarregion.ui import add_service_error

from ..forms import AttachmentForm
from ..models import Application, Attachment
from ..permissions import can_edit_application, can_write_report
from ..services import attachment_add, attachment_delete
from ..steps import STEPS_BY_SLUG
from .applications import visible_application
from .editing import render_edit_page
from .reports import render_report_page


def visible_attachment(request, application_pk, pk) -> Attachment:
    return get_object_or_404(
        Attachment.objects.select_related("application__lead_municipality").filter(
            application__in=Application.objects.visible_to(request.user)
        ),
        application_id=application_pk,
        pk=pk,
    )


def private_file_response(stored) -> FileResponse:
    """A stored upload (a model with file, original_name and content_type) as a download, for
    a caller that has checked who may have it; 404 when its file is gone."""
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )


class AttachmentUploadView(LoginRequiredMixin, View):
    """An attachment to the application, uploaded from its edit page."""

    kind = Attachment.Kind.APPLICATION
    page = "projects:application-edit"

    def may_attach(self, user, application) -> bool:
        return can_edit_application(user, application)

    def render_errors(self, request, application, form):
        return render_edit_page(request, application, upload=form)

    def post(self, request, pk):
        application = visible_application(request, pk)
        if not self.may_attach(request.user, application):
            raise PermissionDenied
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment_add(
                    application=application,
                    user=request.user,
                    uploaded_file=form.cleaned_data["file"],
                    kind=self.kind,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Vedlegget er lastet opp."))
                return redirect(self.page, pk=application.pk)
        return self.render_errors(request, application, form)


class ReportAttachmentUploadView(AttachmentUploadView):
    """An attachment to the final report, uploaded from the report page."""

    kind = Attachment.Kind.FINAL_REPORT
    page = "projects:final-report"

    def may_attach(self, user, application) -> bool:
        return can_write_report(user, application)

    def render_errors(self, request, application, form):
        return render_report_page(request, application, upload=form)


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Private files, served only to the owning municipality's users and the secretariat."""

    def get(self, request, application_pk, pk):
        return private_file_response(visible_attachment(request, application_pk, pk))


class AttachmentDeleteView(LoginRequiredMixin, View):
    def post(self, request, application_pk, pk):
        attachment = visible_attachment(request, application_pk, pk)
        if attachment.kind == Attachment.Kind.FINAL_REPORT:
            page = "projects:final-report"
        else:
            page = "projects:application-edit"
        attachment_delete(attachment=attachment, user=request.user)
        messages.success(request, _("Vedlegget «%(name)s» er slettet.") % {"name": attachment})
        step = STEPS_BY_SLUG.get(request.POST.get("steg", ""))
        if step is not None and step.attachments and attachment.kind == Attachment.Kind.APPLICATION:
            return redirect(step.url(attachment.application))
        return redirect(page, pk=application_pk)
