"""The applicant's payment request form and the secretariat's forms for handling one. The rules
live in grants.services; these forms only turn what was typed into values."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hamarregion.formatting import format_nok
from projects.admin.forms import AmountField, PaymentForm, textarea
from projects.file_types import ALLOWED_LABELS

from ..models import PaymentRequest
from ..services.payment_requests import MAX_ATTACHMENTS_PER_REQUEST, spent_field


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files from one input, as a list (empty when none were chosen)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class PaymentRequestForm(forms.Form):
    """A field for each line of the approved cost plan, named by grants.services.spent_field."""

    kind = forms.ChoiceField(
        label=_("Hva ber dere om?"),
        choices=PaymentRequest.Kind.choices,
        widget=forms.RadioSelect,
        initial=PaymentRequest.Kind.PART,
        help_text=_("Sluttutbetaling kan bes om når sluttrapporten er sendt inn."),
        error_messages={"required": _("Velg delutbetaling eller sluttutbetaling.")},
    )
    amount = AmountField(
        label=_("Beløp dere ber om (kr)"),
        min_value=None,
        error_messages={"required": _("Oppgi beløpet dere ber om.")},
    )
    comment = forms.CharField(
        label=_("Kommentar til sekretariatet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For eksempel hva kostnadene gjelder, eller avvik fra kostnadsplanen."),
    )
    attachments = MultipleFileField(
        label=_("Dokumentasjon"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.odt,.docx,.xlsx,.ods,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, cost_lines, available: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.cost_lines = list(cost_lines)
        self.fields["attachments"].help_text = gettext(
            "Regnskapsutskrift, fakturaer eller annen dokumentasjon av kostnadene: %(types)s, "
            "høyst %(max)d filer på til sammen 10 MB."
        ) % {"types": ALLOWED_LABELS, "max": MAX_ATTACHMENTS_PER_REQUEST}
        self.fields["amount"].help_text = gettext("Det gjenstår %(available)s av tilskuddet.") % {
            "available": format_nok(available)
        }
        for line in self.cost_lines:
            field = AmountField(
                label=line.item,
                error_messages={
                    "required": _("Oppgi hvor mye som er brukt på posten, 0 om ingenting.")
                },
            )
            field.widget.attrs["class"] = "form-control"
            self.fields[spent_field(line.pk)] = field
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def spent_fields(self):
        """(cost line, bound field) for the cost statement's table."""
        return [(line, self[spent_field(line.pk)]) for line in self.cost_lines]

    def spent(self) -> dict[int, int]:
        return {line.pk: self.cleaned_data[spent_field(line.pk)] for line in self.cost_lines}


class ApprovalForm(PaymentForm):
    """Projects' payment form (amount, date, reference) with the reason the applicant is shown:
    required where another amount than asked for is approved, and then the only amount field."""

    reason = forms.CharField(
        label=_("Begrunnelse til søkeren"),
        widget=textarea(5),
        help_text=_("Søkeren får se begrunnelsen på oppfølgingssiden og i e-posten."),
    )
    field_order = ["amount", "reason", "paid_on", "reference"]

    def __init__(self, *args, adjusted: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if adjusted:
            self.fields["amount"].label = _("Godkjent beløp (kr)")
            self.fields["amount"].help_text = _("Lavere enn beløpet søkeren ba om.")
            self.fields["reason"].error_messages["required"] = _("Skriv hvorfor beløpet er endret.")
        else:
            del self.fields["amount"]
            self.fields["reason"].required = False
            self.fields["reason"].label = _("Melding til søkeren")


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrunnelse til søkeren"),
        widget=textarea(5),
        error_messages={"required": _("Skriv hvorfor anmodningen sendes tilbake.")},
        help_text=_("Søkeren får se begrunnelsen på oppfølgingssiden og i e-posten."),
    )
