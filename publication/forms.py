"""The public catalogue's filter form: GET parameters a visitor can share as a link.

Every choice offered is one that occurs among the funded projects. A value that is not (letters
for a year, an id that does not exist) gives a message at its field and is left out of the
filtering, while the valid filters still apply.
"""

import html

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Exists, OuterRef, Q
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from hamarregion.search.matching import SEARCH_MAX_LENGTH
from projects.models import Application
from projects.selectors import search
from projects.workflow import PUBLIC_STATES, State

from .catalogue_choices import catalogue_choices


def public_state_choices():
    """The public states in workflow order, as the State enum lists them."""
    return [(state.value, state.label) for state in State if state in PUBLIC_STATES]


def linked_to(relation: str, pk: int):
    """Whether a many-to-many relation links the application to the row `pk`, read from the
    links alone, without joining the applications a second time. As EXISTS rather than IN: at
    100,000 projects PostgreSQL then walks the decisions newest first and stops after one page
    (1 ms), where IN had it read every project of the filter and sort them (86 ms)."""
    field = Application._meta.get_field(relation)
    links = field.remote_field.through.objects
    return Exists(
        links.filter(**{field.m2m_reverse_field_name(): pk, field.m2m_field_name(): OuterRef("pk")})
    )


class PlainSelect(forms.Select):
    """Django's select, its options written out here rather than through a template each:
    through the template engine, or format_html, the form's hundred-odd options cost several
    milliseconds of every catalogue page. The same markup as django/forms/widgets/select.html,
    for choices without groups."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "select form-select", **(attrs or {})}, choices)

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        options = []
        selected_one = False
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = not selected_one and option_value in chosen
            selected_one |= selected
            # html.escape is what django.utils.html.escape does, without its wrappers.
            options.append(
                f'<option value="{html.escape(option_value)}"{" selected" if selected else ""}>'
                f"{html.escape(str(label))}</option>"
            )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        # Safe: every value and label above is escaped, and flatatt escapes the attributes.
        return mark_safe(  # noqa: S308  # nosec B308, B703
            f'<select name="{html.escape(name)}"{attributes}>\n'
            + "\n".join(options)
            + "\n</select>"
        )


class FundedChoiceField(forms.TypedChoiceField):
    """A choice among those the funded projects use (catalogue_choices), checked against the
    list without a query, where a ModelChoiceField would fetch the row again. Reads a number as
    ModelChoiceField did: «03» is 3."""

    widget = PlainSelect

    def to_python(self, value):
        value = super().to_python(value)
        ProhibitNullCharactersValidator()(value)
        if self.coerce is int:
            try:
                return str(int(value))
            except ValueError:
                pass
        return value


class ProjectFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Søk"),
        widget=forms.TextInput(attrs={"class": "textinput form-control"}),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Søker i prosjektnavn, sammendrag og kommunenavn."),
        error_messages={"max_length": _("Søket kan være høyst %(limit_value)d tegn.")},
    )
    focus_area = FundedChoiceField(
        label=_("Satsingsområde"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Velg et satsingsområde fra listen.")},
    )
    sub_theme = FundedChoiceField(
        label=_("Delområde"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Velg et delområde fra listen.")},
    )
    municipality = FundedChoiceField(
        label=_("Kommune"),
        required=False,
        empty_value=None,
        help_text=_("Som prosjekteier eller samarbeidspartner."),
        error_messages={"invalid_choice": _("Velg en kommune fra listen.")},
    )
    year = forms.TypedChoiceField(
        label=_("Vedtaksår"),
        widget=PlainSelect,
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Velg et år fra listen.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        widget=PlainSelect,
        required=False,
        error_messages={"invalid_choice": _("Velg en status fra listen.")},
    )
    goal = FundedChoiceField(
        label=_("Bærekraftsmål"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Velg et bærekraftsmål fra listen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices = catalogue_choices()
        fields = self.fields
        fields["focus_area"].choices = [("", _("Alle satsingsområder")), *choices.focus_areas]
        fields["sub_theme"].choices = [("", _("Alle delområder")), *choices.sub_themes]
        fields["municipality"].choices = [("", _("Alle kommuner"))] + [
            (slug, name) for slug, name, _pk in choices.municipalities
        ]
        fields["year"].choices = [("", _("Alle år"))] + [
            (year, str(year)) for year in choices.years
        ]
        fields["status"].choices = [("", _("Alle statuser")), *public_state_choices()]
        fields["goal"].choices = [("", _("Alle bærekraftsmål"))] + [
            (number, label) for number, label, _pk in choices.goals
        ]

    def choice_fields(self):
        """The fields after the search box, in the order the page shows them."""
        return [self[name] for name in self.fields if name != "q"]

    def full_clean(self):
        super().full_clean()
        # Bootstrap shows a field's message (.invalid-feedback) only next to an .is-invalid one.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    # The address names a municipality by its slug and a goal by its number; the filters use ids.
    def clean_municipality(self):
        slug = self.cleaned_data["municipality"]
        return next((pk for key, _name, pk in self.choices.municipalities if key == slug), None)

    def clean_goal(self):
        number = self.cleaned_data["goal"]
        return next((pk for key, _label, pk in self.choices.goals if key == number), None)

    def active_filters(self) -> dict:
        """The filters that passed validation and have a value; a bound form with errors keeps
        the valid ones."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def active_filter_values(self) -> list[tuple[str, str, str, str]]:
        """(name, field label, value label, value as the address writes it) for each filter that
        applies, in the form's order: what the page lists as «active filters»."""
        active = self.active_filters()
        shown = []
        for name, field in self.fields.items():
            if name not in active:
                continue
            if name == "q":
                shown.append((name, str(field.label), active[name], active[name]))
                continue
            # Valid, so the address's value, read as the field reads it, is one of the choices.
            value = str(field.to_python(self.data.get(name)))
            label = next(str(label) for key, label in field.choices if str(key) == value)
            shown.append((name, str(field.label), label, value))
        return shown

    def filter(self, queryset):
        filters = self.active_filters()
        # Many-to-many filters through a subquery on the links, so that a project never appears
        # twice.
        if "focus_area" in filters:
            queryset = queryset.filter(linked_to("focus_areas", filters["focus_area"]))
        if "sub_theme" in filters:
            queryset = queryset.filter(linked_to("sub_themes", filters["sub_theme"]))
        if "municipality" in filters:
            municipality = filters["municipality"]
            queryset = queryset.filter(
                Q(lead_municipality=municipality)
                | linked_to("partner_municipalities", municipality)
            )
        if "year" in filters:
            queryset = queryset.filter(decision__decided_on__year=filters["year"])
        if "status" in filters:
            queryset = queryset.filter(status=filters["status"])
        if "goal" in filters:
            queryset = queryset.filter(linked_to("sustainable_development_goals", filters["goal"]))
        if "q" in filters:
            # By a municipality no funded project names no project is found: those among the
            # choices are all the search needs to look for, and need no query.
            named = [(pk, name) for _slug, name, pk in self.choices.municipalities]
            queryset = search(queryset, filters["q"], municipalities=named)
        return queryset
