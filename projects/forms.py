from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from hamarregion.fields import BoundedModelMultipleChoiceField, SingleLineFormField
from programme.models import SubTheme

from .models import Application, CostLine, FundingCall, FundingLine, Municipality
from .services.drafts import DRAFT_CHOICES, DRAFT_FIELDS

# Far above any grant, far below what the database column holds: a number typed beyond it is
# a slip, refused where it is typed.
MAX_AMOUNT = 10**12
MAX_LINES = 100


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ApplicationStartForm(forms.Form):
    """The first step: which call, for which municipality, and a working title."""

    municipality = forms.ModelChoiceField(
        label=_("Prosjekteier"), queryset=Municipality.objects.none(), empty_label=None
    )
    title = SingleLineFormField(label=_("Prosjektnavn"), max_length=200)
    creation_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.applied_for_by(user).filter(
            is_active=True
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


# The application form's fieldsets in page order: (key, legend, fields).
FIELDSETS = [
    ("project", _("Prosjektet"), ("title", "summary", "phase", "start_date", "end_date")),
    (
        "partners",
        _("Prosjekteier og samarbeidspartnere"),
        ("partner_municipalities", "partner_organisations"),
    ),
    (
        "contacts",
        _("Prosjektleder og kontaktperson (vises ikke offentlig)"),
        (
            "project_leader_name",
            "project_leader_email",
            "project_leader_phone",
            "contact_name",
            "contact_email",
            "contact_phone",
        ),
    ),
    (
        "content",
        _("Innhold"),
        (
            "background",
            "main_goal",
            "sub_goals",
            "expected_results",
            "target_group",
            "anchoring",
            "organisation",
        ),
    ),
    (
        "programme",
        _("Handlingsprogrammet"),
        ("focus_areas", "sub_themes", "sustainable_development_goals"),
    ),
]


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        # What the draft service stores; the layout below sets the order on the page.
        fields = sorted(DRAFT_FIELDS | DRAFT_CHOICES)
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4, "maxlength": 500}),
            "partner_municipalities": forms.CheckboxSelectMultiple,
            "partner_organisations": forms.Textarea(attrs={"rows": 3}),
            "background": forms.Textarea(attrs={"rows": 6}),
            "main_goal": forms.Textarea(attrs={"rows": 3}),
            "sub_goals": forms.Textarea(attrs={"rows": 4}),
            "expected_results": forms.Textarea(attrs={"rows": 4}),
            "target_group": forms.Textarea(attrs={"rows": 3}),
            "anchoring": forms.Textarea(attrs={"rows": 4}),
            "organisation": forms.Textarea(attrs={"rows": 4}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "focus_areas": forms.CheckboxSelectMultiple,
            "sub_themes": forms.CheckboxSelectMultiple,
            "sustainable_development_goals": forms.CheckboxSelectMultiple,
        }
        field_classes = dict.fromkeys(
            (
                "partner_municipalities",
                "focus_areas",
                "sub_themes",
                "sustainable_development_goals",
            ),
            BoundedModelMultipleChoiceField,
        )
        help_texts = {
            "phase": _("Forstudie, forprosjekt eller hovedprosjekt."),
            "focus_areas": _("Minst ett av satsingsområdene utlysningen er åpen for."),
            "sub_themes": _("Minst ett delområde under satsingsområdene du har valgt."),
        }

    def __init__(self, *args, step=None, **kwargs):
        """With `step` (a projects.steps.Step), only the fields of that step's fieldsets: a
        step's page stores those and leaves the others as they are."""
        super().__init__(*args, **kwargs)
        application = self.instance
        funding_call: FundingCall = application.funding_call
        self.fields["partner_municipalities"].queryset = Municipality.objects.active().exclude(
            pk=application.lead_municipality_id
        )
        self.fields["focus_areas"].queryset = funding_call.focus_areas.order_by("order", "pk")
        self.fields["sub_themes"].queryset = (
            SubTheme.objects.filter(theme__focus_area__in=funding_call.focus_areas.all())
            .select_related("theme__focus_area")
            .order_by("theme__focus_area__order", "theme__order", "order", "pk")
        )
        self.fields["sub_themes"].label_from_instance = lambda sub: (
            f"{sub.theme.focus_area.name}: {sub.name}"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        fieldsets = [
            (legend, names)
            for key, legend, names in FIELDSETS
            if step is None or key in step.fieldsets
        ]
        if step is not None:
            kept = {name for _legend, names in fieldsets for name in names}
            for name in set(self.fields) - kept:
                del self.fields[name]
        self.helper.layout = Layout(*(Fieldset(legend, *names) for legend, names in fieldsets))

    def _post_clean(self):
        """Parsing only: the form neither fills in the application nor checks the model's rules.
        projects.services.application_save_draft does both with the values parsed here, and
        its refusals come back to the fields (hamarregion.ui.add_service_error)."""


class CostLineForm(forms.ModelForm):
    class Meta:
        model = CostLine
        fields = ["item", "amount"]
        widgets = {"amount": forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"})}

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount > MAX_AMOUNT:
            raise ValidationError(_("Beløpet er urimelig stort."), code="too_large")
        return amount


class FundingLineForm(forms.ModelForm):
    class Meta:
        model = FundingLine
        fields = ["source", "description", "amount"]
        widgets = {"amount": forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"})}

    clean_amount = CostLineForm.clean_amount


def _line_formset(model, form):
    return inlineformset_factory(
        Application,
        model,
        form=form,
        # Three empty rows for typing without JavaScript; static/js/line-tables.js adds more.
        extra=3,
        can_delete=True,
        max_num=MAX_LINES,
        absolute_max=MAX_LINES,
        validate_max=True,
    )


CostLineFormSet = _line_formset(CostLine, CostLineForm)
FundingLineFormSet = _line_formset(FundingLine, FundingLineForm)


def line_values(formset) -> list[dict]:
    """A valid table's rows as plain values for projects.services.application_save_draft,
    the rows formset.save() would write: a stored row changed or marked for deletion, a new row
    typed in. A row id that is not one of the application's is left alone, as the formset
    leaves it."""
    names = [name for name in formset.form._meta.fields if name != formset.fk.name]
    lines = []
    for form in formset.initial_forms:
        line_id = form.instance.pk
        if line_id is None:
            continue
        if form.cleaned_data.get("DELETE"):
            lines.append({"id": line_id, "delete": True})
        elif form.has_changed():
            lines.append({"id": line_id, **{name: form.cleaned_data[name] for name in names}})
    for form in formset.extra_forms:
        if form.has_changed() and not form.cleaned_data.get("DELETE"):
            lines.append({name: form.cleaned_data[name] for name in names})
    return lines


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Vedlegg"),
        help_text=_("PDF, ODT, DOCX, XLSX, ODS, PNG eller JPEG, høyst 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.odt,.docx,.xlsx,.ods,.png,.jpg,.jpeg"}
        ),
    )


class SubmitConfirmationForm(forms.Form):
    """The applicant's confirmation when submitting straight from the one-page edit form (the
    steps confirm on the summary page instead)."""

    confirm_submit = forms.BooleanField(
        label=_("Jeg har sett over søknaden, og opplysningene i den er riktige."),
        error_messages={
            "required": _(
                "Kryss av for å bekrefte at du har sett over søknaden før du sender den inn."
            )
        },
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
