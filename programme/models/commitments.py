"""The commitments of a programme and how the secretariat follows them up."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Avg, Prefetch, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamarregion.content_language import english_version

from .content import MARKDOWN_HELP, FocusArea


def funded_projects():
    """The projects a commitment may link to: those the council has funded, as the public
    catalogue shows them (Application.objects.funded()). Read through the relation, so that
    the programme imports nothing of projects (projects depends on the programme)."""
    projects = Commitment._meta.get_field("projects").related_model
    return Q(pk__in=projects.objects.funded().values("pk"))


class CommitmentQuerySet(models.QuerySet):
    def counted(self):
        """The commitments the progress is measured on: all but the dropped ones."""
        return self.filter(status__in=Commitment.COUNTED_STATUSES)

    def mean_progress(self):
        """The mean progress of the counted commitments in one query; None if there are none."""
        return self.counted().aggregate(mean=Avg("progress"))["mean"]

    def for_public_page(self):
        """With their dated updates and only the projects the public may see, in two queries
        each however many commitments there are."""
        projects = self.model._meta.get_field("projects").related_model
        return self.order_by("order", "pk").prefetch_related(
            Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("-date", "-pk")),
            Prefetch(
                "projects",
                queryset=projects.objects.funded().order_by("title", "pk"),
                to_attr="public_projects",
            ),
        )


class CommitmentManager(models.Manager.from_queryset(CommitmentQuerySet)):
    def get_by_natural_key(self, slug, focus_area_slug, programme_slug):
        return self.get(
            slug=slug, focus_area__slug=focus_area_slug, focus_area__programme__slug=programme_slug
        )


class Commitment(models.Model):
    """A statement in the programme of what the council will do (forpliktelse, tiltak), followed
    up with a status, a progress per cent and dated updates."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Ikke startet")
        UNDER_WAY = "under_way", _("Pågår")
        DONE = "done", _("Fullført")
        DROPPED = "dropped", _("Avbrutt")

    # A dropped commitment will never progress; counting it would pull the mean down for good.
    COUNTED_STATUSES = (Status.NOT_STARTED, Status.UNDER_WAY, Status.DONE)

    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("satsingsområde"),
    )
    text = models.TextField(
        _("forpliktelse"),
        help_text=_("Hva regionrådet vil gjøre, med handlingsprogrammets ord."),
    )
    text_en = english_version(text)
    slug = models.SlugField(
        _("adresse"), max_length=80, help_text=_("Brukes som anker i nettadressen.")
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("framdrift (prosent)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Fra 0 til 100. En fullført forpliktelse har 100."),
    )
    projects = models.ManyToManyField(
        "projects.Application",
        blank=True,
        related_name="commitments",
        limit_choices_to=funded_projects,
        verbose_name=_("prosjekter"),
        help_text=_("Prosjekter med utviklingsmidler som følger opp forpliktelsen."),
    )

    objects = CommitmentManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("forpliktelse")
        verbose_name_plural = _("forpliktelser")
        ordering = ["focus_area", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area", "slug"],
                name="commitment_slug_unique_in_focus_area",
                violation_error_message=_(
                    "En annen forpliktelse under satsingsområdet har denne adressen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="commitment_progress_0_to_100",
                violation_error_message=_("Framdriften er fra 0 til 100 prosent."),
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(progress=100),
                name="commitment_done_is_100_percent",
                violation_error_message=_("En fullført forpliktelse har framdrift 100 prosent."),
            ),
        ]

    def __str__(self):
        return Truncator(self.text).chars(80)

    def get_absolute_url(self):
        return f"{self.focus_area.get_absolute_url()}#forpliktelse-{self.slug}"

    def clean(self):
        super().clean()
        if self.status == self.Status.DONE and self.progress != 100:
            raise ValidationError(
                {"progress": _("En fullført forpliktelse har framdrift 100 prosent.")},
                code="done_not_100",
            )

    def natural_key(self):
        return (self.slug, *self.focus_area.natural_key())

    natural_key.dependencies = ["programme.focusarea"]


class CommitmentUpdate(models.Model):
    """A dated note from the secretariat on how a commitment is followed up. The public sees
    its date and text, not who wrote it."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("forpliktelse"),
    )
    date = models.DateField(_("dato"), default=timezone.localdate)
    text = models.TextField(_("tekst"), help_text=MARKDOWN_HELP)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("skrevet av"),
    )
    created_at = models.DateTimeField(_("skrevet"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("oppdatering")
        verbose_name_plural = _("oppdateringer")
        ordering = ["commitment", "-date", "-pk"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {Truncator(self.text).chars(60)}"

    def get_absolute_url(self):
        return self.commitment.get_absolute_url()
