"""The applicant's change requests, one form for each kind of change, and the secretariat's
decision on one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hamarregion.fields import SingleLineFormField
from projects.forms import MAX_AMOUNT, DateInput

from ..models import ChangeRequest
from .progress_reports import form_helper


class ChangeRequestForm(forms.Form):
    """The fields may be sent empty: grants.services.change_request_submit says what is
    missing, at the field."""

    justification = forms.CharField(
        label=_("Begrunnelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hvorfor prosjektet må endres, og hva endringen betyr for målene."),
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.helper = form_helper()

    def change(self) -> dict:
        """The cleaned values as change_request_submit takes them."""
        return {}


class EndDateChangeForm(ChangeRequestForm):
    end_date = forms.DateField(label=_("Ny sluttdato"), required=False, widget=DateInput())
    field_order = ["end_date", "justification"]

    def change(self) -> dict:
        return {"end_date": self.cleaned_data["end_date"]}


class ProjectLeaderChangeForm(ChangeRequestForm):
    project_leader_name = SingleLineFormField(
        label=_("Ny prosjektleder"), max_length=200, required=False
    )
    project_leader_email = forms.EmailField(label=_("E-post"), required=False)
    project_leader_phone = SingleLineFormField(label=_("Telefon"), max_length=30, required=False)
    field_order = [
        "project_leader_name",
        "project_leader_email",
        "project_leader_phone",
        "justification",
    ]

    def change(self) -> dict:
        return {
            "project_leader": {
                name: self.cleaned_data[name]
                for name in ("project_leader_name", "project_leader_email", "project_leader_phone")
            }
        }


def amount_field(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_AMOUNT,
        widget=forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"}),
    )


class BudgetChangeForm(ChangeRequestForm):
    """A new amount for each line of the approved cost and financing plans, the stored amount
    to start with. The service's messages about a plan as a whole go above its table
    (table_errors)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cost_lines = list(self.application.cost_lines.all())
        self.funding_lines = list(self.application.funding_lines.all())
        for line in self.cost_lines:
            self.fields[f"cost_{line.pk}"] = amount_field(line.item)
            self.initial.setdefault(f"cost_{line.pk}", line.amount)
        for line in self.funding_lines:
            label = line.get_source_display()
            if line.description:
                label = f"{label}: {line.description}"
            self.fields[f"funding_{line.pk}"] = amount_field(label)
            self.initial.setdefault(f"funding_{line.pk}", line.amount)
        self.order_fields([name for name in self.fields if name != "justification"])
        self.table_errors = {"cost_lines": [], "funding_lines": []}

    @property
    def cost_rows(self) -> list:
        """(line, its bound field) for each line of the cost plan."""
        return [(line, self[f"cost_{line.pk}"]) for line in self.cost_lines]

    @property
    def funding_rows(self) -> list:
        return [(line, self[f"funding_{line.pk}"]) for line in self.funding_lines]

    def change(self) -> dict:
        return {
            "cost_amounts": {
                line.pk: self.cleaned_data[f"cost_{line.pk}"] for line in self.cost_lines
            },
            "funding_amounts": {
                line.pk: self.cleaned_data[f"funding_{line.pk}"] for line in self.funding_lines
            },
        }


class ChangeDecisionForm(forms.Form):
    """The secretariat's decision in admin: approve, or reject with a reason."""

    decision = forms.ChoiceField(
        label=_("Vedtak"),
        choices=[
            (ChangeRequest.Status.APPROVED, _("Godkjenn endringen")),
            (ChangeRequest.Status.REJECTED, _("Avslå endringen")),
        ],
        widget=forms.RadioSelect,
    )

    def approves(self) -> bool:
        return self.cleaned_data["decision"] == ChangeRequest.Status.APPROVED

    reason = forms.CharField(
        label=_("Begrunnelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_(
            "Søkeren får se begrunnelsen. Den må fylles ut ved avslag; ved godkjenning står den "
            "som merknad i vedtaksbrevet."
        ),
    )
