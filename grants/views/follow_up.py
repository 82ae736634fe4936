"""The follow-up page of a grant: what the grantee does between the decision and the final
report, each part from its own module and template include."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from projects.views.applications import application_crumb, my_applications_crumb

from .base import granted_application
from .payment_requests import payment_requests_context


class FollowUpView(LoginRequiredMixin, View):
    def get(self, request, pk):
        application = granted_application(request, pk)
        context = {
            "application": application,
            "decision": application.decision_or_none(),
            "breadcrumbs": [
                my_applications_crumb(),
                application_crumb(application),
                (_("Oppfølging av tilskuddet"), None),
            ],
            **payment_requests_context(request.user, application),
        }
        return render(request, "grants/follow_up.html", context)
