"""The applicant's progress report (framdriftsrapport)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import MAX_AMOUNT


def form_helper() -> FormHelper:
    """Crispy's layout inside the page's own <form>, whose tag holds the CSRF token."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class ProgressReportForm(forms.Form):
    """The fields may be sent empty: grants.services.progress_report_submit says what is
    missing, at the field."""

    progress = forms.CharField(
        label=_("Framdrift så langt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Hva prosjektet har gjort og oppnådd så langt, målt mot målene i søknaden."),
    )
    spent = forms.IntegerField(
        label=_("Brukt så langt (kr)"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        widget=forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"}),
        help_text=_("Hva prosjektet har kostet til nå, i hele kroner."),
    )
    deviations = forms.CharField(
        label=_("Avvik og risiko"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Avvik fra planen, tidsplanen eller kostnadsplanen, og risikoer framover. "
            "Ved større endringer sender dere en endringssøknad."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
