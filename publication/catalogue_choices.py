"""What the catalogue's filter form offers: the focus areas, sub-themes, goals and years that
occur among the funded projects, the council's member municipalities and any other municipality
with funded projects, and how many funded projects there are.

Working these out reads every funded project's links, while they change only when the
secretariat changes something. So they are kept in the cache under the content version
(hamarregion/content_version.py), which any change to the content replaces: the next request,
in any process, works them out again. When the cache does not answer they are worked out on
each request.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear

from hamarregion import content_version
from programme.models import FocusArea, SubTheme, SustainableDevelopmentGoal
from projects.models import Application, Municipality

# A new number whenever CatalogueChoices changes, so that no copy of the old shape is read.
CACHE_KEY = "catalogue:choices:2"
# The content version decides whether a kept copy is current; the timeout only lets an unused
# one go.
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class CatalogueChoices:
    focus_areas: list[tuple[int, str]]
    sub_themes: list[tuple[int, str]]
    # (slug, name, pk): the address names a municipality by its slug, a goal by its number.
    municipalities: list[tuple[str, str, int]]
    goals: list[tuple[int, str, int]]
    years: list[int]
    # The funded projects the catalogue lists when nothing is filtered.
    project_count: int


def focus_area_label(focus_area):
    return f"{focus_area.name} ({focus_area.programme.period})"


def sub_theme_label(sub_theme):
    focus_area = sub_theme.theme.focus_area
    return f"{focus_area.name}: {sub_theme.name} ({focus_area.programme.period})"


def used_by_funded(relation: str):
    """Whether a funded project links to the row, for a filter on that row's table. An EXISTS
    stops at the first funded project for each of the few rows, where a join would read the
    links of every funded project and sort them for DISTINCT."""
    return Exists(Application.objects.funded().filter(**{relation: OuterRef("pk")}))


def work_out_choices() -> CatalogueChoices:
    focus_areas = (
        FocusArea.objects.filter(used_by_funded("focus_areas"))
        .select_related("programme")
        .order_by("-programme__start_year", "order", "pk")
    )
    sub_themes = SubTheme.objects.in_programme_order().filter(used_by_funded("sub_themes"))
    # The members always, so that a visitor can ask for any of the four and be told «none yet».
    municipalities = Municipality.objects.filter(
        Q(is_member=True)
        | used_by_funded("lead_municipality")
        | used_by_funded("partner_municipalities")
    ).order_by("-is_member", "name")
    goals = SustainableDevelopmentGoal.objects.filter(
        used_by_funded("sustainable_development_goals")
    ).order_by("number")
    # The years and how many projects were decided in each, from the rows the catalogue lists.
    per_year = list(
        Application.objects.funded()
        .newest_decision_first()
        .annotate(year=ExtractYear("decision__decided_on"))
        .values("year")
        .annotate(projects=Count("pk"))
        .order_by("-year")
    )
    return CatalogueChoices(
        focus_areas=[(area.pk, focus_area_label(area)) for area in focus_areas],
        sub_themes=[(sub_theme.pk, sub_theme_label(sub_theme)) for sub_theme in sub_themes],
        municipalities=[(m.slug, m.name, m.pk) for m in municipalities],
        goals=[(goal.number, str(goal), goal.pk) for goal in goals],
        years=[row["year"] for row in per_year],
        project_count=sum(row["projects"] for row in per_year),
    )


def catalogue_choices() -> CatalogueChoices:
    return content_version.cached(CACHE_KEY, work_out_choices, timeout=CACHE_SECONDS)
