"""The application form in steps, its autosave, the summary the applicant submits from, and
the receipt. Each step is a part of the one-page edit form (projects.views.editing), stored
through the same service."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from hamarregion.ui import add_service_error, has_errors

from ..file_types import MAX_ATTACHMENTS_PER_APPLICATION
from ..forms import (
    FIELDSETS,
    ApplicationForm,
    AttachmentForm,
    CostLineFormSet,
    FundingLineFormSet,
    line_values,
)
from ..models import Attachment
from ..selectors import application_content
from ..services import (
    TransitionNotAllowed,
    application_autosave,
    application_submission_errors,
    application_transition,
)
from ..steps import FORM_STEPS, STEPS_BY_SLUG, SUMMARY, neighbours, progress
from ..workflow import Action, State
from .applications import (
    application_crumb,
    my_applications_crumb,
    visible_application,
)
from .editing import EditableApplicationMixin, plan_rules, upload_attachment


def bind_step_forms(request, application, step):
    """The main form with the step's fields (all of them without a step) and, where the step
    has them, the two plans; bound to the POST when there is one."""
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(data, instance=application, step=step)
    cost = funding = None
    if step is None or step.plans:
        cost = CostLineFormSet(data, instance=application, prefix="cost")
        funding = FundingLineFormSet(data, instance=application, prefix="funding")
    return form, cost, funding


def forms_valid(*forms) -> bool:
    return all(form.is_valid() for form in forms if form is not None)


def save_forms(request, application, form, cost, funding):
    """Store the valid forms as a draft: the new lines' ids by the prefix of their rows."""
    application, new_lines = application_autosave(
        application=application,
        user=request.user,
        values=form.cleaned_data,
        cost_lines=line_values(cost) if cost is not None else (),
        funding_lines=line_values(funding) if funding is not None else (),
    )
    rows = {}
    for formset, key in ((cost, "cost_lines"), (funding, "funding_lines")):
        if formset is None:
            continue
        typed = [
            line.prefix
            for line in formset.extra_forms
            if line.has_changed() and not line.cleaned_data.get("DELETE")
        ]
        rows.update(zip(typed, new_lines[key], strict=True))
    return rows


def step_crumbs(application, label):
    return [my_applications_crumb(), application_crumb(application), (label, None)]


class ApplicationStepView(EditableApplicationMixin, View):
    """One step of the application form: its part of the fields, saved on its own."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        step = STEPS_BY_SLUG.get(kwargs["step"])
        if step is None or step not in FORM_STEPS:
            raise Http404
        self.step = step

    def render(self, form=None, cost=None, funding=None, upload=None):
        application, step = self.application, self.step
        shown_form = form or ApplicationForm(instance=application, step=step)
        shown_cost = shown_funding = None
        if step.plans:
            shown_cost = cost or CostLineFormSet(instance=application, prefix="cost")
            shown_funding = funding or FundingLineFormSet(instance=application, prefix="funding")
        previous, following = neighbours(step)
        context = {
            "application": application,
            "step": step,
            "steps": progress(application, step.slug),
            "previous": previous,
            "following": following,
            "form": shown_form,
            "cost_formset": shown_cost,
            "funding_formset": shown_funding,
            "attachment_form": upload or AttachmentForm(),
            "attachments": application.attachments.filter(kind=Attachment.Kind.APPLICATION),
            "max_attachments": MAX_ATTACHMENTS_PER_APPLICATION,
            "plan_rules": plan_rules(application),
            "breadcrumbs": step_crumbs(application, step.label),
            # An upload refused after the draft was stored: its message is at the field.
            "has_errors": has_errors(form, cost, funding),
        }
        return render(self.request, "projects/application_step.html", context)

    def get(self, request, pk, step):
        return self.render()

    def post(self, request, pk, step):
        application, step = self.application, self.step
        form, cost, funding = bind_step_forms(request, application, step)
        if not forms_valid(form, cost, funding):
            return self.render(form, cost, funding)
        try:
            save_forms(request, application, form, cost, funding)
        except ValidationError as error:
            tables = {"cost_lines": cost, "funding_lines": funding} if step.plans else None
            add_service_error(form, error, tables=tables)
            return self.render(form, cost, funding)
        if step.attachments and ("upload" in request.POST or request.FILES):
            upload = upload_attachment(request, application)
            if upload is not None:
                application.refresh_from_db()
                return self.render(upload=upload)
            messages.success(request, _("Vedlegget er lastet opp."))
            return redirect(step.url(application))
        previous, following = neighbours(step)
        if "previous" in request.POST and previous:
            return redirect(previous.url(application))
        if "next" in request.POST and following:
            return redirect(following.url(application))
        messages.success(request, _("Utkastet er lagret."))
        return redirect(step.url(application))


class ApplicationAutosaveView(EditableApplicationMixin, View):
    """The edit page's and the steps' fields, stored as the draft while the applicant types
    (static/js/autosave.js). Answers JSON: the time it was stored and the ids of new rows, or
    the messages of the fields it refused, storing nothing."""

    def not_editable(self, request):
        return JsonResponse(
            {"saved": False, "message": _("Søknaden kan ikke endres lenger.")}, status=403
        )

    def post(self, request, pk):
        slug = request.POST.get("steg", "")
        step = STEPS_BY_SLUG.get(slug) if slug else None
        if slug and step not in FORM_STEPS:
            return JsonResponse({"saved": False, "message": _("Ukjent steg.")}, status=400)
        form, cost, funding = bind_step_forms(request, self.application, step)
        if forms_valid(form, cost, funding):
            try:
                rows = save_forms(request, self.application, form, cost, funding)
            except ValidationError as error:
                add_service_error(
                    form, error, tables={"cost_lines": cost, "funding_lines": funding}
                )
            else:
                saved_at = timezone.localtime()
                return JsonResponse(
                    {
                        "saved": True,
                        "time": f"{saved_at:%H:%M}",
                        "message": _("Lagret kl. %(time)s") % {"time": f"{saved_at:%H:%M}"},
                        "rows": rows,
                    }
                )
        return JsonResponse(
            {
                "saved": False,
                "message": _("Ikke lagret automatisk: %(errors)s")
                % {"errors": " ".join(refusals(form, cost, funding))},
            },
            status=400,
        )


def refusals(form, cost, funding) -> list[str]:
    """Each refused field's label and message, for the autosave's status line."""
    found = [f"{field.label}: {' '.join(field.errors)}" for field in form if field.errors]
    found += [str(error) for error in form.non_field_errors()]
    for formset, caption in ((cost, _("Kostnadsplan")), (funding, _("Finansieringsplan"))):
        if formset is None:
            continue
        found += [f"{caption}: {error}" for error in formset.non_form_errors()]
        for number, line in enumerate(formset.forms, 1):
            found += [
                f"{caption}, {_('rad')} {number}, {field.label}: {' '.join(field.errors)}"
                for field in line
                if field.errors
            ]
    return found


class ApplicationSummaryView(EditableApplicationMixin, View):
    """Everything that will be sent, what still stops it, and the button that submits."""

    def render(self, errors=None):
        application = self.application
        if errors is None:
            errors = application_submission_errors(application=application, now=timezone.now())
        context = application_content(application)
        context.update(
            steps=progress(application, SUMMARY),
            problems=summary_problems(application, errors),
            breadcrumbs=step_crumbs(application, _("Oppsummering")),
            previous=FORM_STEPS[-1],
        )
        return render(self.request, "projects/application_summary.html", context)

    def get(self, request, pk):
        return self.render()

    def post(self, request, pk):
        try:
            application_transition(
                application=self.application,
                action=Action.SUBMIT,
                user=request.user,
                now=timezone.now(),
            )
        except ValidationError as error:
            messages.error(request, _("Søknaden er ikke sendt inn. Rett feilene som er listet."))
            return self.render(errors=error.message_dict)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(self.application)
        messages.success(request, _("Søknaden er sendt inn. Sekretariatet har fått beskjed."))
        return redirect("projects:application-receipt", pk=self.application.pk)


# Where the applicant fixes what a submission rule names.
FIELD_STEPS = {
    name: step
    for step in FORM_STEPS
    for key, _legend, names in FIELDSETS
    if key in step.fieldsets
    for name in names
}


def summary_problems(application, errors) -> list[dict]:
    """The submission rules not yet met: message, the field's label and the step to fix it."""
    form = ApplicationForm(instance=application)
    plans = STEPS_BY_SLUG["planer"]
    problems = []
    for name, messages_ in errors.items():
        step = FIELD_STEPS.get(name) or (plans if name.endswith("_lines") else None)
        if name in form.fields:
            label = form.fields[name].label
        elif name == "cost_lines":
            label = _("Kostnadsplan")
        elif name == "funding_lines":
            label = _("Finansieringsplan")
        else:
            label = ""
        for message in messages_:
            text = message.messages if isinstance(message, ValidationError) else [message]
            problems += [
                {"label": label, "message": m, "url": step.url(application) if step else None}
                for m in text
            ]
    return problems


class ApplicationReceiptView(LoginRequiredMixin, View):
    """The receipt: when the application was submitted and what was sent."""

    def get(self, request, pk):
        application = visible_application(request, pk)
        if application.submitted_at is None:
            raise Http404
        context = application_content(application)
        context.update(
            breadcrumbs=step_crumbs(application, _("Kvittering")),
            returned=application.status in {State.RETURNED, State.DRAFT},
        )
        return render(request, "projects/application_receipt.html", context)
