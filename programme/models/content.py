"""The programme's own text: periods, focus areas, themes, sub-themes and narrative, each with
an optional English version of what the public pages show (hamarregion.content_language)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamarregion.content_language import english_version
from hamarregion.fields import SingleLineCharField

from ..permissions import can_preview_programme

MARKDOWN_HELP = _(
    "Markdown: tom linje mellom avsnitt, **fet**, *kursiv*, - punktliste, [lenke](https://...)."
)


def commitment_model():
    """Commitment, reached through its relation to the focus area: commitments.py imports this
    module, so this one does not import it."""
    return FocusArea._meta.get_field("commitments").related_model


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
                filter=Q(focus_areas__commitments__status__in=commitment_model().COUNTED_STATUSES),
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

    title = SingleLineCharField(_("tittel"), max_length=200)
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
    vision = SingleLineCharField(_("visjon"), max_length=300)
    introduction = models.TextField(_("innledning"), blank=True, help_text=MARKDOWN_HELP)
    focus_areas_heading = SingleLineCharField(
        _("overskrift over satsingsområdene"),
        max_length=100,
        default="Satsingsområder",
        help_text=_("Overskriften over tabellen med satsingsområder, slik dokumentet skriver den."),
    )
    title_en = english_version(title)
    vision_en = english_version(vision)
    introduction_en = english_version(introduction)
    focus_areas_heading_en = english_version(focus_areas_heading)
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
                filter=Q(commitments__status__in=commitment_model().COUNTED_STATUSES),
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
    name = SingleLineCharField(_("navn"), max_length=200)
    name_en = english_version(name)
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

    @property
    def sub_theme_list(self) -> list:
        """Its sub-themes under all its themes, in order (from the prefetched themes)."""
        return [sub_theme for theme in self.themes.all() for sub_theme in theme.sub_themes.all()]

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
    name = SingleLineCharField(_("navn"), max_length=200)
    name_en = english_version(name)
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

    def in_programme_order(self):
        """Newest period first, then in the programme's order, with the chain to the period."""
        return self.select_related("theme__focus_area__programme").order_by(
            "-theme__focus_area__programme__start_year",
            "theme__focus_area__order",
            "theme__order",
            "order",
            "pk",
        )


class SubTheme(models.Model):
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="sub_themes", verbose_name=_("tema")
    )
    name = SingleLineCharField(_("navn"), max_length=200)
    name_en = english_version(name)
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
    title = SingleLineCharField(
        _("overskrift"),
        max_length=200,
        blank=True,
        help_text=_("Valgfri. Uten overskrift står teksten rett under satsingsområdets navn."),
    )
    title_en = english_version(title)
    slug = models.SlugField(_("adresse"), help_text=_("Brukes som anker i nettadressen."))
    body = models.TextField(_("tekst"), help_text=MARKDOWN_HELP)
    body_en = english_version(body)
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
