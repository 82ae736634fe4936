"""The public catalogue's filter form: GET parameters a visitor can share as a link.

Every choice offered is one that occurs among the funded projects. A value that is not (letters
for a year, an id that does not exist) gives a message at its field and is left out of the
filtering, while the valid filters still apply.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.models import FocusArea, SubTheme, SustainableDevelopmentGoal

from .models import Application, Decision, Municipality
from .workflow import PUBLIC_STATES, State

SEARCH_MAX_LENGTH = 200


def public_state_choices():
    """The public states in workflow order, as the State enum lists them."""
    return [(state.value, state.label) for state in State if state in PUBLIC_STATES]


def funded_ids():
    return Application.objects.funded().values("pk")


def focus_area_label(focus_area):
    return f"{focus_area.name} ({focus_area.programme.period})"


def sub_theme_label(sub_theme):
    focus_area = sub_theme.theme.focus_area
    return f"{focus_area.name}: {sub_theme.name} ({focus_area.programme.period})"


class ProjectFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Søk"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Søker i prosjektnavn, sammendrag og kommunenavn."),
        error_messages={"max_length": _("Søket kan være høyst %(limit_value)d tegn.")},
    )
    focus_area = forms.ModelChoiceField(
        label=_("Satsingsområde"),
        required=False,
        queryset=FocusArea.objects.none(),
        empty_label=_("Alle satsingsområder"),
        error_messages={"invalid_choice": _("Velg et satsingsområde fra listen.")},
    )
    sub_theme = forms.ModelChoiceField(
        label=_("Delområde"),
        required=False,
        queryset=SubTheme.objects.none(),
        empty_label=_("Alle delområder"),
        error_messages={"invalid_choice": _("Velg et delområde fra listen.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        required=False,
        queryset=Municipality.objects.none(),
        to_field_name="slug",
        empty_label=_("Alle kommuner"),
        help_text=_("Som prosjekteier eller samarbeidspartner."),
        error_messages={"invalid_choice": _("Velg en kommune fra listen.")},
    )
    year = forms.TypedChoiceField(
        label=_("Vedtaksår"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Velg et år fra listen.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        error_messages={"invalid_choice": _("Velg en status fra listen.")},
    )
    goal = forms.ModelChoiceField(
        label=_("Bærekraftsmål"),
        required=False,
        queryset=SustainableDevelopmentGoal.objects.none(),
        to_field_name="number",
        empty_label=_("Alle bærekraftsmål"),
        error_messages={"invalid_choice": _("Velg et bærekraftsmål fra listen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        funded = funded_ids()
        self.fields["focus_area"].queryset = (
            FocusArea.objects.filter(applications__in=funded)
            .distinct()
            .select_related("programme")
            .order_by("-programme__start_year", "order", "pk")
        )
        self.fields["focus_area"].label_from_instance = focus_area_label
        self.fields["sub_theme"].queryset = (
            SubTheme.objects.filter(applications__in=funded)
            .distinct()
            .select_related("theme__focus_area__programme")
            .order_by(
                "-theme__focus_area__programme__start_year",
                "theme__focus_area__order",
                "theme__order",
                "order",
                "pk",
            )
        )
        self.fields["sub_theme"].label_from_instance = sub_theme_label
        self.fields["municipality"].queryset = (
            Municipality.objects.filter(
                Q(applications__in=funded) | Q(partner_applications__in=funded)
            )
            .distinct()
            .order_by("-is_member", "name")
        )
        self.fields["goal"].queryset = SustainableDevelopmentGoal.objects.filter(
            applications__in=funded
        ).distinct()
        years = Decision.objects.filter(application__in=funded).dates(
            "decided_on", "year", order="DESC"
        )
        self.fields["year"].choices = [("", _("Alle år"))] + [
            (day.year, str(day.year)) for day in years
        ]
        self.fields["status"].choices = [("", _("Alle statuser")), *public_state_choices()]

        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("q", css_class="col-12")),
            Row(
                Column("focus_area", css_class="col-md-6 col-lg-4"),
                Column("sub_theme", css_class="col-md-6 col-lg-4"),
                Column("municipality", css_class="col-md-6 col-lg-4"),
                Column("year", css_class="col-md-6 col-lg-4"),
                Column("status", css_class="col-md-6 col-lg-4"),
                Column("goal", css_class="col-md-6 col-lg-4"),
            ),
        )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def active_filters(self) -> dict:
        """The filters that passed validation and have a value; a bound form with errors keeps
        the valid ones."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, queryset):
        filters = self.active_filters()
        # Many-to-many filters through a subquery, so that a project never appears twice.
        if "focus_area" in filters:
            queryset = queryset.filter(
                pk__in=Application.objects.filter(focus_areas=filters["focus_area"]).values("pk")
            )
        if "sub_theme" in filters:
            queryset = queryset.filter(
                pk__in=Application.objects.filter(sub_themes=filters["sub_theme"]).values("pk")
            )
        if "municipality" in filters:
            municipality = filters["municipality"]
            queryset = queryset.filter(
                Q(lead_municipality=municipality)
                | Q(
                    pk__in=Application.objects.filter(partner_municipalities=municipality).values(
                        "pk"
                    )
                )
            )
        if "year" in filters:
            queryset = queryset.filter(decision__decided_on__year=filters["year"])
        if "status" in filters:
            queryset = queryset.filter(status=filters["status"])
        if "goal" in filters:
            queryset = queryset.filter(
                pk__in=Application.objects.filter(
                    sustainable_development_goals=filters["goal"]
                ).values("pk")
            )
        if "q" in filters:
            queryset = search(queryset, filters["q"])
        return queryset


def search(queryset, text: str):
    """Free text over title, summary and the names of the lead and partner municipalities.
    Each word must occur somewhere."""
    for word in text.split():
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(lead_municipality__name__icontains=word)
            | Q(
                pk__in=Application.objects.filter(
                    partner_municipalities__name__icontains=word
                ).values("pk")
            )
        )
    return queryset
