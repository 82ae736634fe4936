from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..workflow import State, done_label
from .application import Application


class StatusChange(models.Model):
    """One step in an application's timeline: who moved it from which state to which, and why."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("søknad"),
    )
    action = models.CharField(_("handling"), max_length=30)
    from_status = models.CharField(_("fra status"), max_length=30, choices=State.choices)
    to_status = models.CharField(_("til status"), max_length=30, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("utført av"),
    )
    comment = models.TextField(_("kommentar"), blank=True)
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("statusendring")
        verbose_name_plural = _("statusendringer")
        ordering = ["application", "created_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.from_status} → {self.to_status}"

    @property
    def action_label(self) -> str:
        return str(done_label(self.action))
