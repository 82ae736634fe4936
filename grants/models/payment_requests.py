"""Payment requests (utbetalingsanmodning): the grantee asks for a part or the final payment with
a cost statement against the approved cost plan and documentation; the secretariat approves it,
approves another amount with a reason, or returns it with a reason."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamarregion.fields import SingleLineCharField
from projects.models.attachment import StoredUpload


class PaymentRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=PaymentRequest.Status.PENDING)

    def paid(self):
        return self.filter(status__in=PaymentRequest.PAID_STATUSES)

    def pending_amount(self) -> int:
        return self.pending().aggregate(total=Sum("amount", default=0))["total"]


class PaymentRequest(models.Model):
    class Kind(models.TextChoices):
        PART = "part", _("Delutbetaling")
        FINAL = "final", _("Sluttutbetaling")

    class Status(models.TextChoices):
        PENDING = "pending", _("Til behandling")
        APPROVED = "approved", _("Godkjent")
        ADJUSTED = "adjusted", _("Godkjent med endret beløp")
        RETURNED = "returned", _("Sendt tilbake")

    PAID_STATUSES = (Status.APPROVED, Status.ADJUSTED)

    application = models.ForeignKey(
        "projects.Application",
        on_delete=models.PROTECT,
        related_name="payment_requests",
        verbose_name=_("søknad"),
    )
    kind = models.CharField(_("type utbetaling"), max_length=10, choices=Kind.choices)
    amount = models.PositiveBigIntegerField(_("beløp det bes om (kr)"))
    comment = models.TextField(_("kommentar fra søkeren"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    approved_amount = models.PositiveBigIntegerField(
        _("godkjent beløp (kr)"), null=True, blank=True
    )
    reason = models.TextField(
        _("begrunnelse fra sekretariatet"),
        blank=True,
        help_text=_("Søkeren får se begrunnelsen."),
    )
    payment = models.OneToOneField(
        "projects.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payment_request",
        verbose_name=_("utbetaling"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sendt inn av"),
    )
    submitted_at = models.DateTimeField(_("sendt inn"), default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandlet av"),
    )
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PaymentRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("utbetalingsanmodning")
        verbose_name_plural = _("utbetalingsanmodninger")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_request_amount_positive",
                violation_error_message=_("En utbetalingsanmodning må gjelde mer enn 0 kr."),
            ),
            # One request at a time is handled for each grant: grants.services says why.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status="pending"),
                name="payment_request_one_pending",
                violation_error_message=_("En utbetalingsanmodning er allerede til behandling."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="pending", payment__isnull=True, approved_amount__isnull=True)
                    | Q(status="approved", payment__isnull=False, approved_amount__gt=0)
                    | (
                        Q(status="adjusted", payment__isnull=False, approved_amount__gt=0)
                        & ~Q(reason="")
                    )
                    | (
                        Q(status="returned", payment__isnull=True, approved_amount__isnull=True)
                        & ~Q(reason="")
                    )
                ),
                name="payment_request_outcome_matches_status",
                violation_error_message=_(
                    "En godkjent anmodning har en utbetaling; en endret eller returnert har en "
                    "begrunnelse."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()} {self.amount} kr"

    def get_absolute_url(self):
        return reverse(
            "grants:payment-request-detail",
            kwargs={"pk": self.application_id, "request_pk": self.pk},
        )

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_paid(self) -> bool:
        return self.status in self.PAID_STATUSES


class CostStatementLine(models.Model):
    """What was spent so far on one line of the approved cost plan. The line's text and planned
    amount are copied, so that the statement reads as it was sent even if the plan changes."""

    request = models.ForeignKey(
        PaymentRequest,
        on_delete=models.CASCADE,
        related_name="statement_lines",
        verbose_name=_("utbetalingsanmodning"),
    )
    cost_line = models.ForeignKey(
        "projects.CostLine",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("kostnadslinje"),
    )
    item = SingleLineCharField(_("kostnad"), max_length=200)
    planned_amount = models.PositiveBigIntegerField(_("i kostnadsplanen (kr)"))
    spent = models.PositiveBigIntegerField(_("brukt så langt (kr)"))

    class Meta:
        verbose_name = _("linje i kostnadsoppstillingen")
        verbose_name_plural = _("kostnadsoppstilling")
        ordering = ["request", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "cost_line"], name="cost_statement_line_once_per_request"
            ),
        ]

    def __str__(self):
        return f"{self.item}: {self.spent} kr"


class PaymentRequestAttachment(StoredUpload):
    """Documentation of the costs (bilag, regnskapsutskrift), kept as privately as the
    application's attachments and checked by the same rules (projects.services.uploads)."""

    request = models.ForeignKey(
        PaymentRequest,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("utbetalingsanmodning"),
    )

    class Meta:
        verbose_name = _("vedlegg til utbetalingsanmodning")
        verbose_name_plural = _("vedlegg til utbetalingsanmodninger")
        ordering = ["request", "uploaded_at", "pk"]

    def get_absolute_url(self):
        return reverse(
            "grants:payment-request-attachment",
            kwargs={
                "pk": self.request.application_id,
                "request_pk": self.request_id,
                "attachment_pk": self.pk,
            },
        )
