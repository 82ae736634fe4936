"""The follow-up page of a grant: what the grantee does between the decision and the final
report, each part an include of its own (templates/grants/includes/) with the context its
module gives."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from hamarregion.ui import BreadcrumbsMixin

from .access import follow_up_crumbs, granted_application
from .change_requests import change_requests_context
from .payment_requests import payment_requests_context
from .progress_reports import progress_reports_context


class FollowUpView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    template_name = "grants/follow_up.html"

    def get(self, request, *args, **kwargs):
        self.application = granted_application(request, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, application = self.request.user, self.application
        context["application"] = application
        context["decision"] = application.decision_or_none()
        context.update(payment_requests_context(user, application))
        context.update(progress_reports_context(user, application))
        context.update(change_requests_context(user, application))
        return context

    def get_breadcrumbs(self):
        return follow_up_crumbs(self.application)
