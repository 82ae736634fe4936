"""Assessment against criteria in admin: the call's criteria, inline on the call, and the page
where a secretariat assessor scores an application on each criterion («Vurder mot kriteriene»).
The writes go through projects.services.assessment."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamarregion.ui import add_service_error

from ..models import Application, AssessmentCriterion, Score
from ..models.assessment import HIGHEST_SCORE, LOWEST_SCORE
from ..permissions import is_secretariat
from ..services.assessment import (
    assessment_score,
    comment_field,
    criterion_change_refusal,
    score_field,
    scoring_refusal,
)

# What may not change on a criterion once applications are scored on it.
WORDING = ("title", "description")


class CriterionFormSet(BaseInlineFormSet):
    """Refuses rewording a criterion an application has been scored on, at the field."""

    def clean(self):
        super().clean()
        for form in self.initial_forms:
            reworded = [name for name in WORDING if name in form.changed_data]
            if not reworded or (self.can_delete and self._should_delete_form(form)):
                continue
            stored = AssessmentCriterion.objects.get(pk=form.instance.pk)
            refusal = criterion_change_refusal(criterion=stored)
            if refusal is not None:
                for name in reworded:
                    form.add_error(name, refusal)


class AssessmentCriterionInline(admin.TabularInline):
    model = AssessmentCriterion
    formset = CriterionFormSet
    fields = ["order", "title", "description"]
    extra = 0
    view_on_site = False
    verbose_name_plural = gettext_lazy(
        "Vurderingskriterier (en ny utlysning får handlingsprogrammets tre standardkriterier "
        "i tillegg til dem du legger til her)"
    )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        protected = formset.form

        class CriterionForm(protected):
            def hand_clean_DELETE(self):
                """The admin's own refusal names the scores as objects; this one says why."""
                if self.cleaned_data.get("DELETE") and self.instance.pk:
                    refusal = criterion_change_refusal(criterion=self.instance)
                    if refusal is not None:
                        raise ValidationError(refusal, code="criterion_scored")
                super().hand_clean_DELETE()

        formset.form = CriterionForm
        return formset

    formfield_overrides = {
        # The inline is a table: a short description box keeps the rows readable.
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})},
    }


class AssessmentForm(forms.Form):
    """One score and one comment per criterion of the call, the assessor's own."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[score_field(criterion.pk)] = forms.IntegerField(
                label=_("Poeng for «%(title)s»") % {"title": criterion.title},
                required=False,
                widget=forms.NumberInput(attrs={"min": LOWEST_SCORE, "max": HIGHEST_SCORE}),
                help_text=_(
                    "Fra %(lowest)s (svakt) til %(highest)s (svært godt). Tomt: ingen poeng."
                )
                % {"lowest": LOWEST_SCORE, "highest": HIGHEST_SCORE},
            )
            self.fields[comment_field(criterion.pk)] = forms.CharField(
                label=_("Kommentar til «%(title)s»") % {"title": criterion.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def rows(self):
        """(criterion, [its score field, its comment field]) for the template."""
        return [
            (criterion, [self[score_field(criterion.pk)], self[comment_field(criterion.pk)]])
            for criterion in self.criteria
        ]

    def scores(self) -> dict:
        return {
            criterion.pk: (
                self.cleaned_data.get(score_field(criterion.pk)),
                self.cleaned_data.get(comment_field(criterion.pk), ""),
            )
            for criterion in self.criteria
        }


def own_scores_initial(application, assessor) -> dict:
    initial = {}
    for score in Score.objects.filter(application=application, assessor=assessor):
        initial[score_field(score.criterion_id)] = score.score
        initial[comment_field(score.criterion_id)] = score.comment
    return initial


class AssessmentViewsMixin:
    """The scoring page of ApplicationAdmin, for the secretariat alone."""

    def assessment_view(self, request, pk):
        if not is_secretariat(request.user):
            raise PermissionDenied
        application = get_object_or_404(
            Application.objects.select_related("funding_call", "lead_municipality"), pk=pk
        )
        refusal = scoring_refusal(application=application, user=request.user)
        if refusal is not None:
            return self.refused(request, application, refusal)
        criteria = list(AssessmentCriterion.objects.scored_for(application))
        form = AssessmentForm(
            request.POST if request.method == "POST" else None,
            criteria=criteria,
            initial=own_scores_initial(application, request.user),
        )
        if form.is_bound and form.is_valid():
            try:
                assessment_score(
                    application=application, assessor=request.user, scores=form.scores()
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                self.message_user(
                    request,
                    _("Vurderingen din av «%(title)s» er lagret.") % {"title": application.title},
                    messages.SUCCESS,
                )
                change_url = reverse("admin:projects_application_change", args=[application.pk])
                return redirect(f"{change_url}#vurdering")
        return self.case_page(
            request,
            "admin/projects/application/assessment.html",
            application,
            title=_("Vurder mot kriteriene"),
            form=form,
            criteria=criteria,
        )


def assessment_context(request, application) -> dict:
    """What the case page shows of the assessment: each criterion with every assessor's score
    and the average (secretariat and council members), and the link to score (the secretariat,
    while the application may be scored)."""
    context = {"assessment_criteria": list(AssessmentCriterion.objects.scored_for(application))}
    if scoring_refusal(application=application, user=request.user) is None:
        context["assessment_url"] = reverse(
            "admin:projects_application_assessment", args=[application.pk]
        )
    return context
