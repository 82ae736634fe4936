"""«Min konto»: what the portal keeps about the signed-in person, and their name to change."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from hamarregion.ui import BreadcrumbsMixin, add_service_error, has_errors

from ..forms import NameForm
from ..selectors import recent_audit_events_of
from ..services import person_name_change

# How many of the person's own audit events the page lists.
RECENT_EVENTS = 20


class MyAccountView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    template_name = "accounts/my_account.html"

    def get_context_data(self, name_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.request.user
        context.update(
            person=person,
            memberships=person.memberships.select_related("organisation").order_by(
                "organisation__name"
            ),
            events=recent_audit_events_of(person, limit=RECENT_EVENTS),
            name_form=name_form
            or NameForm(initial={"first_name": person.first_name, "last_name": person.last_name}),
            show_error_summary=has_errors(name_form),
            two_factor_url=reverse("accounts:second-factor"),
            retention_days=settings.AUDIT_LOG_RETENTION_DAYS,
        )
        return context

    def get_breadcrumbs(self):
        return [(_("Min konto"), None)]

    def post(self, request, *args, **kwargs):
        form = NameForm(request.POST)
        if form.is_valid():
            try:
                person_name_change(
                    person_id=request.user.pk,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    request=request,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Navnet ditt er endret."))
                return redirect("accounts:my-account")
        return self.render_to_response(self.get_context_data(name_form=form))
