"""The yearly progress reports (framdriftsrapporter) of projects that run past a year, and the
reminders sent about them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ProgressReportQuerySet(models.QuerySet):
    def unread(self):
        """Reports the secretariat has not yet marked as read."""
        return self.filter(acknowledged_at__isnull=True)


class ProgressReport(models.Model):
    """The applicant's report on a project's progress, due each full year of its period
    (grants.selectors.progress_reports says when)."""

    application = models.ForeignKey(
        "projects.Application",
        on_delete=models.CASCADE,
        related_name="progress_reports",
        verbose_name=_("søknad"),
    )
    number = models.PositiveSmallIntegerField(
        _("rapport nr."), help_text=_("Hvilket år av prosjektperioden rapporten gjelder.")
    )
    due_on = models.DateField(_("frist"))
    progress = models.TextField(_("framdrift så langt"))
    spent = models.PositiveBigIntegerField(_("brukt så langt (kr)"))
    deviations = models.TextField(_("avvik og risiko"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sendt inn av"),
    )
    submitted_at = models.DateTimeField(_("sendt inn"), auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lest av"),
    )
    acknowledged_at = models.DateTimeField(_("lest"), null=True, blank=True)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("framdriftsrapport")
        verbose_name_plural = _("framdriftsrapporter")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="progress_report_once_a_year"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="progress_report_number_from_one"
            ),
        ]

    def __str__(self):
        return _("%(project)s: framdriftsrapport %(number)s") % {
            "project": self.application,
            "number": self.number,
        }

    def get_absolute_url(self):
        return reverse(
            "grants:progress-report",
            kwargs={"pk": self.application_id, "number": self.number},
        )

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class ProgressReminder(models.Model):
    """A reminder about progress reports that has been sent: one a day at the most."""

    application = models.ForeignKey(
        "projects.Application",
        on_delete=models.CASCADE,
        related_name="progress_reminders",
        verbose_name=_("søknad"),
    )
    sent_on = models.DateField(_("sendt dato"))

    class Meta:
        verbose_name = _("påminnelse om framdriftsrapport")
        verbose_name_plural = _("påminnelser om framdriftsrapport")
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "sent_on"], name="progress_reminder_once_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.sent_on:%d.%m.%Y}"
