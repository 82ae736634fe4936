"""The secretariat's internal notes and its messages to the applicant, on the case page. The
notes are read by the secretariat and the council members; the thread by both as well, but only
the secretariat writes in admin (the applicant answers on the application's page)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamarregion.ui import add_service_error

from ..forms_correspondence import CaseNoteForm, MessageForm
from ..models import Message
from ..permissions import can_read_case_notes, is_secretariat
from ..services import case_note_add, message_send, message_thread, thread_is_open
from .case_views import case_application, change_url


def correspondence_context(request, application, *, note_form=None, message_form=None) -> dict:
    """What the case page shows of the notes and the thread: the forms to the secretariat."""
    secretariat = is_secretariat(request.user)
    context = {
        "thread": list(message_thread(application)),
        "thread_open": thread_is_open(application),
    }
    if can_read_case_notes(request.user):
        context["case_notes"] = list(application.case_notes.select_related("author"))
        context["shows_case_notes"] = True
    if secretariat:
        context["note_form"] = note_form or CaseNoteForm()
        context["note_url"] = reverse("admin:projects_application_note", args=[application.pk])
        if context["thread_open"]:
            context["message_form"] = message_form or MessageForm()
            context["message_url"] = reverse(
                "admin:projects_application_message", args=[application.pk]
            )
    return context


class CorrespondenceViewsMixin:
    """The posts of the case page's note and message forms, for the secretariat alone. A form
    with errors comes back on a page of its own, as the workflow's forms do."""

    def correspondence_page(self, request, application, title, **forms):
        return self.case_page(
            request,
            "admin/projects/application/correspondence.html",
            application,
            title=title,
            **correspondence_context(request, application, **forms),
        )

    def note_add_view(self, request, pk):
        if not is_secretariat(request.user):
            raise PermissionDenied
        application = case_application(pk)
        form = CaseNoteForm(request.POST)
        if form.is_valid():
            try:
                case_note_add(
                    application=application, user=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                self.message_user(request, _("Merknaden er lagret."), messages.SUCCESS)
                return redirect(change_url(application) + "#merknader")
        return self.correspondence_page(
            request, application, _("Ny intern merknad"), note_form=form
        )

    def message_send_view(self, request, pk):
        if not is_secretariat(request.user):
            raise PermissionDenied
        application = case_application(pk)
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message_send(
                    application=application,
                    user=request.user,
                    sender=Message.Sender.SECRETARIAT,
                    text=form.cleaned_data["text"],
                    uploaded_file=form.cleaned_data.get("file"),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                self.message_user(request, _("Meldingen er sendt til søkeren."), messages.SUCCESS)
                return redirect(change_url(application) + "#meldinger")
        return self.correspondence_page(
            request, application, _("Ny melding til søkeren"), message_form=form
        )

    def correspondence_urls(self, view):
        return [
            path(
                "<int:pk>/merknad/",
                view(require_POST(self.note_add_view)),
                name="projects_application_note",
            ),
            path(
                "<int:pk>/melding/",
                view(require_POST(self.message_send_view)),
                name="projects_application_message",
            ),
        ]
