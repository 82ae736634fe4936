import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from hamarregion.pagination import TolerantPaginationMixin
from hamarregion.ui import BreadcrumbsMixin, add_service_error, has_errors
from programme.models import FocusArea

from ..forms import (
    ApplicationStartForm,
    CommentForm,
)
from ..forms_reports import GrantAcceptanceForm
from ..models import Application, FundingCall, Municipality
from ..permissions import can_apply, can_edit_application, is_secretariat, roles_for
from ..selectors import application_content
from ..services import (
    TransitionNotAllowed,
    application_create,
    application_transition,
    transition_refusal,
)
from ..workflow import TRANSITIONS, Action, Role, transitions_from
from .follow_up import follow_up_context
from .thread import thread_context


def my_applications_crumb():
    return (gettext_lazy("Mine søknader"), reverse("projects:my-applications"))


def application_crumb(application):
    return (application.title, application.get_absolute_url())


def visible_application(request, pk) -> Application:
    """The application if the user may see it; 404 otherwise, so ids reveal nothing."""
    return get_object_or_404(
        Application.objects.visible_to(request.user).select_related(
            "funding_call__programme", "lead_municipality", "grant_acceptance__accepted_by"
        ),
        pk=pk,
    )


class MyApplicationsView(LoginRequiredMixin, BreadcrumbsMixin, TolerantPaginationMixin, ListView):
    template_name = "projects/my_applications.html"
    context_object_name = "applications"
    # A municipality gathers hundreds of applications over the years: a page at a time.
    paginate_by = 25

    def get_queryset(self):
        return (
            Application.objects.of_member(self.request.user)
            .select_related("funding_call", "lead_municipality")
            .order_by("lead_municipality__name", "-updated_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["municipalities"] = Municipality.objects.applied_for_by(user)
        context["open_calls"] = FundingCall.objects.open().order_by("closes_at")
        context["can_apply"] = can_apply(user)
        context["is_secretariat"] = is_secretariat(user)
        return context

    def get_breadcrumbs(self):
        return [(_("Mine søknader"), None)]


class ApplicationStartView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    template_name = "projects/application_start.html"
    form_class = ApplicationStartForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.funding_call = get_object_or_404(
            FundingCall.objects.published(), slug=kwargs["call_slug"]
        )
        if not can_apply(request.user):
            raise PermissionDenied
        if not self.funding_call.is_open():
            messages.error(request, _("Utlysningen er ikke åpen for søknader."))
            return redirect(self.funding_call)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        return {"creation_token": uuid.uuid4()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["call"] = self.funding_call
        return context

    def form_valid(self, form):
        try:
            application, created = application_create(
                funding_call=self.funding_call,
                municipality=form.cleaned_data["municipality"],
                user=self.request.user,
                title=form.cleaned_data["title"],
                creation_token=form.cleaned_data["creation_token"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        if created:
            messages.success(self.request, _("Søknaden er opprettet som utkast."))
        return redirect("projects:application-edit", pk=application.pk)

    def get_breadcrumbs(self):
        return [my_applications_crumb(), (_("Ny søknad"), None)]


class ApplicationDetailView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    template_name = "projects/application_detail.html"

    def get(self, request, *args, **kwargs):
        self.load(request, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def load(self, request, pk):
        self.application = visible_application(request, pk)
        # Each kind of row once: the plans' totals and the amount applied read the lines
        # again, and each focus area's address its programme.
        prefetch_related_objects(
            [self.application],
            "cost_lines",
            "funding_lines",
            "payments",
            Prefetch("focus_areas", queryset=FocusArea.objects.select_related("programme")),
            "sub_themes",
            "sustainable_development_goals",
            "partner_municipalities",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        roles = roles_for(self.request.user, application)
        actions = [t for t in transitions_from(application.status) if t.roles & roles]
        context.update(
            application_content(application),
            can_edit=can_edit_application(self.request.user, application),
            withdrawal=next((t for t in actions if t.action == Action.WITHDRAW), None),
            timeline=application.status_changes.select_related("actor"),
            documents=application.documents.defer("html", "pdf"),
        )
        context.update(follow_up_context(self.request.user, application))
        context.update(
            thread_context(
                self.request.user,
                application,
                # The applicant's role is the right to answer (permissions.can_write_message).
                may_answer=Role.APPLICANT in roles,
                message_form=getattr(self, "message_form", None),
            )
        )
        if context["can_accept"]:
            form = context.setdefault("acceptance_form", GrantAcceptanceForm())
            context["has_errors"] = has_errors(form)
        return context

    def get_breadcrumbs(self):
        return [my_applications_crumb(), (self.application.title, None)]


class ApplicationWithdrawView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    """The applicant confirms withdrawing an application, with an optional comment."""

    template_name = "projects/application_withdraw.html"
    form_class = CommentForm
    action = Action.WITHDRAW

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.application = visible_application(request, kwargs["pk"])
        self.transition = TRANSITIONS[self.action]
        if not roles_for(request.user, self.application) & self.transition.roles:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.application
        context["transition"] = self.transition
        context["allowed"] = (
            transition_refusal(application=self.application, action=self.action) is None
        )
        return context

    def form_valid(self, form):
        try:
            application_transition(
                application=self.application,
                action=self.action,
                user=self.request.user,
                comment=form.cleaned_data["comment"],
                now=timezone.now(),
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        except TransitionNotAllowed as error:
            messages.error(self.request, str(error))
            return redirect(self.application)
        messages.success(self.request, _("Søknaden er trukket."))
        return redirect(self.application)

    def get_breadcrumbs(self):
        return [
            my_applications_crumb(),
            application_crumb(self.application),
            (str(self.transition.label), None),
        ]
