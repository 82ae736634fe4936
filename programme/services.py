from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Commitment, Programme


@transaction.atomic
def programme_change_status(*, programme: Programme, status: Programme.Status) -> Programme:
    """Move a period to draft, published or archived.

    Only one period is published at a time: publishing one moves the period that was
    published until now to the archive, in the same transaction.
    """
    status = Programme.Status(status)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.status == status:
        return programme
    if status == Programme.Status.PUBLISHED:
        if not programme.focus_areas.exists():
            raise ValidationError(
                _("«%(programme)s» har ingen satsingsområder og kan ikke publiseres."),
                code="no_focus_areas",
                params={"programme": programme.title},
            )
        Programme.objects.published().update(
            status=Programme.Status.ARCHIVED, updated_at=timezone.now()
        )
    programme.status = status
    programme.save(update_fields=["status", "updated_at"])
    return programme


def period_slug(start_year: int, end_year: int) -> str:
    """The address of a period, as the council's own: 2022-2023, or 2024 for a single year."""
    return str(start_year) if start_year == end_year else f"{start_year}-{end_year}"


def _copy(instance, **changes):
    """A new row with every stored field of `instance` but its id and timestamps, `changes`
    applied by attribute name (focus_area_id=...): a field added to a model later is copied too."""
    values = {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not (
            field.primary_key
            or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
        )
    }
    values.update(changes)
    return type(instance).objects.create(**values)


def _check_new_period(*, start_year: int, end_year: int, slug: str, title: str) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = ValidationError(_("Skriv en tittel."), code="title_missing")
    if end_year < start_year:
        errors["end_year"] = ValidationError(
            _("Til år kan ikke være før fra år."), code="end_before_start"
        )
    else:
        overlapping = Programme.objects.filter(
            start_year__lte=end_year, end_year__gte=start_year
        ).first()
        if overlapping:
            errors["start_year"] = ValidationError(
                _("«%(title)s» gjelder allerede %(period)s. Velg år som ikke er brukt."),
                code="years_used",
                params={"title": overlapping.title, "period": overlapping.period},
            )
        elif Programme.objects.filter(slug=slug).exists():
            errors["start_year"] = ValidationError(
                _("Et annet handlingsprogram har adressen «%(slug)s»."),
                code="slug_used",
                params={"slug": slug},
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def programme_copy(*, source: Programme, start_year: int, end_year: int, title: str) -> Programme:
    """Start a new period from `source`: a draft with a copy of its focus areas (and their
    goals), themes, sub-themes, narrative and commitments. The commitments start over (not
    started, 0 %) without updates or projects, which belong to the period they were made in.

    The years may not overlap another period's. Focus areas keep their addresses: those are
    unique within a period, and the period's own address comes first in the URL."""
    slug = period_slug(start_year, end_year)
    _check_new_period(start_year=start_year, end_year=end_year, slug=slug, title=title)
    source = Programme.objects.prefetch_related(
        "focus_areas__sustainable_development_goals",
        "focus_areas__themes__sub_themes",
        "focus_areas__sections",
        "focus_areas__commitments",
    ).get(pk=source.pk)
    copy = _copy(
        source,
        title=title.strip(),
        slug=slug,
        start_year=start_year,
        end_year=end_year,
        status=Programme.Status.DRAFT,
    )
    for focus_area in source.focus_areas.all():
        new_focus_area = _copy(focus_area, programme_id=copy.pk)
        new_focus_area.sustainable_development_goals.set(
            focus_area.sustainable_development_goals.all()
        )
        for theme in focus_area.themes.all():
            new_theme = _copy(theme, focus_area_id=new_focus_area.pk)
            for sub_theme in theme.sub_themes.all():
                _copy(sub_theme, theme_id=new_theme.pk)
        for section in focus_area.sections.all():
            _copy(section, focus_area_id=new_focus_area.pk)
        for commitment in focus_area.commitments.all():
            _copy(
                commitment,
                focus_area_id=new_focus_area.pk,
                status=Commitment.Status.NOT_STARTED,
                progress=0,
            )
    return copy
