"""The programme dataset: the published and archived periods with their focus areas, themes,
sub-themes, narrative, sustainable development goals and commitments with their updates."""

from django.db.models import Prefetch
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from hamarregion.site_address import absolute_url
from programme.models import (
    Commitment,
    CommitmentUpdate,
    FocusArea,
    NarrativeSection,
    Programme,
    SubTheme,
    Theme,
)
from projects.models import Application

from .schema import Dataset, Field, Level, choices_of, example_url


def public_programmes():
    """Published and archived periods, each with everything below it, in a fixed number of
    queries however long the programme is."""
    return (
        Programme.objects.public()
        .order_by("-start_year", "title")
        .prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "pk")),
            "focus_areas__sustainable_development_goals",
            Prefetch("focus_areas__themes", queryset=Theme.objects.order_by("order", "pk")),
            Prefetch(
                "focus_areas__themes__sub_themes", queryset=SubTheme.objects.order_by("order", "pk")
            ),
            Prefetch(
                "focus_areas__sections", queryset=NarrativeSection.objects.order_by("order", "pk")
            ),
            Prefetch(
                "focus_areas__commitments", queryset=Commitment.objects.order_by("order", "pk")
            ),
            Prefetch(
                "focus_areas__commitments__updates",
                queryset=CommitmentUpdate.objects.order_by("date", "pk").only(
                    "pk", "commitment_id", "date", "text"
                ),
            ),
            Prefetch(
                "focus_areas__commitments__projects",
                queryset=Application.objects.funded().only("pk").order_by("pk"),
                to_attr="public_projects",
            ),
        )
    )


def slug_field(example, what):
    return Field(
        "slug", "string", _("Adresse"),
        format_lazy(_("Adressen (slug) til {what}; brukes i nettadressen."), what=what),
        example, lambda r: r.slug, required=True, key=True,
    )  # fmt: skip


def order_field():
    return Field(
        "order", "integer", _("Rekkefølge"), _("Plassen i handlingsprogrammet, fra 0 og opp."),
        "1", lambda r: r.order, required=True,
    )  # fmt: skip


def url_field(example):
    return Field(
        "url", "string", _("Adresse"), _("Siden i portalen."), example,
        lambda r: absolute_url(r.get_absolute_url()), required=True, format="uri",
    )  # fmt: skip


COMMITMENT_UPDATE = Level(
    name="commitment_update",
    title=_("Oppdatering"),
    json_key="updates",
    items=lambda commitment: commitment.updates.all(),
    fields=(
        Field(
            "date", "date", _("Dato"), _("Datoen oppdateringen gjelder."), "2023-06-01",
            lambda u: u.date, required=True, key=True,
        ),
        Field(
            "text", "string", _("Tekst"), _("Sekretariatets oppdatering, i Markdown."),
            "Avtalen er signert.", lambda u: u.text, required=True,
        ),
    ),
)  # fmt: skip

COMMITMENT = Level(
    name="commitment",
    title=_("Forpliktelse"),
    json_key="commitments",
    items=lambda area: area.commitments.all(),
    sublevels=(COMMITMENT_UPDATE,),
    fields=(
        slug_field("regionvekstavtale", _("forpliktelsen")),
        order_field(),
        Field(
            "text", "string", _("Forpliktelse"), _("Hva regionrådet vil gjøre."),
            "Regionrådet vil jobbe for regionvekstavtaler gjennom Mjøsby-samarbeidet.",
            lambda c: c.text, required=True,
        ),
        Field(
            "status", "string", _("Status"), _("Hvor langt forpliktelsen er fulgt opp."),
            Commitment.Status.UNDER_WAY.value, lambda c: c.status, required=True,
            choices=choices_of(Commitment.Status),
        ),
        Field(
            "progress", "integer", _("Framdrift (prosent)"),
            _("Fra 0 til 100; en fullført forpliktelse har 100."),
            "40", lambda c: c.progress, required=True,
        ),
        Field(
            "projects", "list", _("Prosjekter"),
            _("Numrene (id i datasettet prosjekter) på prosjektene som følger opp "
              "forpliktelsen."),
            "42; 57", lambda c: [p.pk for p in c.public_projects], item_type="integer",
        ),
        url_field(example_url("/handlingsprogram/2022-2023/befolkningsvekst/"
                              "#forpliktelse-regionvekstavtale")),
    ),
)  # fmt: skip

SUB_THEME = Level(
    name="sub_theme",
    title=_("Delområde"),
    json_key="sub_themes",
    items=lambda theme: theme.sub_themes.all(),
    fields=(
        slug_field("bolyst", _("delområdet")),
        Field("name", "string", _("Navn"), _("Delområdets navn."), "Bolyst",
              lambda s: s.name, required=True, key=True),
        order_field(),
    ),
)  # fmt: skip

THEME = Level(
    name="theme",
    title=_("Tema"),
    json_key="themes",
    items=lambda area: area.themes.all(),
    sublevels=(SUB_THEME,),
    fields=(
        slug_field("attraktivitet", _("temaet")),
        Field("name", "string", _("Navn"), _("Temaets navn."), "Attraktivitet",
              lambda t: t.name, required=True, key=True),
        order_field(),
    ),
)  # fmt: skip

NARRATIVE_SECTION = Level(
    name="narrative_section",
    title=_("Omtale"),
    json_key="narrative_sections",
    items=lambda area: area.sections.all(),
    fields=(
        slug_field("utfordringer", _("omtalen")),
        Field("title", "string", _("Overskrift"), _("Omtalens overskrift; kan være tom."),
              "Utfordringer", lambda s: s.title, key=True),
        order_field(),
        Field("body", "string", _("Tekst"), _("Omtalen, i Markdown."),
              "Regionen skal vokse.", lambda s: s.body, required=True),
    ),
)  # fmt: skip

FOCUS_AREA = Level(
    name="focus_area",
    title=_("Satsingsområde"),
    json_key="focus_areas",
    items=lambda programme: programme.focus_areas.all(),
    sublevels=(THEME, NARRATIVE_SECTION, COMMITMENT),
    fields=(
        slug_field("befolkningsvekst", _("satsingsområdet")),
        Field("name", "string", _("Navn"), _("Satsingsområdets navn."), "Befolkningsvekst",
              lambda a: a.name, required=True, key=True),
        order_field(),
        Field(
            "sustainable_development_goals", "list", _("FNs bærekraftsmål"),
            _("Numrene (1–17) på bærekraftsmålene satsingsområdet særlig bidrar til."),
            "3; 8; 11", lambda a: [g.number for g in a.sustainable_development_goals.all()],
            item_type="integer",
        ),
        url_field(example_url("/handlingsprogram/2022-2023/befolkningsvekst/")),
    ),
)  # fmt: skip

PROGRAMME = Level(
    name="programme",
    title=_("Handlingsprogram"),
    sublevels=(FOCUS_AREA,),
    fields=(
        slug_field("2022-2023", _("handlingsprogrammet")),
        Field("title", "string", _("Tittel"), _("Handlingsprogrammets tittel."),
              "Handlingsprogram 2022–2023", lambda p: p.title, required=True, key=True),
        Field("start_year", "integer", _("Fra år"), _("Første år i perioden."), "2022",
              lambda p: p.start_year, required=True),
        Field("end_year", "integer", _("Til år"), _("Siste år i perioden."), "2023",
              lambda p: p.end_year, required=True),
        Field(
            "status", "string", _("Status"),
            _("Publisert er perioden som gjelder nå; arkivert er en tidligere periode."),
            Programme.Status.PUBLISHED.value, lambda p: p.status, required=True,
            choices=choices_of(Programme.Status, Programme.PUBLIC_STATUSES),
        ),
        Field("vision", "string", _("Visjon"), _("Regionrådets visjon."),
              "Innlandets foretrukne bo- og arbeidsregion", lambda p: p.vision, required=True),
        Field("introduction", "string", _("Innledning"), _("Innledningen, i Markdown."),
              "Hamarregionen IPR er ...", lambda p: p.introduction),
        url_field(example_url("/handlingsprogram/2022-2023/")),
    ),
)  # fmt: skip

PROGRAMMES = Dataset(
    slug="handlingsprogram",
    title=_("Handlingsprogram"),
    description=_(
        "Handlingsprogrammene som er publisert eller arkivert: satsingsområder, temaer, "
        "delområder, omtaler, FNs bærekraftsmål og forpliktelsene med framdrift og "
        "oppdateringer. Utkast er ikke med."
    ),
    root=PROGRAMME,
    objects=public_programmes,
)
