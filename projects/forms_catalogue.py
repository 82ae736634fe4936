"""The public catalogue's filter form: GET parameters a visitor can share as a link.

Every choice offered is one that occurs among the funded projects. A value that is not (letters
for a year, an id that does not exist) gives a message at its field and is left out of the
filtering, while the valid filters still apply.
"""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
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


def linked_to_funded(relation: str, column: str):
    """The ids that a many-to-many relation of the funded projects links to, as a subquery.
    Filtering on it (pk__in) instead of joining the links and taking DISTINCT keeps the choices
    fast: with ten thousand projects the join has tens of thousands of rows to sort, and two
    such joins in one query (municipalities owning or partnering) multiply each other."""
    links = getattr(Application, relation).through.objects
    return links.filter(application__in=funded_ids()).values(column)


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
            FocusArea.objects.filter(pk__in=linked_to_funded("focus_areas", "focusarea"))
            .select_related("programme")
            .order_by("-programme__start_year", "order", "pk")
        )
        self.fields["focus_area"].label_from_instance = focus_area_label
        self.fields["sub_theme"].queryset = (
            SubTheme.objects.filter(pk__in=linked_to_funded("sub_themes", "subtheme"))
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
        self.fields["municipality"].queryset = Municipality.objects.filter(
            Q(pk__in=funded.values("lead_municipality"))
            | Q(pk__in=linked_to_funded("partner_municipalities", "municipality"))
        ).order_by("-is_member", "name")
        self.fields["goal"].queryset = SustainableDevelopmentGoal.objects.filter(
            pk__in=linked_to_funded("sustainable_development_goals", "sustainabledevelopmentgoal")
        )
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


# PostgreSQL's full-text search reads this text of a project. Migration
# 0009_application_search_index builds a GIN index on exactly this expression, so that the
# planner can use it: change the two together.
SEARCH_CONFIG = "norwegian"
# Longer than any word: such a "word" can only be pasted noise, and finds nothing.
LONGEST_WORD = 100
# The first this many different words decide; more would only narrow a search that no project
# is likely to pass, and make a query too large for SQLite.
MOST_WORDS = 30
WORD = re.compile(r"\w+")


def search_vector():
    return SearchVector("title", "summary", config=SEARCH_CONFIG)


def search(queryset, text: str):
    """Free text over title, summary and the names of the lead and partner municipalities.
    Each word must occur somewhere."""
    text = " ".join(list(dict.fromkeys(text.split()))[:MOST_WORDS])
    if connections[queryset.db].vendor == "postgresql":
        return full_text_search(queryset, text)
    return substring_search(queryset, text)


def substring_search(queryset, text: str):
    """SQLite: each word anywhere in a title, summary or municipality name."""
    for word in text.split():
        queryset = queryset.filter(contains(word))
    return queryset


def contains(word: str) -> Q:
    return (
        Q(title__icontains=word)
        | Q(summary__icontains=word)
        | Q(lead_municipality__name__icontains=word)
        | Q(
            pk__in=Application.objects.filter(partner_municipalities__name__icontains=word).values(
                "pk"
            )
        )
    )


def full_text_search(queryset, text: str):
    """PostgreSQL: Norwegian full-text search over title and summary (so «gründer» finds
    «gründere»), each word also as the start of a longer one, through the GIN index.

    A word that starts a municipality's name («Hamar», «fylkeskommune») also finds that
    municipality's projects. The few municipalities are matched here, in Python, so that a word
    naming none (most words) is a plain index search; a municipality word becomes a union of
    three index scans (text, owner, partner), which the planner handles far better than an OR
    across tables, which would compute the text of every row."""
    words = []
    for chunk in text.split():
        found = WORD.findall(chunk)
        words += found
        if not found:
            # Only signs («%», «&»): the text search ignores them, so they are matched as written.
            queryset = queryset.filter(contains(chunk))
    words = list(dict.fromkeys(word.lower() for word in words))
    if not words:
        return queryset
    if any(len(word) > LONGEST_WORD for word in words):
        return queryset.none()
    municipalities = [
        (pk, WORD.findall(name.lower()))
        for pk, name in Municipality.objects.values_list("pk", "name")
    ]
    plain_words = []
    for word in words:
        named = [pk for pk, parts in municipalities if any(p.startswith(word) for p in parts)]
        if named:
            queryset = queryset.filter(
                pk__in=text_matches([word]).union(
                    Application.objects.filter(lead_municipality__in=named).order_by().values("pk"),
                    Application.objects.filter(partner_municipalities__in=named)
                    .order_by()
                    .values("pk"),
                )
            )
        else:
            plain_words.append(word)
    if plain_words:
        queryset = queryset.alias(search_text=search_vector()).filter(
            search_text=prefix_query(plain_words)
        )
    return queryset


def text_matches(words):
    return (
        Application.objects.alias(search_text=search_vector())
        .filter(search_text=prefix_query(words))
        .order_by()
        .values("pk")
    )


def prefix_query(words):
    """Every word, each also as a prefix: to_tsquery('norwegian', 'gründer':* & 'hamar':*).
    The words are runs of letters and digits (WORD), so quoting them is enough to keep
    to_tsquery's operators (& | ! : * ( ) <->) out of the visitor's hands."""
    return SearchQuery(
        " & ".join(f"'{word}':*" for word in words), search_type="raw", config=SEARCH_CONFIG
    )
