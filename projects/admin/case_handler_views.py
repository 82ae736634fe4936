"""The case page's «Saksbehandler» page: the secretariat assigns the case to one of its people,
to another, or to no one (projects.services.case_handler_assign). Council members see the
handler on the case page and cannot change it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamarregion.ui import add_service_error

from ..models import Application
from ..permissions import is_secretariat, secretariat_people
from ..services import case_handler_assign


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return person.get_full_name() or person.get_username()


class CaseHandlerForm(forms.Form):
    handler = PersonChoiceField(
        label=gettext_lazy("Saksbehandler"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Ingen (ikke tildelt)"),
        help_text=gettext_lazy("En person i sekretariatet. Endringen står i sakens historikk."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = secretariat_people().order_by(
            "first_name", "last_name", "username"
        )


def case_handler_url(application) -> str:
    return reverse("admin:projects_application_case_handler", args=[application.pk])


class CaseHandlerViewsMixin:
    """ApplicationAdmin's page to assign the case handler: the secretariat's alone (403 for
    anyone else)."""

    def get_urls(self):
        return [
            path(
                "<int:pk>/saksbehandler/",
                self.admin_site.admin_view(self.case_handler_view),
                name="projects_application_case_handler",
            ),
            *super().get_urls(),
        ]

    def case_handler_view(self, request, pk):
        if not is_secretariat(request.user):
            raise PermissionDenied
        application = get_object_or_404(Application.objects.select_related("case_handler"), pk=pk)
        change_url = reverse("admin:projects_application_change", args=[application.pk])
        form = CaseHandlerForm(
            request.POST if request.method == "POST" else None,
            initial={"handler": application.case_handler_id},
        )
        if form.is_bound and form.is_valid():
            handler = form.cleaned_data["handler"]
            try:
                case_handler_assign(application=application, handler=handler, by=request.user)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                if handler is None:
                    message = _("«%(title)s» er ikke lenger tildelt noen saksbehandler.") % {
                        "title": application.title
                    }
                else:
                    message = _("«%(title)s» er tildelt %(name)s.") % {
                        "title": application.title,
                        "name": handler.get_full_name() or handler.get_username(),
                    }
                self.message_user(request, message, messages.SUCCESS)
                return redirect(change_url)
        return TemplateResponse(
            request,
            "admin/projects/application/case_handler.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": application,
                "change_url": change_url,
                "title": _("Saksbehandler"),
                "form": form,
            },
        )
