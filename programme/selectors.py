"""The programme's reads that its public pages share: focus areas with what their cards and
pages show, and what serves a UN goal, in a fixed number of queries. The programme's own
QuerySet methods (Programme.objects.public(), .visible_to(), .with_progress();
FocusArea.objects.public(); Commitment.objects.for_public_page()) are the rest."""

from django.db.models import Prefetch

from .models import Commitment, FocusArea, NarrativeSection, SubTheme, Theme


def focus_areas_with_themes():
    """Focus areas with their themes and sub-themes in three queries, not one per row. The
    programme comes along: each focus area's address needs its slug."""
    return (
        FocusArea.objects.select_related("programme")
        .prefetch_related(
            Prefetch(
                "themes",
                queryset=Theme.objects.prefetch_related(
                    Prefetch("sub_themes", queryset=SubTheme.objects.order_by("order", "pk"))
                ).order_by("order", "pk"),
            )
        )
        .order_by("order", "pk")
    )


def with_narrative(focus_areas):
    return focus_areas.prefetch_related(
        Prefetch("sections", queryset=NarrativeSection.objects.order_by("order", "pk"))
    )


def goal_contributions(goal, *, programmes) -> dict:
    """What in the programme periods `programmes` serves a UN goal, in three queries however
    much there is: the focus areas linked to the goal, the sub-themes under their themes and the
    commitments under them. A sub-theme or a commitment serves the goals of its focus area; the
    projects that name the goal are publication's to list (projects_public's goal_projects)."""
    focus_areas = list(
        goal.focus_areas.filter(programme__in=programmes)
        .select_related("programme")
        .order_by("-programme__start_year", "order", "pk")
    )
    sub_themes = list(
        SubTheme.objects.in_programme_order().filter(
            theme__focus_area__in=[area.pk for area in focus_areas]
        )
    )
    commitments = list(
        Commitment.objects.filter(focus_area__in=[area.pk for area in focus_areas])
        .select_related("focus_area__programme")
        .order_by("-focus_area__programme__start_year", "focus_area__order", "order", "pk")
    )
    return {"focus_areas": focus_areas, "sub_themes": sub_themes, "commitments": commitments}
