"""What is written about a case besides its steps: the secretariat's internal notes, which the
applicant never sees, and the messages between the secretariat and the applicant's people."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .application import Application
from .attachment import StoredUpload
from .status_change import StatusChange

MAX_TEXT_LENGTH = 10_000


class CaseNote(models.Model):
    """An internal note (intern merknad) of the secretariat on a case: read by the secretariat
    and the council members, never by the applicant. Notes are only added, never changed."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="case_notes",
        verbose_name=_("søknad"),
    )
    text = models.TextField(_("merknad"), max_length=MAX_TEXT_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("skrevet av"),
    )
    created_at = models.DateTimeField(_("skrevet"), auto_now_add=True)

    class Meta:
        verbose_name = _("intern merknad")
        verbose_name_plural = _("interne merknader")
        ordering = ["application", "created_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.text[:50]}"

    def get_absolute_url(self):
        return (
            reverse("admin:projects_application_change", args=[self.application_id]) + "#merknader"
        )


class Message(models.Model):
    """A message in the thread between the secretariat and the applicant of an application."""

    class Sender(models.TextChoices):
        SECRETARIAT = "secretariat", _("Sekretariatet")
        APPLICANT = "applicant", _("Søkeren")

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("søknad"),
    )
    sender = models.CharField(_("fra"), max_length=20, choices=Sender.choices)
    text = models.TextField(_("melding"), max_length=MAX_TEXT_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("skrevet av"),
    )
    # The step whose comment the message carries (the start of the review), if any.
    status_change = models.OneToOneField(
        StatusChange,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="message",
        verbose_name=_("steg i saken"),
    )
    created_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldinger")
        ordering = ["application", "created_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.text[:50]}"

    def get_absolute_url(self):
        return self.application.get_absolute_url() + "#meldinger"


class MessageAttachment(StoredUpload):
    """A file sent with a message, kept in the private storage like the application's own."""

    message = models.ForeignKey(
        Message,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("melding"),
    )

    class Meta:
        verbose_name = _("vedlegg til melding")
        verbose_name_plural = _("vedlegg til meldinger")
        ordering = ["message", "uploaded_at", "pk"]

    def get_absolute_url(self):
        return reverse(
            "projects:message-attachment-download",
            kwargs={"application_pk": self.message.application_id, "pk": self.pk},
        )
