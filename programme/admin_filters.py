"""The admin's filter by focus area: each named with its programme's period, since the periods
reuse names («Næringsutvikling» in 2022–2023 and again in 2024–2027)."""

from django.contrib import admin

from .models import FocusArea


def focus_area_label(area: FocusArea) -> str:
    return f"{area.name} ({area.programme.period})"


class FocusAreaFilter(admin.RelatedFieldListFilter):
    """For a relation to FocusArea (a foreign key or many-to-many): the newest period first, its
    focus areas in their order, read with their programmes in one query."""

    def field_choices(self, field, request, model_admin):
        areas = (
            field.related_model._default_manager.complex_filter(field.get_limit_choices_to())
            .select_related("programme")
            .order_by("-programme__start_year", "programme__pk", "order", "pk")
        )
        return [(area.pk, focus_area_label(area)) for area in areas]
