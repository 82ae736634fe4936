"""What the secretariat and the council add to an application: recommendation, decision,
payments, and the applicant's final report."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamarregion.fields import SingleLineCharField

# The application is named, not imported: application.py sums these rows (with_amounts), and
# the import runs one way.


class Recommendation(models.Model):
    """The secretariat's assessment (innstilling) for the council."""

    application = models.OneToOneField(
        "Application",
        on_delete=models.CASCADE,
        related_name="recommendation",
        verbose_name=_("søknad"),
    )
    assessment = models.TextField(_("vurdering"))
    recommended_amount = models.PositiveBigIntegerField(_("anbefalt beløp (kr)"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("skrevet av"),
    )
    written_at = models.DateTimeField(_("skrevet"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("innstilling")
        verbose_name_plural = _("innstillinger")
        ordering = ["-written_at"]

    def __str__(self):
        return f"{self.application}: {self.recommended_amount} kr"


class Decision(models.Model):
    """The council's decision (vedtak) on an application."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Innvilget")
        REJECTED = "rejected", _("Avslag")

    application = models.OneToOneField(
        "Application", on_delete=models.CASCADE, related_name="decision", verbose_name=_("søknad")
    )
    outcome = models.CharField(_("vedtak"), max_length=20, choices=Outcome.choices)
    granted_amount = models.PositiveBigIntegerField(_("innvilget beløp (kr)"), default=0)
    decided_on = models.DateField(_("vedtaksdato"))
    case_number = SingleLineCharField(_("saksnummer"), max_length=50)
    conditions = models.TextField(_("vilkår"), blank=True)
    decision_text = models.TextField(_("vedtakstekst"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("møte"),
        help_text=_("Rådsmøtet der vedtaket ble gjort."),
    )
    report_due_on = models.DateField(
        _("frist for sluttrapport"),
        null=True,
        blank=True,
        help_text=_("Når sluttrapporten senest skal leveres (for innvilgede søknader)."),
    )
    acceptance_due_on = models.DateField(
        _("frist for aksept av tilsagnet"),
        null=True,
        blank=True,
        help_text=_(
            "Når søkeren senest må akseptere tilsagnet og vilkårene (for innvilgede søknader)."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )
    recorded_at = models.DateTimeField(_("registrert"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vedtak")
        verbose_name_plural = _("vedtak")
        ordering = ["-decided_on", "-pk"]
        # The catalogue and the focus-area pages list funded projects newest decision first; the
        # work queue the final reports overdue, the longest overdue first.
        indexes = [
            models.Index(fields=["-decided_on", "-application"], name="decision_newest_first"),
            models.Index(fields=["report_due_on", "application"], name="decision_report_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        outcome="approved",
                        granted_amount__gt=0,
                        report_due_on__isnull=False,
                        acceptance_due_on__gt=F("decided_on"),
                    )
                    | Q(outcome="rejected", granted_amount=0, acceptance_due_on__isnull=True)
                ),
                name="decision_amount_matches_outcome",
                violation_error_message=_(
                    "Et innvilget vedtak har et beløp over 0 kr, en rapportfrist og en frist for "
                    "aksept etter vedtaksdatoen; et avslag har 0 kr og ingen frist for aksept."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.case_number}: {self.get_outcome_display()}"

    @property
    def is_approved(self) -> bool:
        return self.outcome == self.Outcome.APPROVED

    def letter_title(self) -> str:
        """What the decision letter is called: a grant letter or a rejection."""
        return self.title_of_letter(approved=self.is_approved)

    @staticmethod
    def title_of_letter(*, approved: bool) -> str:
        return _("Tilskuddsbrev") if approved else _("Avslag")


class Payment(models.Model):
    """A part of the grant paid out (utbetaling)."""

    application = models.ForeignKey(
        "Application", on_delete=models.PROTECT, related_name="payments", verbose_name=_("søknad")
    )
    amount = models.PositiveBigIntegerField(_("beløp (kr)"))
    paid_on = models.DateField(_("utbetalt dato"))
    reference = SingleLineCharField(_("referanse"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )
    recorded_at = models.DateTimeField(_("registrert"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utbetaling")
        verbose_name_plural = _("utbetalinger")
        ordering = ["application", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_amount_positive",
                violation_error_message=_("En utbetaling må være større enn 0 kr."),
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.amount} kr {self.paid_on:%d.%m.%Y}"


class FinalReport(models.Model):
    """The applicant's final report (sluttrapport): results against the goals, actual costs."""

    application = models.OneToOneField(
        "Application",
        on_delete=models.CASCADE,
        related_name="final_report",
        verbose_name=_("søknad"),
    )
    results = models.TextField(
        _("oppnådde resultater"),
        blank=True,
        help_text=_("Hva prosjektet oppnådde, målt mot hovedmålet og delmålene. Vises offentlig."),
    )
    actual_cost = models.PositiveBigIntegerField(
        _("faktiske kostnader (kr)"), null=True, blank=True
    )
    cost_comment = models.TextField(
        _("kommentar til kostnadene"), blank=True, help_text=_("Forklar avvik fra kostnadsplanen.")
    )
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sluttrapport")
        verbose_name_plural = _("sluttrapporter")
        ordering = ["-updated_at"]

    def __str__(self):
        return str(self.application)


class ReportReminder(models.Model):
    """A reminder about a final report that has been sent: one a day at the most."""

    application = models.ForeignKey(
        "Application",
        on_delete=models.CASCADE,
        related_name="report_reminders",
        verbose_name=_("søknad"),
    )
    sent_on = models.DateField(_("sendt dato"))

    class Meta:
        verbose_name = _("påminnelse om sluttrapport")
        verbose_name_plural = _("påminnelser om sluttrapport")
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "sent_on"], name="report_reminder_once_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.sent_on:%d.%m.%Y}"
