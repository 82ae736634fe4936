from django import forms
from django.utils.translation import gettext_lazy as _

from hamarregion.fields import SingleLineFormField

from .models import Programme

YEAR_BOUNDS = {"min_value": 2000, "max_value": 2100}


class ProgrammeCopyForm(forms.Form):
    """The new period a programme is copied into. programme.services.programme_copy checks the
    rules (years not used by another period, end not before start)."""

    title = SingleLineFormField(label=_("Tittel"), max_length=200)
    start_year = forms.IntegerField(label=_("Fra år"), **YEAR_BOUNDS)
    end_year = forms.IntegerField(label=_("Til år"), **YEAR_BOUNDS)

    @staticmethod
    def initial_for(source: Programme) -> dict:
        """The period after `source`, as long as it."""
        start_year = source.end_year + 1
        end_year = start_year + source.end_year - source.start_year
        return {
            "title": f"Handlingsprogram {start_year} - {end_year}",
            "start_year": start_year,
            "end_year": end_year,
        }
