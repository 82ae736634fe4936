"""The programme's reads that its public pages share: focus areas with what their cards and
pages show, in a fixed number of queries. The programme's own QuerySet methods
(Programme.objects.public(), .visible_to(), .with_progress(); FocusArea.objects.public();
Commitment.objects.for_public_page()) are the rest."""

from django.db.models import Prefetch

from .models import FocusArea, NarrativeSection, SubTheme, Theme


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
