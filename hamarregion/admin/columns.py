from django.contrib import admin

from hamarregion.formatting import format_nok


def money_column(field: str, description):
    """A list column showing the amount in `field` (a model field or an annotation) in kroner,
    sorted by it."""

    @admin.display(description=description, ordering=field)
    def column(self, obj):
        return format_nok(getattr(obj, field))

    return column
