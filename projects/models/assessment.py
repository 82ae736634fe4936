"""Assessment against criteria: the criteria a call is assessed by, and the scores each assessor
of the secretariat gives an application on them. Scores are internal working documents until
the council's decision: secretariat and council members read them, the applicant never does."""

from django.conf import settings
from django.db import models
from django.db.models import Avg, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamarregion.fields import SingleLineCharField

LOWEST_SCORE = 1
HIGHEST_SCORE = 6

# The programme's standard criteria, which every new call starts with (title, description).
# Migration 0016 has its own copy, as migrations do.
STANDARD_CRITERIA = [
    (
        _("Samsvar med satsingsområdet"),
        _("Hvor godt prosjektet svarer på satsingsområdet og delmålene i handlingsprogrammet."),
    ),
    (
        _("Regional effekt"),
        _("Hvor mye prosjektet gir regionen som helhet, ut over én kommune."),
    ),
    (
        _("Medfinansiering"),
        _("Hvor stor del av prosjektet som finansieres av andre enn regionrådet."),
    ),
]


class AssessmentCriterionQuerySet(models.QuerySet):
    def scored_for(self, application):
        """The criteria of the application's call, each with `application_scores` (every
        assessor's score on this application, in the order given) and their `average`."""
        scores = Score.objects.filter(application=application).select_related("assessor")
        return (
            self.filter(funding_call_id=application.funding_call_id)
            .annotate(average=Avg("scores__score", filter=Q(scores__application=application)))
            .prefetch_related(
                Prefetch(
                    "scores",
                    queryset=scores.order_by("scored_at", "pk"),
                    to_attr="application_scores",
                )
            )
        )


class AssessmentCriterion(models.Model):
    """A criterion (vurderingskriterium) a call's applications are scored on."""

    funding_call = models.ForeignKey(
        "FundingCall",
        on_delete=models.CASCADE,
        related_name="assessment_criteria",
        verbose_name=_("utlysning"),
    )
    title = SingleLineCharField(_("kriterium"), max_length=200)
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Hva som vurderes, slik vurdererne leser det.")
    )
    order = models.PositiveSmallIntegerField(
        _("rekkefølge"),
        default=10,
        help_text=_("Kriteriene står etter dette tallet, lavest først."),
    )

    objects = AssessmentCriterionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vurderingskriterium")
        verbose_name_plural = _("vurderingskriterier")
        ordering = ["funding_call", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["funding_call", "title"],
                name="assessment_criterion_title_unique_in_call",
                violation_error_message=_(
                    "Utlysningen har allerede et kriterium med denne tittelen."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.funding_call.get_absolute_url()


class ScoreQuerySet(models.QuerySet):
    def for_application(self, application):
        return self.filter(application=application).select_related("assessor", "criterion")


class Score(models.Model):
    """One assessor's score (poeng) and comment on one criterion for one application."""

    application = models.ForeignKey(
        "Application",
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("søknad"),
    )
    criterion = models.ForeignKey(
        AssessmentCriterion,
        on_delete=models.PROTECT,
        related_name="scores",
        verbose_name=_("kriterium"),
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vurdert av"),
    )
    score = models.PositiveSmallIntegerField(
        _("poeng"),
        help_text=_("Fra 1 (svakt) til 6 (svært godt)."),
    )
    comment = models.TextField(_("kommentar"), blank=True)
    scored_at = models.DateTimeField(_("vurdert"), auto_now=True)

    objects = ScoreQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("poeng")
        verbose_name_plural = _("poeng")
        ordering = ["criterion__order", "criterion", "scored_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "assessor"],
                name="score_once_per_assessor_and_criterion",
                violation_error_message=_("Du har allerede gitt poeng på dette kriteriet."),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=LOWEST_SCORE, score__lte=HIGHEST_SCORE),
                name="score_within_scale",
                violation_error_message=_("Poengene må være et helt tall fra 1 til 6."),
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"

    def get_absolute_url(self):
        return reverse("admin:projects_application_change", args=[self.application_id])
