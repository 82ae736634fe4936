from django import forms

# The largest id a BigAutoField can hold.
MAX_ID = 2**63 - 1


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids no database column can hold before they reach a query: SQLite raises
    OverflowError on them, where PostgreSQL finds no row."""

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = abs(int(str(pk))) > MAX_ID
            except (TypeError, ValueError):
                continue
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)
