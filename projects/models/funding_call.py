from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamarregion.fields import SingleLineCharField
from programme.models import MARKDOWN_HELP, FocusArea, Programme

from .amounts import sum_of
from .case import Decision, Payment, Recommendation


class FundingCallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, programme__status__in=Programme.PUBLIC_STATUSES)

    def with_budget(self):
        """recommended_sum, granted_sum, paid_sum and left_sum (of the frame) on each call."""
        call = OuterRef("pk")
        group_by = "application__funding_call"
        return self.annotate(
            recommended_sum=sum_of(
                Recommendation.objects.filter(application__funding_call=call),
                group_by,
                "recommended_amount",
            ),
            granted_sum=sum_of(
                Decision.objects.filter(
                    application__funding_call=call, outcome=Decision.Outcome.APPROVED
                ),
                group_by,
                "granted_amount",
            ),
            paid_sum=sum_of(
                Payment.objects.filter(application__funding_call=call), group_by, "amount"
            ),
        ).annotate(left_sum=F("budget_frame") - F("granted_sum"))

    def open(self, now=None):
        now = now or timezone.now()
        return self.published().filter(opens_at__lte=now, closes_at__gt=now)


class FundingCallManager(models.Manager.from_queryset(FundingCallQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class FundingCall(models.Model):
    """A round of development funds (utlysning) with a deadline and a budget frame."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="funding_calls",
        verbose_name=_("handlingsprogram"),
    )
    title = SingleLineCharField(_("tittel"), max_length=200)
    slug = models.SlugField(_("adresse"), unique=True)
    description = models.TextField(_("beskrivelse"), blank=True, help_text=MARKDOWN_HELP)
    opens_at = models.DateTimeField(_("åpner"))
    closes_at = models.DateTimeField(
        _("søknadsfrist"),
        help_text=_(
            "Dato og klokkeslett (norsk tid). Søknader må sendes inn før dette tidspunktet."
        ),
    )
    budget_frame = models.PositiveBigIntegerField(_("ramme (kr)"))
    max_share_percent = models.PositiveSmallIntegerField(
        _("største andel av prosjektets kostnad (%)"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Regionrådet finansierer høyst denne andelen av prosjektets totale kostnad."),
    )
    max_amount = models.PositiveBigIntegerField(_("største beløp per søknad (kr)"))
    focus_areas = models.ManyToManyField(
        FocusArea,
        related_name="funding_calls",
        verbose_name=_("satsingsområder"),
        help_text=_("Satsingsområdene utlysningen er åpen for."),
    )
    is_published = models.BooleanField(
        _("publisert"), default=False, help_text=_("Vis utlysningen for publikum og søkere.")
    )

    objects = FundingCallManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utlysning")
        verbose_name_plural = _("utlysninger")
        ordering = ["-closes_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="funding_call_closes_after_it_opens",
                violation_error_message=_("Søknadsfristen må være etter at utlysningen åpner."),
            ),
            models.CheckConstraint(
                condition=Q(max_share_percent__gte=1, max_share_percent__lte=100),
                name="funding_call_max_share_1_to_100",
                violation_error_message=_("Største andel må være mellom 1 og 100 prosent."),
            ),
            models.CheckConstraint(
                condition=Q(max_amount__lte=F("budget_frame")),
                name="funding_call_max_amount_within_frame",
                violation_error_message=_("Største beløp per søknad kan ikke være over rammen."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:call-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        # The deadline is exact to the minute: 12:00 means closed from 12:00:00.
        for name in ("opens_at", "closes_at"):
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, value.replace(second=0, microsecond=0))

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at

    def has_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at
