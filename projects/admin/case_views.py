"""The secretariat's case handling in admin: one page per workflow action, the payment page
and the decision letter. Every write goes through projects.services; these views only turn a
form into a service call and the service's refusal into messages at the fields."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hamarregion.formatting import format_date
from hamarregion.ui import add_service_error

from ..models import Application, AssessmentCriterion, Decision
from ..permissions import is_secretariat, roles_for
from ..services import (
    TransitionNotAllowed,
    acceptance_deadline_refusal,
    appeal_deadline,
    appeal_forward,
    appeal_outcomes,
    appeal_refusal,
    appeal_register,
    appeal_settle,
    application_decide,
    application_recommend,
    application_transition,
    call_budget,
    payment_refusal,
    transition_refusal,
)
from ..services.acceptance import WAITING_STATES, acceptance_due_default
from ..workflow import (
    DECISION_ACTIONS,
    TRANSITIONS,
    Action,
    Role,
    transitions_from,
)
from .forms import (
    AppealForm,
    AppealForwardForm,
    AppealOutcomeForm,
    DecisionForm,
    RecommendationForm,
    TransitionForm,
)


def change_url(application) -> str:
    return reverse("admin:projects_application_change", args=[application.pk])


def case_application(pk) -> Application:
    """The application with what the case pages show, loaded in one query (payments in two)."""
    return get_object_or_404(
        Application.objects.select_related(
            "funding_call",
            "lead_municipality",
            "recommendation",
            "decision__meeting",
            "final_report",
        ).prefetch_related("payments", "funding_lines"),
        pk=pk,
    )


def action_refusal(application, transition):
    """Why the case page does not offer the action now, or None: an appeal step asks also of
    the appeal (a decision appealed once, the outcome the step lets stand)."""
    if transition.requires == "appeal":
        return appeal_refusal(application=application, action=transition.action)
    return transition_refusal(application=application, action=transition.action)


def case_context(request, application) -> dict:
    """What the change page (the case view) adds to the application as submitted."""
    secretariat = is_secretariat(request.user)
    roles = roles_for(request.user, application) & {Role.SECRETARIAT}
    timeline = list(application.status_changes.select_related("actor"))
    context = {
        "is_secretariat": secretariat,
        "workflow_actions": [
            (
                transition,
                reverse(
                    "admin:projects_application_transition",
                    args=[application.pk, transition.action],
                ),
            )
            for transition in transitions_from(application.status)
            if transition.roles & roles and action_refusal(application, transition) is None
        ],
        "amount_applied": application.amount_applied(),
        "attachments": list(application.attachments.all()),
        "timeline": timeline,
        # An application made through the portal has its creation in the timeline; one that
        # came in otherwise (older data, made in admin) gets it from its own fields, once.
        "creation_recorded": any(change.action == Action.CREATE for change in timeline),
        "recommendation": application.recommendation_or_none(),
        # Council members read an appealed case before they take it up again.
        "appeals": list(application.appeals.select_related("registered_by", "grounds_attachment")),
    }
    if not secretariat:
        return context
    decision = application.decision_or_none()
    payments = list(application.payments.all())
    context.update(
        decision=decision,
        final_report=application.final_report_or_none(),
        payments=payments,
        granted=application.granted_amount(),
        paid=application.paid_amount(),
        remaining=application.remaining_amount(),
        budget=call_budget(application.funding_call),
        documents=list(application.documents.defer("html", "pdf")),
    )
    if payment_refusal(application=application) is None:
        context["payment_url"] = reverse(
            "admin:projects_application_payment", args=[application.pk]
        )
    if decision is not None and decision.is_approved:
        context["acceptance"] = application.grant_acceptance_or_none()
        if application.status in WAITING_STATES:
            context["acceptance_overdue"] = (
                acceptance_deadline_refusal(decision=decision, today=timezone.localdate())
                is not None
            )
            context["acceptance_deadline_url"] = reverse(
                "admin:projects_application_acceptance_deadline", args=[application.pk]
            )
    if decision is not None:
        context["letter_url"] = reverse(
            "admin:projects_application_decision_letter", args=[application.pk]
        )
    return context


class CaseViewsMixin:
    """Views of ApplicationAdmin for the secretariat alone: council members get 403."""

    def case_page(self, request, template, application, **context):
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": application,
                "change_url": change_url(application),
                **context,
            },
        )

    def refused(self, request, application, message: str):
        """A refusal of the whole action (not of a field): back to the case with the message."""
        self.message_user(request, message, messages.ERROR)
        return redirect(change_url(application))

    def transition_form(self, transition, application, data, files=None):
        recommendation = application.recommendation_or_none()
        if transition.action == Action.RECOMMEND:
            initial = {"recommended_amount": application.amount_applied()}
            if recommendation is not None:
                initial = {
                    "assessment": recommendation.assessment,
                    "recommended_amount": recommendation.recommended_amount,
                }
            return RecommendationForm(data, initial=initial)
        if transition.action in DECISION_ACTIONS.values():
            today = timezone.localdate()
            initial = {"decided_on": today, "acceptance_due_on": acceptance_due_default(today)}
            if recommendation is not None:
                initial["granted_amount"] = recommendation.recommended_amount or None
            return DecisionForm(data, initial=initial, approved=transition.action == Action.APPROVE)
        if transition.action == Action.REGISTER_APPEAL:
            return AppealForm(data, files)
        if transition.action == Action.FORWARD_APPEAL:
            return AppealForwardForm(data)
        if transition.requires == "appeal":
            return AppealOutcomeForm(
                data,
                outcomes=appeal_outcomes(application=application, action=transition.action),
            )
        form = TransitionForm(data)
        if transition.comment_is_message:
            form.fields["comment"].help_text = _(
                "Valgfritt. Skriver du noe, sendes det til søkeren som en melding, med e-post."
            )
        return form

    def carry_out(self, request, transition, application, data) -> None:
        user = request.user
        if transition.action == Action.RECOMMEND:
            application_recommend(
                application=application,
                user=user,
                assessment=data["assessment"],
                recommended_amount=data["recommended_amount"],
            )
        elif transition.action in DECISION_ACTIONS.values():
            application_decide(
                application=application,
                user=user,
                outcome=Decision.Outcome(transition.target),
                granted_amount=data.get("granted_amount") or 0,
                decided_on=data["decided_on"],
                case_number=data["case_number"],
                conditions=data["conditions"],
                decision_text=data["decision_text"],
                report_due_on=data.get("report_due_on"),
                acceptance_due_on=data.get("acceptance_due_on"),
                meeting=data.get("meeting"),
            )
        elif transition.action == Action.REGISTER_APPEAL:
            appeal = appeal_register(
                application=application,
                user=user,
                received_on=data["received_on"],
                grounds=data["grounds"],
                grounds_file=data.get("grounds_file"),
            )
            if not appeal.within_deadline:
                self.message_user(
                    request,
                    _("Klagen kom etter klagefristen %(deadline)s. Den er registrert som for sen.")
                    % {"deadline": format_date(appeal.deadline)},
                    messages.WARNING,
                )
        elif transition.action == Action.FORWARD_APPEAL:
            appeal_forward(
                application=application,
                user=user,
                forwarded_on=data["forwarded_on"],
                comment=data["comment"],
            )
        elif transition.requires == "appeal":
            outcomes = appeal_outcomes(application=application, action=transition.action)
            appeal_settle(
                application=application,
                user=user,
                action=transition.action,
                outcome=data.get("outcome") or (outcomes[0] if outcomes else ""),
                decided_on=data["decided_on"],
                comment=data["comment"],
            )
        else:
            application_transition(
                application=application,
                action=transition.action,
                user=user,
                comment=data["comment"],
            )

    def transition_view(self, request, pk, action):
        transition = TRANSITIONS.get(action)
        if (
            transition is None
            or Role.SECRETARIAT not in transition.roles
            or not is_secretariat(request.user)
        ):
            raise PermissionDenied
        application = case_application(pk)
        # A form for an action the status does not allow is not shown; a post is refused by
        # the service.
        if request.method != "POST":
            refusal = action_refusal(application, transition)
            if refusal is not None:
                return self.refused(request, application, str(refusal))
        posted = request.method == "POST"
        form = self.transition_form(
            transition,
            application,
            request.POST if posted else None,
            request.FILES if posted else None,
        )
        if form.is_bound and form.is_valid():
            try:
                self.carry_out(request, transition, application, form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            except TransitionNotAllowed as error:
                return self.refused(request, application, str(error))
            else:
                self.message_user(
                    request,
                    _("«%(action)s» er utført for «%(title)s».")
                    % {"action": transition.label, "title": application.title},
                    messages.SUCCESS,
                )
                return redirect(change_url(application))
        shows_budget = (
            transition.action == Action.RECOMMEND or transition.action in DECISION_ACTIONS.values()
        )
        return self.case_page(
            request,
            "admin/projects/application/transition.html",
            application,
            title=transition.label,
            transition=transition,
            form=form,
            amount_applied=application.amount_applied(),
            recommendation=application.recommendation_or_none(),
            budget=call_budget(application.funding_call) if shows_budget else None,
            # The recommendation and the decision are written with the points in view.
            assessment_criteria=list(AssessmentCriterion.objects.scored_for(application))
            if shows_budget
            else None,
            decision=application.decision_or_none(),
            appeal_deadline=appeal_deadline(application)
            if transition.action == Action.REGISTER_APPEAL
            else None,
            appeal=application.appeals.open().last() if transition.requires == "appeal" else None,
        )
