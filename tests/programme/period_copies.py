"""Helpers for the tests of copying a programme to a new period."""

from django.urls import reverse


def content_of(programme) -> list:
    """The programme's text and structure without ids or follow-up: what a copy must repeat."""
    return [
        (
            area.name,
            area.slug,
            area.order,
            sorted(area.sustainable_development_goals.values_list("number", flat=True)),
            [
                (t.name, t.slug, t.order, list(t.sub_themes.values_list("name", "slug", "order")))
                for t in area.themes.order_by("order", "pk")
            ],
            list(area.sections.values_list("title", "slug", "body", "order")),
            list(area.commitments.values_list("text", "slug", "order")),
        )
        for area in programme.focus_areas.order_by("order", "pk")
    ]


def changelist():
    return reverse("admin:programme_programme_changelist")
