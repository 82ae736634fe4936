import re

from django import forms
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The largest id a BigAutoField can hold.
MAX_ID = 2**63 - 1

# Every control character (C0, DEL and C1) and Unicode's line and paragraph separators; of
# them, the line breaks and tabs (every one that str.splitlines or a mail reader could take for
# the end of a line) become a space in a form, and the rest are refused.
CONTROL_CHARACTER = "\x00-\x1f\x7f-\x9f\u2028\u2029"
LINE_BREAK_OR_TAB = "\t\n\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029"
_LINE_BREAK_RUN = re.compile(rf"\s*[{LINE_BREAK_OR_TAB}]\s*")

validate_single_line = RegexValidator(
    rf"[{CONTROL_CHARACTER}]",
    message=_("Teksten kan ikke inneholde linjeskift eller andre kontrolltegn."),
    code="control_characters",
    inverse_match=True,
)


def single_line(text: str) -> str:
    """`text` on one line: each line break or tab, with the spaces around it, becomes one space,
    and the ends are trimmed."""
    return _LINE_BREAK_RUN.sub(" ", text).strip()


class SingleLineFormField(forms.CharField):
    """One line of text: a title pasted with a line break in it is saved with a space instead;
    other control characters (a NUL byte) are refused."""

    default_validators = [validate_single_line]

    def to_python(self, value):
        if isinstance(value, str):
            value = single_line(value)
        return super().to_python(value)


class SingleLineCharField(models.CharField):
    """A CharField for one line that a person types (a title, a name, a reference). It never
    holds a line break or another control character, so it cannot add a line to an e-mail it
    is put into: forms clean it (SingleLineFormField), and full_clean refuses it."""

    default_validators = [validate_single_line]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SingleLineFormField, **kwargs})


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
