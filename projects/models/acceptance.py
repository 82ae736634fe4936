"""The grantee's acceptance of a grant (aksept av tilsagn) and the reminders about its deadline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The application is named, not imported, as in case.py.


class GrantAcceptance(models.Model):
    """The lead municipality's acceptance of the grant and its conditions, as they stood when it
    was given: a later change of the grant does not change what was accepted."""

    application = models.OneToOneField(
        "Application",
        on_delete=models.CASCADE,
        related_name="grant_acceptance",
        verbose_name=_("søknad"),
    )
    granted_amount = models.PositiveBigIntegerField(_("akseptert beløp (kr)"))
    conditions = models.TextField(_("akseptert med vilkårene"), blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("akseptert av"),
    )
    accepted_at = models.DateTimeField(_("akseptert"))

    class Meta:
        verbose_name = _("aksept av tilsagn")
        verbose_name_plural = _("aksepter av tilsagn")
        ordering = ["-accepted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(granted_amount__gt=0),
                name="grant_acceptance_amount_positive",
                violation_error_message=_("Et akseptert tilsagn er større enn 0 kr."),
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.granted_amount} kr {self.accepted_at:%d.%m.%Y}"


class AcceptanceReminder(models.Model):
    """A mail about the acceptance deadline that has been sent: each kind once per deadline, so
    that a deadline the secretariat moves is reminded of again."""

    class Kind(models.TextChoices):
        BEFORE_DEADLINE = "before_deadline", _("Påminnelse til søkeren før fristen")
        DEADLINE_PASSED = "deadline_passed", _("Varsel til sekretariatet om at fristen gikk ut")

    application = models.ForeignKey(
        "Application",
        on_delete=models.CASCADE,
        related_name="acceptance_reminders",
        verbose_name=_("søknad"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    due_on = models.DateField(_("frist for aksept"))
    sent_on = models.DateField(_("sendt dato"))

    class Meta:
        verbose_name = _("påminnelse om aksept av tilsagn")
        verbose_name_plural = _("påminnelser om aksept av tilsagn")
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "due_on"],
                name="acceptance_reminder_once_per_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()} {self.sent_on:%d.%m.%Y}"
