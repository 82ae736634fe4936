"""The forms of the people pages: they parse what was typed; the services in services/ decide."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hamarregion.fields import SingleLineFormField

from .roles import Role

# What an organisation's administrator gives: the roles of applying for the organisation.
APPLYING_ROLE_CHOICES = [
    (Role.APPLICANT.value, Role.APPLICANT.label),
    (Role.ORGANISATION_ADMIN.value, Role.ORGANISATION_ADMIN.label),
]


def _inline_helper() -> FormHelper:
    """Crispy fields inside the template's own <form> tag."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        help_text=_("Personen får en lenke på e-post for å velge passord."),
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=APPLYING_ROLE_CHOICES, initial="applicant")

    def __init__(self, *args, role_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if role_choices is not None:
            self.fields["role"].choices = role_choices
        self.helper = _inline_helper()


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=APPLYING_ROLE_CHOICES)


class SecondFactorRequirementForm(forms.Form):
    required = forms.BooleanField(
        label=_("Krev tofaktorinnlogging"),
        required=False,
        help_text=_(
            "Alle i organisasjonen må da bruke en engangskode eller en passnøkkel i tillegg til "
            "passordet når de logger inn."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _inline_helper()


class NameForm(forms.Form):
    first_name = SingleLineFormField(label=_("Fornavn"), max_length=150)
    last_name = SingleLineFormField(label=_("Etternavn"), max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.helper = _inline_helper()


class InvitationAcceptForm(NameForm):
    """Name and a new password, typed twice; the service applies Django's password validators."""

    password = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Gjenta passordet"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = password_validation.password_validators_help_text_html()

    def clean(self):
        cleaned = super().clean()
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and again and password != again:
            self.add_error(
                "password_again",
                ValidationError(_("Passordene er ikke like."), code="password_mismatch"),
            )
        return cleaned
