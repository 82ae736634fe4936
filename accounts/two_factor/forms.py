"""The codes a person types: to pass the second factor, and to confirm a new authenticator app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hamarregion.fields import SingleLineFormField


def code_field(label, help_text):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class SecondFactorForm(forms.Form):
    code = code_field(
        _("Engangskode eller gjenopprettingskode"),
        _("De seks sifrene autentiseringsappen viser nå, eller en av gjenopprettingskodene dine."),
    )


class TOTPEnrolForm(forms.Form):
    code = code_field(
        _("Kode fra appen"),
        _("Skriv de seks sifrene appen viser, for å bekrefte at den er satt opp riktig."),
    )
    name = SingleLineFormField(
        label=_("Navn på enheten"),
        help_text=_("Valgfritt, for eksempel «Jobbtelefon»."),
        max_length=64,
        required=False,
    )
