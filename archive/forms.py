"""The post journal's month filter: a GET parameter a visitor can share as a link."""

from datetime import date

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _


def month_value(month: date) -> str:
    return f"{month:%Y-%m}"


class JournalFilterForm(forms.Form):
    """One of the months that have entries. Anything else (letters, a month without entries, a
    month 13) gives a message at the field, and the journal is shown whole."""

    month = forms.ChoiceField(
        label=_("Måned"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": _("Velg en måned fra listen.")},
    )

    def __init__(self, *args, months: list[date], **kwargs):
        super().__init__(*args, **kwargs)
        self.months = {month_value(month): month for month in months}
        self.fields["month"].choices = [("", _("Alle måneder"))] + [
            (value, formats.date_format(month, "YEAR_MONTH_FORMAT"))
            for value, month in self.months.items()
        ]

    def full_clean(self):
        super().full_clean()
        # Bootstrap shows a field's message (.invalid-feedback) only next to an .is-invalid one.
        if "month" in self.errors:
            widget = self.fields["month"].widget
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()

    def chosen_month(self) -> date | None:
        """The month to show, or None for every month (none chosen, or the choice refused)."""
        if not self.is_bound or not self.is_valid():
            return None
        return self.months.get(self.cleaned_data["month"])
