"""The work queue page, and where a person lands after logging in."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from projects.permissions import is_council_member, is_secretariat

from .selectors import MINE, SECTION_LIMIT, UNASSIGNED, handler_filter_of, work_queue


@login_required
def landing(request):
    """settings.LOGIN_REDIRECT_URL: the secretariat's work queue; a council member's meetings,
    where each meeting's page opens its pack; everyone else's applications."""
    if is_secretariat(request.user):
        return redirect("workbench:work-queue")
    if is_council_member(request.user):
        return redirect("meetings:meeting-list")
    return redirect("projects:my-applications")


class WorkQueueView(LoginRequiredMixin, TemplateView):
    """«Arbeidsliste»: what waits for the secretariat today. The secretariat's alone: council
    members read the open cases in admin, applicants their own applications (403)."""

    template_name = "workbench/work_queue.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_secretariat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        handler_filter = handler_filter_of(self.request.GET.get("saksbehandler"))
        context.update(
            queue=work_queue(user=self.request.user, handler_filter=handler_filter),
            handler_filter=handler_filter,
            filters=[("", _("Alle")), (MINE, _("Mine")), (UNASSIGNED, _("Ikke tildelt"))],
            section_limit=SECTION_LIMIT,
        )
        return context
