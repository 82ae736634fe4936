"""The applicant's answers in the thread, and the download of a message's files."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from hamarregion.ui import add_service_error

from ..forms_correspondence import MessageForm
from ..models import Application, Message, MessageAttachment
from ..permissions import can_write_message
from ..services import message_send, thread_is_open
from .applications import ApplicationDetailView
from .attachments import private_file_response


class MessageSendView(ApplicationDetailView):
    """An answer from the applicant's people, written on the application's page. A form with
    errors is shown there again, at its place in the thread."""

    http_method_names = ["post"]

    def post(self, request, pk):
        self.load(request, pk)
        application = self.application
        if not can_write_message(request.user, application, Message.Sender.APPLICANT):
            raise PermissionDenied
        if not thread_is_open(application):
            # No form is shown before the application is sent in: say why, on its page.
            messages.error(request, _("Meldinger kan sendes når søknaden er sendt inn."))
            return redirect(application)
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message_send(
                    application=application,
                    user=request.user,
                    sender=Message.Sender.APPLICANT,
                    text=form.cleaned_data["text"],
                    uploaded_file=form.cleaned_data.get("file"),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Meldingen er sendt til sekretariatet."))
                return redirect(reverse("projects:application-detail", args=[pk]) + "#meldinger")
        self.message_form = form
        return self.render_to_response(self.get_context_data(pk=pk))


class MessageAttachmentDownloadView(LoginRequiredMixin, View):
    """A message's file, only to those who may see the application: 404 to anyone else."""

    def get(self, request, application_pk, pk):
        attachment = get_object_or_404(
            MessageAttachment.objects.filter(
                message__application__in=Application.objects.visible_to(request.user)
            ),
            message__application_id=application_pk,
            pk=pk,
        )
        return private_file_response(attachment)
