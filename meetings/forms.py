"""The meeting pack's and the meeting admin's forms: they parse the input; meetings.services
holds the rules."""

from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from hamarregion.fields import SingleLineFormField
from projects.admin.forms import AmountField, DateField, textarea
from projects.models import Decision
from projects.permissions import COUNCIL_PERMISSION

# Where a project has an end date, its final report is due three months later by default.
REPORT_DAYS_AFTER_END = 90


class DisqualificationForm(forms.Form):
    """A council member's own declaration of a conflict of interest in an agenda item."""

    reason = forms.CharField(
        label=_("Begrunnelse"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv hvorfor du er inhabil.")},
        help_text=_("For eksempel: «Jeg sitter i styret til søkeren.»"),
    )


def council_members():
    """Active council members (the group's permission, given to them through it)."""
    app_label, codename = COUNCIL_PERMISSION.split(".")
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            is_staff=True,
            groups__permissions__content_type__app_label=app_label,
            groups__permissions__codename=codename,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class DisqualificationRecordForm(forms.Form):
    """The secretariat records a member's conflict of interest in an item of the meeting."""

    item = forms.ModelChoiceField(
        label=_("Sak"),
        queryset=None,
        error_messages={"required": _("Velg saken."), "invalid_choice": _("Velg en sak i listen.")},
    )
    member = MemberChoiceField(
        label=_("Rådsmedlem"),
        queryset=None,
        error_messages={
            "required": _("Velg rådsmedlemmet."),
            "invalid_choice": _("Velg et rådsmedlem i listen."),
        },
    )
    reason = forms.CharField(
        label=_("Begrunnelse"),
        max_length=2000,
        widget=textarea(3),
        error_messages={"required": _("Skriv hvorfor rådsmedlemmet er inhabilt.")},
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.agenda_items.order_by("number", "pk")
        self.fields["member"].queryset = council_members()


class AgendaFromRecommendedForm(forms.Form):
    applications = forms.ModelMultipleChoiceField(
        label=_("Innstilte saker"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Velg minst én innstilt sak."),
            "invalid_choice": _("Velg saker fra listen."),
            "invalid_pk_value": _("Velg saker fra listen."),
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = candidates


class DecisionRowForm(forms.Form):
    """One case of the meeting's decisions: the outcome, and what the decision needs."""

    application_id = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Vedtak"),
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg innvilget eller avslag.")},
    )
    granted_amount = AmountField(label=_("Innvilget beløp (kr)"), required=False)
    case_number = SingleLineFormField(
        label=_("Saksnummer"),
        max_length=50,
        required=False,
        help_text=_("Arkivets referanse, for eksempel 26/01234."),
    )
    report_due_on = DateField(label=_("Frist for sluttrapport"), required=False)
    decision_text = forms.CharField(label=_("Vedtakstekst"), required=False, widget=textarea(3))
    conditions = forms.CharField(label=_("Vilkår"), required=False, widget=textarea(3))

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Decision.Outcome.REJECTED:
            data["granted_amount"] = 0
            data["report_due_on"] = None
        return data


DecisionFormSet = forms.formset_factory(DecisionRowForm, extra=0)


def decision_initial(application, meeting) -> dict:
    """A row's starting values: the recommendation, approved at the recommended amount (a
    recommended 0 kr is a recommended rejection)."""
    recommended = application.recommended_sum or 0
    report_due_on = None
    if application.end_date:
        report_due_on = application.end_date + timedelta(days=REPORT_DAYS_AFTER_END)
    return {
        "application_id": application.pk,
        "outcome": Decision.Outcome.APPROVED if recommended else Decision.Outcome.REJECTED,
        "granted_amount": recommended or None,
        "report_due_on": report_due_on,
        "decision_text": _("Regionrådet vedtok sekretariatets innstilling i %(meeting)s.")
        % {"meeting": meeting},
    }
