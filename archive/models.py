"""What has been handed to the archive: each run of the export, and each registry entry
(journalpost) it sent, which the public post journal lists."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamarregion.fields import SingleLineCharField


class ArchiveExport(models.Model):
    """One run of `manage.py export_archive`: the registry entries it wrote for the archive.
    A zip downloaded in admin is a copy for reading and is not recorded here."""

    created_at = models.DateTimeField(_("tidspunkt"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("startet av"),
        editable=False,
    )
    command = SingleLineCharField(_("kommando"), max_length=500, editable=False)
    destination = SingleLineCharField(_("mappe"), max_length=500, editable=False)

    class Meta:
        verbose_name = _("arkivuttrekk")
        verbose_name_plural = _("arkivuttrekk")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self._meta.verbose_name} {timezone.localtime(self.created_at):%d.%m.%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("admin:archive_archiveexport_change", args=[self.pk])


class RegistryEntryQuerySet(models.QuerySet):
    def journal(self):
        """The public post journal: newest first, with what each row shows."""
        return self.order_by("-journal_date", "-pk")

    def in_month(self, month):
        """The entries of the month of the date `month`."""
        return self.filter(journal_date__year=month.year, journal_date__month=month.month)

    def months(self):
        """The first day of each month that has entries, newest first."""
        return self.dates("journal_date", "month", order="DESC")


class RegistryEntry(models.Model):
    """A registry entry (journalpost) sent to the archive: one frozen case document, with the
    attachments that went with it. Its title and party are written without personal data when
    it is made, for the public post journal."""

    class EntryType(models.TextChoices):
        INCOMING = "I", _("Inngående")
        OUTGOING = "U", _("Utgående")

    export = models.ForeignKey(
        ArchiveExport,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("arkivuttrekk"),
        editable=False,
    )
    document = models.OneToOneField(
        "projects.CaseDocument",
        on_delete=models.PROTECT,
        related_name="registry_entry",
        verbose_name=_("saksdokument"),
        editable=False,
    )
    attachments = models.ManyToManyField(
        "projects.Attachment",
        blank=True,
        related_name="registry_entries",
        verbose_name=_("vedlegg"),
    )
    entry_type = models.CharField(
        _("dokumenttype"), max_length=1, choices=EntryType.choices, editable=False
    )
    title = SingleLineCharField(_("tittel"), max_length=300, editable=False)
    party = SingleLineCharField(
        _("avsender/mottaker"), max_length=200, editable=False, help_text=_("En organisasjon.")
    )
    journal_date = models.DateField(_("journaldato"), editable=False)
    exemption_ground = SingleLineCharField(
        _("hjemmel for unntak fra offentlighet"),
        max_length=200,
        blank=True,
        help_text=_(
            "Fyll ut bare når dokumentet er unntatt offentlighet, for eksempel «Offl. § 13 jf. "
            "fvl. § 13 første ledd nr. 1». Den offentlige journalen viser da hjemmelen og "
            "skjuler tittelen."
        ),
    )

    objects = RegistryEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("journalpost")
        verbose_name_plural = _("journalposter")
        ordering = ["-journal_date", "-pk"]
        indexes = [models.Index(fields=["-journal_date", "-id"], name="registry_entry_journal")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("admin:archive_registryentry_change", args=[self.pk])

    @property
    def is_exempt(self) -> bool:
        return bool(self.exemption_ground)
