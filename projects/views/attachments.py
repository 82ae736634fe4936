from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from ..forms import AttachmentForm
from ..models import Application, Attachment
from ..permissions import can_edit_application
from ..services import attachment_add, attachment_delete
from .applications import render_edit_page, visible_application


def visible_attachment(request, application_pk, pk) -> Attachment:
    return get_object_or_404(
        Attachment.objects.select_related("application__lead_municipality").filter(
            application__in=Application.objects.visible_to(request.user)
        ),
        application_id=application_pk,
        pk=pk,
    )


class AttachmentUploadView(LoginRequiredMixin, View):
    def post(self, request, pk):
        application = visible_application(request, pk)
        if not can_edit_application(request.user, application):
            raise PermissionDenied
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment_add(
                    application=application,
                    user=request.user,
                    uploaded_file=form.cleaned_data["file"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Vedlegget er lastet opp."))
                return redirect("projects:application-edit", pk=application.pk)
        return render_edit_page(request, application, upload=form)


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Private files, served only to the owning municipality's users and the secretariat."""

    def get(self, request, application_pk, pk):
        attachment = visible_attachment(request, application_pk, pk)
        try:
            handle = attachment.file.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404 from None
        return FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )


class AttachmentDeleteView(LoginRequiredMixin, View):
    def post(self, request, application_pk, pk):
        attachment = visible_attachment(request, application_pk, pk)
        if not can_edit_application(request.user, attachment.application):
            raise PermissionDenied
        attachment_delete(attachment=attachment, user=request.user)
        messages.success(request, _("Vedlegget «%(name)s» er slettet.") % {"name": attachment})
        return redirect("projects:application-edit", pk=application_pk)
