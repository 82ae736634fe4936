"""The secretariat's forms for case handling. The rules live in projects.services; these forms
only turn what was typed into values, with a Norwegian message at the field when they cannot."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hamarregion.fields import SingleLineFormField

from ..forms import MAX_AMOUNT
from ..selectors import meetings_held


class AmountField(forms.IntegerField):
    """Whole kroner, accepting the ways people write them: «1 250 000», «1 250 000 kr»,
    «1250000,-»."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Skriv beløpet i hele kroner, for eksempel 250 000."),
        "min_value": _("Beløpet kan ikke være negativt."),
        "max_value": _("Beløpet er for stort."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_AMOUNT)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"\s+", "", value)
            value = re.sub(r"(kr\.?|,-)$", "", value, flags=re.IGNORECASE)
        return super().to_python(value)


class DateField(forms.DateField):
    """A date picked in the browser's calendar or typed as 27.11.2026."""

    widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    default_error_messages = {"invalid": _("Skriv datoen som dd.mm.åååå, for eksempel 27.11.2026.")}


def textarea(rows=6):
    return forms.Textarea(attrs={"rows": rows, "cols": 80})


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Melding til søkeren"), required=False, widget=textarea(5))


class RecommendationForm(forms.Form):
    assessment = forms.CharField(
        label=_("Sekretariatets vurdering"),
        widget=textarea(10),
        error_messages={"required": _("Skriv sekretariatets vurdering.")},
        help_text=_("Rådsmedlemmene leser vurderingen før møtet."),
    )
    recommended_amount = AmountField(
        label=_("Anbefalt beløp (kr)"),
        error_messages={"required": _("Oppgi et beløp i hele kroner, 0 eller mer.")},
        help_text=_("0 kr betyr at sekretariatet anbefaler avslag."),
    )


class DecisionForm(forms.Form):
    """The council's decision as the secretariat records it. A rejection has no amount and no
    report deadline, so those fields are left out."""

    granted_amount = AmountField(
        label=_("Innvilget beløp (kr)"),
        # More than 0 kr, and no more than applied for, is application_decide's rule.
        min_value=None,
        error_messages={"required": _("Et innvilget tilskudd må være større enn 0 kr.")},
    )
    decided_on = DateField(
        label=_("Vedtaksdato"), error_messages={"required": _("Oppgi vedtaksdatoen.")}
    )
    meeting = forms.ModelChoiceField(
        label=_("Møte"),
        queryset=meetings_held().none(),
        required=False,
        empty_label=_("Ikke vedtatt i et registrert møte"),
        help_text=_(
            "Rådsmøtet der vedtaket ble gjort. Vedtaket og tilskuddsbrevet viser til møtet. "
            "Bare møter som er holdt, kan velges."
        ),
        error_messages={"invalid_choice": _("Velg et møte fra listen.")},
    )
    case_number = SingleLineFormField(
        label=_("Saksnummer"),
        max_length=50,
        error_messages={"required": _("Oppgi saksnummeret.")},
        help_text=_("Arkivets referanse for saken, for eksempel 26/01234."),
    )
    conditions = forms.CharField(
        label=_("Vilkår"),
        required=False,
        widget=textarea(5),
        help_text=_("Står i tilskuddsbrevet."),
    )
    decision_text = forms.CharField(
        label=_("Vedtakstekst"),
        widget=textarea(8),
        error_messages={"required": _("Skriv vedtaksteksten.")},
    )
    report_due_on = DateField(
        label=_("Frist for sluttrapport"),
        error_messages={"required": _("Sett en frist for sluttrapporten.")},
    )
    acceptance_due_on = DateField(
        label=_("Frist for aksept av tilsagnet"),
        required=False,
        help_text=_(
            "Søkeren må akseptere tilsagnet og vilkårene innen denne datoen, før noe kan "
            "utbetales. Tomt felt gir tre uker etter vedtaksdatoen."
        ),
    )

    def __init__(self, *args, approved: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings_held()
        if not approved:
            del self.fields["granted_amount"]
            del self.fields["report_due_on"]
            del self.fields["acceptance_due_on"]


class AcceptanceDeadlineForm(forms.Form):
    acceptance_due_on = DateField(
        label=_("Ny frist for aksept av tilsagnet"),
        error_messages={"required": _("Oppgi den nye fristen.")},
        help_text=_("Søkeren får en e-post med den nye fristen."),
    )


class PaymentForm(forms.Form):
    amount = AmountField(
        label=_("Beløp (kr)"),
        # More than 0 kr, and no more than is left of the grant, is payment_register's rule.
        min_value=None,
        error_messages={"required": _("En utbetaling må være større enn 0 kr.")},
    )
    paid_on = DateField(
        label=_("Utbetalt dato"), error_messages={"required": _("Oppgi utbetalingsdatoen.")}
    )
    reference = SingleLineFormField(
        label=_("Referanse"),
        max_length=100,
        required=False,
        help_text=_("For eksempel bilagsnummeret i regnskapet."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"paid_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class AppealForm(forms.Form):
    """An appeal received: when, and the appellant's grounds as text, as a file, or both."""

    received_on = DateField(
        label=_("Klagen kom inn"),
        error_messages={"required": _("Oppgi datoen klagen kom inn.")},
        help_text=_(
            "Datoen klagen kom til regionrådet, for eksempel poststempelet eller e-posten."
        ),
    )
    grounds = forms.CharField(
        label=_("Klagerens begrunnelse"),
        required=False,
        widget=textarea(8),
        help_text=_("Skriv inn eller lim inn klagen, eller last den opp som fil nedenfor."),
    )
    grounds_file = forms.FileField(
        label=_("Klagen som fil"),
        required=False,
        help_text=_("PDF, ODT, DOCX, XLSX, ODS, PNG eller JPEG, høyst 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.odt,.docx,.xlsx,.ods,.png,.jpg,.jpeg"}
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class AppealForwardForm(forms.Form):
    forwarded_on = DateField(
        label=_("Sendt til klageinstansen"),
        error_messages={"required": _("Oppgi datoen klagen ble sendt.")},
    )
    comment = forms.CharField(label=_("Melding til søkeren"), required=False, widget=textarea(5))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"forwarded_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class AppealOutcomeForm(forms.Form):
    """What came of an appeal. The outcome is asked for where the step allows more than one."""

    outcome = forms.ChoiceField(
        label=_("Utfall"), error_messages={"required": _("Velg utfallet av klagen.")}
    )
    decided_on = DateField(
        label=_("Avgjort"), error_messages={"required": _("Oppgi datoen klagen ble avgjort.")}
    )
    comment = forms.CharField(label=_("Melding til søkeren"), required=False, widget=textarea(5))

    def __init__(self, *args, outcomes, **kwargs):
        kwargs.setdefault("initial", {"decided_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if len(outcomes) == 1:
            del self.fields["outcome"]
        else:
            self.fields["outcome"].choices = [(choice.value, choice.label) for choice in outcomes]
