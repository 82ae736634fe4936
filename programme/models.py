from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .permissions import can_preview_programme

MARKDOWN_HELP = _(
    "Markdown: tom linje mellom avsnitt, **fet**, *kursiv*, - punktliste, [lenke](https://...)."
)


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Programme.Status.PUBLISHED)

    def public(self):
        """Periods the public may read: the published one and the archive."""
        return self.filter(status__in=Programme.PUBLIC_STATUSES)

    def visible_to(self, user):
        if can_preview_programme(user):
            return self.all()
        return self.public()

    def current(self):
        return self.published().order_by("-start_year").first()

    def with_progress(self):
        """`progress` on each period: the mean progress of its commitments, dropped ones left
        out; None where there is nothing to measure."""
        return self.annotate(
            progress=Avg(
                "focus_areas__commitments__progress",
                filter=Q(focus_areas__commitments__status__in=Commitment.COUNTED_STATUSES),
            )
        )


class ProgrammeManager(models.Manager.from_queryset(ProgrammeQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Programme(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publisert")
        ARCHIVED = "archived", _("Arkivert")

    PUBLIC_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)

    title = models.CharField(_("tittel"), max_length=200)
    slug = models.SlugField(
        _("adresse"),
        unique=True,
        help_text=_("Brukes i nettadressen, for eksempel 2022-2023."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("fra år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("til år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    vision = models.CharField(_("visjon"), max_length=300)
    introduction = models.TextField(_("innledning"), blank=True, help_text=MARKDOWN_HELP)
    focus_areas_heading = models.CharField(
        _("overskrift over satsingsområdene"),
        max_length=100,
        default="Satsingsområder",
        help_text=_("Overskriften over tabellen med satsingsområder, slik dokumentet skriver den."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = ProgrammeManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handlingsprogram")
        verbose_name_plural = _("handlingsprogram")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="programme_end_year_not_before_start_year",
                violation_error_message=_("Til år kan ikke være før fra år."),
            ),
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="published"),
                name="programme_only_one_published",
                violation_error_message=_(
                    "Bare ett handlingsprogram kan være publisert om gangen."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:programme-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def period(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES


class FocusAreaQuerySet(models.QuerySet):
    def public(self):
        return self.filter(programme__status__in=Programme.PUBLIC_STATUSES)

    def with_progress(self):
        """`progress` on each focus area, as Programme's with_progress."""
        return self.annotate(
            progress=Avg(
                "commitments__progress",
                filter=Q(commitments__status__in=Commitment.COUNTED_STATUSES),
            )
        )


class FocusAreaManager(models.Manager.from_queryset(FocusAreaQuerySet)):
    def get_by_natural_key(self, slug, programme_slug):
        return self.get(slug=slug, programme__slug=programme_slug)


class FocusArea(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="focus_areas",
        verbose_name=_("handlingsprogram"),
    )
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("adresse"), help_text=_("Brukes i nettadressen."))
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    sustainable_development_goals = models.ManyToManyField(
        "SustainableDevelopmentGoal",
        blank=True,
        related_name="focus_areas",
        verbose_name=_("bærekraftsmål"),
        help_text=_("FNs bærekraftsmål som satsingsområdet særlig bidrar til."),
    )

    objects = FocusAreaManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("satsingsområde")
        verbose_name_plural = _("satsingsområder")
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "slug"],
                name="focus_area_slug_unique_in_programme",
                violation_error_message=_(
                    "Et annet satsingsområde i programmet har denne adressen."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "programme:focus-area-detail",
            kwargs={"programme_slug": self.programme.slug, "slug": self.slug},
        )

    def natural_key(self):
        return (self.slug, *self.programme.natural_key())

    natural_key.dependencies = ["programme.programme"]


class ThemeManager(models.Manager):
    def get_by_natural_key(self, slug, focus_area_slug, programme_slug):
        return self.get(
            slug=slug, focus_area__slug=focus_area_slug, focus_area__programme__slug=programme_slug
        )


class Theme(models.Model):
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.CASCADE,
        related_name="themes",
        verbose_name=_("satsingsområde"),
    )
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("adresse"))
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    objects = ThemeManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["focus_area", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area", "slug"],
                name="theme_slug_unique_in_focus_area",
                violation_error_message=_(
                    "Et annet tema under satsingsområdet har denne adressen."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{self.focus_area.get_absolute_url()}#tema-{self.slug}"

    def natural_key(self):
        return (self.slug, *self.focus_area.natural_key())

    natural_key.dependencies = ["programme.focusarea"]


class SubThemeManager(models.Manager):
    def get_by_natural_key(self, slug, theme_slug, focus_area_slug, programme_slug):
        return self.get(
            slug=slug,
            theme__slug=theme_slug,
            theme__focus_area__slug=focus_area_slug,
            theme__focus_area__programme__slug=programme_slug,
        )


class SubTheme(models.Model):
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="sub_themes", verbose_name=_("tema")
    )
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("adresse"))
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    objects = SubThemeManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delområde")
        verbose_name_plural = _("delområder")
        ordering = ["theme", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "slug"],
                name="sub_theme_slug_unique_in_theme",
                violation_error_message=_("Et annet delområde under temaet har denne adressen."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.theme.get_absolute_url()

    def natural_key(self):
        return (self.slug, *self.theme.natural_key())

    natural_key.dependencies = ["programme.theme"]


class NarrativeSectionManager(models.Manager):
    def get_by_natural_key(self, slug, focus_area_slug, programme_slug):
        return self.get(
            slug=slug, focus_area__slug=focus_area_slug, focus_area__programme__slug=programme_slug
        )


class NarrativeSection(models.Model):
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("satsingsområde"),
    )
    title = models.CharField(
        _("overskrift"),
        max_length=200,
        blank=True,
        help_text=_("Valgfri. Uten overskrift står teksten rett under satsingsområdets navn."),
    )
    slug = models.SlugField(_("adresse"), help_text=_("Brukes som anker i nettadressen."))
    body = models.TextField(_("tekst"), help_text=MARKDOWN_HELP)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    objects = NarrativeSectionManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("omtale")
        verbose_name_plural = _("omtaler")
        ordering = ["focus_area", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area", "slug"],
                name="narrative_section_slug_unique_in_focus_area",
                violation_error_message=_(
                    "En annen omtale under satsingsområdet har denne adressen."
                ),
            ),
        ]

    def __str__(self):
        return self.title or f"{self.focus_area}: {self.slug}"

    def get_absolute_url(self):
        return f"{self.focus_area.get_absolute_url()}#omtale-{self.slug}"

    def natural_key(self):
        return (self.slug, *self.focus_area.natural_key())

    natural_key.dependencies = ["programme.focusarea"]


class SustainableDevelopmentGoalManager(models.Manager):
    def get_by_natural_key(self, number):
        return self.get(number=number)


class SustainableDevelopmentGoal(models.Model):
    number = models.PositiveSmallIntegerField(
        _("nummer"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    name = models.CharField(_("navn"), max_length=200)

    objects = SustainableDevelopmentGoalManager()

    class Meta:
        verbose_name = _("bærekraftsmål")
        verbose_name_plural = _("bærekraftsmål")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=17),
                name="sustainable_development_goal_number_1_to_17",
                violation_error_message=_("FNs bærekraftsmål er nummerert fra 1 til 17."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def get_absolute_url(self):
        return reverse("programme:goal-detail", kwargs={"number": self.number})

    def natural_key(self):
        return (self.number,)


def funded_projects():
    """The projects a commitment may link to: those the council has funded (the states in
    which the public catalogue shows them)."""
    from projects.workflow import PUBLIC_STATES  # projects' models import this module

    return Q(status__in=sorted(PUBLIC_STATES))


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
