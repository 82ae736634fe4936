"""The applicant's forms after a grant: the acceptance of the grant and the final report
(sluttrapport)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .forms import MAX_AMOUNT


class GrantAcceptanceForm(forms.Form):
    """The lead municipality accepts the grant and its conditions; projects.services.grant_accept
    records it."""

    confirmed = forms.BooleanField(
        label=_("Jeg bekrefter at kommunen aksepterer tilsagnet og vilkårene"),
        help_text=_(
            "Vil kommunen klage på vedtaket, må klagen sendes før tilsagnet aksepteres: et "
            "akseptert tilsagn kan ikke påklages."
        ),
        error_messages={
            "required": _("Kryss av for å bekrefte at kommunen aksepterer tilsagnet og vilkårene.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class FinalReportForm(forms.Form):
    """Every field may be left empty in a saved draft; projects.services.final_report_save
    requires the results and the actual cost when the report is sent in."""

    results = forms.CharField(
        label=_("Oppnådde resultater"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Hva prosjektet oppnådde, målt mot hovedmålet og delmålene i søknaden. "
            "Resultatene kan bli vist offentlig."
        ),
    )
    actual_cost = forms.IntegerField(
        label=_("Faktiske kostnader (kr)"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"}),
        help_text=_("Hva prosjektet kostet i alt, i hele kroner."),
    )
    cost_comment = forms.CharField(
        label=_("Kommentar til kostnadene"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Forklar avvik fra kostnadsplanen i søknaden."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    @classmethod
    def for_report(cls, report):
        """An unbound form showing the stored report, or an empty one."""
        if report is None:
            return cls()
        return cls(
            initial={
                "results": report.results,
                "actual_cost": report.actual_cost,
                "cost_comment": report.cost_comment,
            }
        )

    def clean_actual_cost(self):
        amount = self.cleaned_data["actual_cost"]
        if amount is not None and amount > MAX_AMOUNT:
            raise ValidationError(_("Beløpet er urimelig stort."), code="too_large")
        return amount
