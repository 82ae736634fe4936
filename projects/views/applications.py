import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from hamarregion.pagination import TolerantPaginationMixin
from hamarregion.ui import BreadcrumbsMixin, add_service_error, has_errors
from programme.models import FocusArea

from ..file_types import MAX_ATTACHMENTS_PER_APPLICATION
from ..forms import (
    ApplicationForm,
    ApplicationStartForm,
    AttachmentForm,
    CommentForm,
    CostLineFormSet,
    FundingLineFormSet,
    line_values,
)
from ..models import Application, Attachment, FundingCall, FundingLine, Municipality
from ..permissions import can_apply, can_edit_application, is_secretariat, roles_for
from ..services import (
    PLAN_RULES,
    TransitionNotAllowed,
    application_create,
    application_save_draft,
    application_transition,
    attachment_add,
    transition_refusal,
)
from ..workflow import TRANSITIONS, Action, State, transitions_from
from .follow_up import follow_up_context


def my_applications_crumb():
    return (gettext_lazy("Mine søknader"), reverse("projects:my-applications"))


def application_crumb(application):
    return (application.title, application.get_absolute_url())


def visible_application(request, pk) -> Application:
    """The application if the user may see it; 404 otherwise, so ids reveal nothing."""
    return get_object_or_404(
        Application.objects.visible_to(request.user).select_related(
            "funding_call__programme", "lead_municipality"
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
        context["municipalities"] = Municipality.objects.filter(memberships__user=user)
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
        self.application = visible_application(request, kwargs["pk"])
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
        return super().get(request, *args, **kwargs)

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
        )
        context.update(follow_up_context(self.request.user, application))
        return context

    def get_breadcrumbs(self):
        return [my_applications_crumb(), (self.application.title, None)]


def application_content(application) -> dict:
    """What templates/projects/includes/application_content.html shows: the application as
    stored, on its page, on the summary before submitting and on the receipt."""
    return {
        "application": application,
        "cost_lines": application.cost_lines.all(),
        "funding_lines": application.funding_lines.all(),
        "attachments": application.attachments.filter(kind=Attachment.Kind.APPLICATION),
        "focus_areas": application.focus_areas.all(),
        "sub_themes": application.sub_themes.all(),
        "goals": application.sustainable_development_goals.all(),
        "partners": application.partner_municipalities.all(),
    }


def plan_rules(application) -> dict:
    """What static/js/line-tables.js needs to check the plans as the applicant types: the
    call's limits and the messages application_submission_errors gives."""
    call = application.funding_call
    return {
        "max_amount": call.max_amount,
        "max_share_percent": call.max_share_percent,
        "council": FundingLine.Source.COUNCIL,
        "messages": {code: str(message) for code, message in PLAN_RULES.items()},
        "ok": _("Planene går i balanse, og søknadsbeløpet er innenfor utlysningens grenser."),
        "totals": _(
            "Kostnader %(cost)s, finansiering %(funding)s, herav søknadsbeløp %(applied)s."
        ),
    }


def render_edit_page(
    request, application, *, form=None, cost=None, funding=None, upload=None, saved=False
):
    """The application form, its two tables and its attachments on one page."""
    context = {
        "application": application,
        "form": form or ApplicationForm(instance=application),
        "cost_formset": cost or CostLineFormSet(instance=application, prefix="cost"),
        "funding_formset": funding or FundingLineFormSet(instance=application, prefix="funding"),
        "attachment_form": upload or AttachmentForm(),
        "attachments": application.attachments.all(),
        "max_attachments": MAX_ATTACHMENTS_PER_APPLICATION,
        "plan_rules": plan_rules(application),
        "breadcrumbs": [
            my_applications_crumb(),
            application_crumb(application),
            (_("Rediger"), None),
        ],
        # The error summary says nothing was stored: not so when the draft was, and only the
        # file refused (its message is at the field).
        "has_errors": not saved and has_errors(form, cost, funding, upload),
    }
    return render(request, "projects/application_form.html", context)


def bind_edit_forms(request, application):
    return (
        ApplicationForm(request.POST, instance=application),
        CostLineFormSet(request.POST, instance=application, prefix="cost"),
        FundingLineFormSet(request.POST, instance=application, prefix="funding"),
    )


class ApplicationEditView(LoginRequiredMixin, View):
    def get_editable(self, request, pk):
        application = visible_application(request, pk)
        if not can_edit_application(request.user, application):
            return application, False
        return application, True

    def read_only_redirect(self, request, application):
        if application.status == State.SUBMITTED:
            messages.info(request, _("Søknaden er sendt inn og kan ikke endres."))
        else:
            messages.error(request, _("Du kan ikke endre denne søknaden."))
        return redirect(application)

    def get(self, request, pk):
        application, editable = self.get_editable(request, pk)
        if not editable:
            return self.read_only_redirect(request, application)
        return render_edit_page(request, application)

    def post(self, request, pk):
        application, editable = self.get_editable(request, pk)
        if not editable:
            return self.read_only_redirect(request, application)
        form, cost, funding = bind_edit_forms(request, application)
        uploading = "upload" in request.POST
        if not (form.is_valid() and cost.is_valid() and funding.is_valid()):
            if uploading:
                messages.error(request, UPLOAD_NOT_DONE)
            return render_edit_page(request, application, form=form, cost=cost, funding=funding)
        submitting = "submit" in request.POST and not uploading
        try:
            application_save_draft(
                application=application,
                user=request.user,
                values=form.cleaned_data,
                cost_lines=line_values(cost),
                funding_lines=line_values(funding),
                submit=submitting,
            )
        except ValidationError as error:
            add_service_error(form, error, tables={"cost_lines": cost, "funding_lines": funding})
            if submitting:
                messages.error(
                    request, _("Søknaden er ikke sendt inn. Rett feilene som er merket.")
                )
            elif uploading:
                messages.error(request, UPLOAD_NOT_DONE)
            return render_edit_page(request, application, form=form, cost=cost, funding=funding)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(application)
        if submitting:
            messages.success(request, _("Søknaden er sendt inn. Sekretariatet har fått beskjed."))
            return redirect(application)
        if uploading:
            # The draft is stored first: what was typed is kept whatever becomes of the file.
            upload = upload_attachment(request, application)
            if upload is not None:
                messages.info(request, _("Utkastet er lagret, men vedlegget er ikke lastet opp."))
                application.refresh_from_db()
                return render_edit_page(request, application, upload=upload, saved=True)
            messages.success(request, _("Utkastet er lagret, og vedlegget er lastet opp."))
            return redirect(
                reverse("projects:application-edit", args=[application.pk]) + "#vedlegg"
            )
        messages.success(request, _("Utkastet er lagret."))
        return redirect("projects:application-edit", pk=application.pk)


UPLOAD_NOT_DONE = gettext_lazy(
    "Ingenting er lagret, og vedlegget er ikke lastet opp. Rett feilene som er merket, og velg "
    "filen på nytt."
)


def upload_attachment(request, application):
    """Attach the file sent with the page: None when it is stored, else the upload form with
    what is wrong at its field."""
    upload = AttachmentForm(request.POST, request.FILES)
    if upload.is_valid():
        try:
            attachment_add(
                application=application,
                user=request.user,
                uploaded_file=upload.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_error(upload, error)
        else:
            return None
    return upload


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
