"""The progress reports on the follow-up page, and the page of one report: a form while the
applicant owes it, read-only once it is in."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from hamarregion.ui import add_service_error, has_errors, service_error_message
from projects.permissions import is_member_of

from ..forms.progress_reports import ProgressReportForm
from ..permissions import can_follow_up
from ..selectors.progress_reports import progress_report_is_open, progress_report_schedule
from ..services.progress_reports import progress_report_refusal, progress_report_submit
from .access import follow_up_crumbs, granted_application


def report_state(application, scheduled, today) -> str:
    """sent, overdue, due (may be written now), upcoming, or missed (no longer asked for)."""
    if scheduled.report is not None:
        return "sent"
    if progress_report_is_open(application, scheduled, today):
        return "overdue" if scheduled.is_overdue(today) else "due"
    return "upcoming" if today < scheduled.opens_on() else "missed"


def progress_reports_context(user, application, today=None) -> dict:
    today = today or timezone.localdate()
    rows = [
        (scheduled, report_state(application, scheduled, today))
        for scheduled in progress_report_schedule(application)
    ]
    return {
        "progress_reports": rows,
        "progress_reports_owed": [row for row in rows if row[1] in ("due", "overdue")],
        "can_report_progress": can_follow_up(user, application),
    }


class ProgressReportView(LoginRequiredMixin, View):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.today = timezone.localdate()

    def scheduled_report(self, request, pk, number):
        application = granted_application(request, pk)
        for scheduled in progress_report_schedule(application):
            if scheduled.number == number:
                return application, scheduled
        raise Http404

    def get(self, request, pk, number):
        application, scheduled = self.scheduled_report(request, pk, number)
        return self.render_page(request, application, scheduled)

    def post(self, request, pk, number):
        application, scheduled = self.scheduled_report(request, pk, number)
        if not is_member_of(request.user, application.lead_municipality):
            raise PermissionDenied
        form = ProgressReportForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, application, scheduled, form=form)
        try:
            progress_report_submit(
                application=application,
                user=request.user,
                number=number,
                today=self.today,
                **form.cleaned_data,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, service_error_message(error))
                return redirect("grants:follow-up", pk=application.pk)
            add_service_error(form, error)
            return self.render_page(request, application, scheduled, form=form)
        messages.success(request, _("Framdriftsrapporten er sendt inn. Takk!"))
        return redirect("grants:follow-up", pk=application.pk)

    def render_page(self, request, application, scheduled, *, form=None):
        refusal = None
        if scheduled.report is None:
            refusal = progress_report_refusal(
                application=application, number=scheduled.number, today=self.today
            )
        writable = can_follow_up(request.user, application) and refusal is None
        title = _("Framdriftsrapport %(number)s") % {"number": scheduled.number}
        context = {
            "application": application,
            "scheduled": scheduled,
            "report": scheduled.report,
            "refusal": refusal,
            "form": (form or ProgressReportForm()) if writable else None,
            "has_errors": has_errors(form),
            "title": title,
            "breadcrumbs": follow_up_crumbs(application, here=title),
        }
        return render(request, "grants/progress_reports/progress_report_form.html", context)
