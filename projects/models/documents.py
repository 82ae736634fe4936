import hashlib

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .application import Application
from .status_change import StatusChange


class CaseDocument(models.Model):
    """A document of the case frozen when it was sent: the receipt of a submission, the letter
    of a decision, the final report as it was sent in, the letter of an approved change. Its
    HTML is written in the transaction of the step it belongs to, with the data as they were
    then; the PDF/A is made once from that HTML and never again."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Kvittering")
        DECISION_LETTER = "decision_letter", _("Vedtaksbrev")
        FINAL_REPORT = "final_report", _("Sluttrapport")
        CHANGE_LETTER = "change_letter", _("Vedtak om endring")

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("søknad"),
    )
    status_change = models.OneToOneField(
        StatusChange,
        on_delete=models.PROTECT,
        related_name="document",
        verbose_name=_("steg i saken"),
    )
    kind = models.CharField(_("dokument"), max_length=20, choices=Kind.choices, editable=False)
    html = models.TextField(_("innhold (HTML)"), editable=False)
    pdf = models.BinaryField(_("PDF/A"), null=True, editable=False)
    sha256 = models.CharField(_("SHA-256 av PDF-en"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("laget"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("saksdokument")
        verbose_name_plural = _("saksdokumenter")

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse(
            "projects:application-document",
            kwargs={"pk": self.application_id, "document_pk": self.pk},
        )

    @property
    def filename(self) -> str:
        return f"{self.kind.replace('_', '-')}-{self.application_id}-{self.pk}.pdf"

    def matches_checksum(self) -> bool:
        return bool(self.pdf) and hashlib.sha256(bytes(self.pdf)).hexdigest() == self.sha256
