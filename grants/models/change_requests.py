"""The applicant's requests to change a granted project (endringssøknader) and the
secretariat's decisions on them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hamarregion.fields import SingleLineCharField
from hamarregion.formatting import format_date, format_nok


class ChangeRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ChangeRequest.Status.PENDING)


class ChangeRequest(models.Model):
    """A request for a new end date, a revised budget or a new project leader, with its
    justification; the secretariat approves it (and the change is made) or rejects it."""

    class Kind(models.TextChoices):
        END_DATE = "end_date", _("Ny sluttdato")
        BUDGET = "budget", _("Revidert budsjett")
        PROJECT_LEADER = "project_leader", _("Ny prosjektleder")

    class Status(models.TextChoices):
        PENDING = "pending", _("Til behandling")
        APPROVED = "approved", _("Godkjent")
        REJECTED = "rejected", _("Avslått")

    application = models.ForeignKey(
        "projects.Application",
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("søknad"),
    )
    kind = models.CharField(_("endring"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        editable=False,
    )
    justification = models.TextField(_("begrunnelse"))
    previous_end_date = models.DateField(_("sluttdato før endringen"), null=True, blank=True)
    new_end_date = models.DateField(_("ny sluttdato"), null=True, blank=True)
    # The new project leader: personal data, never public.
    project_leader_name = SingleLineCharField(_("ny prosjektleder"), max_length=200, blank=True)
    project_leader_email = models.EmailField(_("ny prosjektleders e-post"), blank=True)
    project_leader_phone = SingleLineCharField(
        _("ny prosjektleders telefon"), max_length=30, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sendt av"),
    )
    submitted_at = models.DateTimeField(_("sendt"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avgjort av"),
    )
    decided_at = models.DateTimeField(_("avgjort"), null=True, blank=True)
    decision_reason = models.TextField(
        _("begrunnelse for vedtaket"),
        blank=True,
        help_text=_("Søkeren får se den. Må fylles ut ved avslag."),
    )
    # The timeline's entries of the request and of the decision (projects.StatusChange); the
    # decision's carries the change letter where the change has one.
    request_entry = models.OneToOneField(
        "projects.StatusChange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("søknaden i historikken"),
    )
    decision_entry = models.OneToOneField(
        "projects.StatusChange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vedtaket i historikken"),
    )

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("endringssøknad")
        verbose_name_plural = _("endringssøknader")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"],
                condition=Q(status="pending"),
                name="change_request_one_pending_per_kind",
                violation_error_message=_(
                    "Prosjektet har allerede en endringssøknad av denne typen til behandling."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="end_date") | Q(new_end_date__isnull=False),
                name="change_request_end_date_given",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="change_request_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()}"

    def get_absolute_url(self):
        url = reverse("grants:follow-up", kwargs={"pk": self.application_id})
        return f"{url}#endring-{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def summary(self) -> str:
        """What the request asks, in a line without personal data: for the timeline, the
        e-mails and the lists."""
        if self.kind == self.Kind.END_DATE:
            return _("Ny sluttdato %(new)s (var %(old)s).") % {
                "new": format_date(self.new_end_date),
                "old": format_date(self.previous_end_date),
            }
        if self.kind == self.Kind.BUDGET:
            lines = [line for line in self.budget_lines.all() if line.cost_line_id]
            return _("Revidert budsjett: kostnadsplanen %(new)s (var %(old)s).") % {
                "new": format_nok(sum(line.new_amount for line in lines)),
                "old": format_nok(sum(line.previous_amount for line in lines)),
            }
        return _("Ny prosjektleder.")

    def letter(self):
        """The frozen letter of the approved change, if it has one (projects.CaseDocument)."""
        if self.decision_entry_id is None:
            return None
        return self.application.documents.filter(status_change=self.decision_entry_id).first()


class BudgetChangeLine(models.Model):
    """One line of a revised budget: a line of the approved cost or financing plan, its amount
    when the change was asked for, and the amount asked for."""

    change_request = models.ForeignKey(
        ChangeRequest,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("endringssøknad"),
    )
    cost_line = models.ForeignKey(
        "projects.CostLine",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kostnadslinje"),
    )
    funding_line = models.ForeignKey(
        "projects.FundingLine",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("finansieringslinje"),
    )
    previous_amount = models.PositiveBigIntegerField(_("beløp før (kr)"))
    new_amount = models.PositiveBigIntegerField(_("nytt beløp (kr)"))

    class Meta:
        verbose_name = _("linje i revidert budsjett")
        verbose_name_plural = _("revidert budsjett")
        ordering = ["change_request", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_line__isnull=True, funding_line__isnull=False)
                | Q(cost_line__isnull=False, funding_line__isnull=True),
                name="budget_change_line_of_one_plan",
            ),
        ]

    def __str__(self):
        return f"{self.line}: {self.previous_amount} → {self.new_amount} kr"

    @property
    def line(self):
        return self.cost_line or self.funding_line
