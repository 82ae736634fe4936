"""The forms of internal notes and messages: they turn what was typed into values; the rules
live in projects.services.notes and projects.services.messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import AttachmentForm
from .models.correspondence import MAX_TEXT_LENGTH

TOO_LONG = _("Teksten kan være høyst 10 000 tegn.")


class CaseNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Ny intern merknad"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        error_messages={"required": _("Skriv merknaden."), "max_length": TOO_LONG},
        help_text=_("Søkeren ser aldri merknadene. Rådsmedlemmene leser dem."),
    )


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Melding"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        error_messages={"required": _("Skriv meldingen."), "max_length": TOO_LONG},
    )
    file = forms.FileField(
        label=_("Vedlegg (valgfritt)"),
        required=False,
        help_text=AttachmentForm.base_fields["file"].help_text,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.odt,.docx,.xlsx,.ods,.png,.jpg,.jpeg"}
        ),
    )
