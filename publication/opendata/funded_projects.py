"""The funded projects dataset: what the public project page shows, one record per project."""

from django.utils.translation import gettext_lazy as _

from hamarregion.site_address import absolute_url
from projects.models import Application
from projects.workflow import PUBLIC_STATES, State

from ..selectors import open_data_projects
from .schema import Dataset, Field, Level, choices_of, example_url


def project_results(project):
    # As the project page: the final report's results once the secretariat has approved it.
    if project.status != State.COMPLETED:
        return None
    report = project.final_report_or_none()
    return report.results if report else None


def project_decided_on(project):
    decision = project.decision_or_none()
    return decision.decided_on if decision else None


PROJECT_FIELDS = (
    Field(
        "id", "integer", _("Nummer"),
        _("Prosjektets nummer i portalen, det samme som i adressen til prosjektsiden."),
        "42", lambda p: p.pk, required=True,
    ),
    Field(
        "url", "string", _("Adresse"), _("Prosjektsiden i portalen."),
        example_url("/prosjekter/42/"),
        lambda p: absolute_url(p.get_public_url()), required=True, format="uri",
    ),
    Field(
        "title", "string", _("Prosjektnavn"), _("Prosjektets navn."),
        "Bolyst i Hamarregionen", lambda p: p.title, required=True,
    ),
    Field(
        "summary", "string", _("Sammendrag"), _("Kort sammendrag, høyst 500 tegn."),
        "Et samarbeid om å gjøre regionen til et godt sted å bo.", lambda p: p.summary,
    ),
    Field(
        "status", "string", _("Status"), _("Hvor langt prosjektet har kommet."),
        State.IN_PROGRESS.value, lambda p: p.status, required=True,
        choices=choices_of(State, PUBLIC_STATES),
    ),
    Field(
        "lead_municipality", "string", _("Prosjekteier"),
        _("Kommunen eller partneren som eier prosjektet."),
        "Hamar", lambda p: p.lead_municipality.name, required=True,
    ),
    Field(
        "lead_municipality_number", "string", _("Prosjekteiers kommunenummer"),
        _("Fire sifre; tom for partnere uten kommunenummer."),
        "3403", lambda p: p.lead_municipality.number,
    ),
    Field(
        "partner_municipalities", "list", _("Samarbeidende kommuner og partnere"),
        _("Kommuner og partnere som deltar i prosjektet, utenom prosjekteieren."),
        "Løten; Stange", lambda p: [m.name for m in p.partner_municipalities.all()],
        item_type="string",
    ),
    Field(
        "programme", "string", _("Handlingsprogram"),
        _("Adressen (slug) til handlingsprogrammet utlysningen hører til; se datasettet "
          "handlingsprogram."),
        "2022-2023", lambda p: p.funding_call.programme.slug, required=True,
    ),
    Field(
        "funding_call", "string", _("Utlysning"), _("Utlysningen prosjektet søkte i."),
        "Utviklingsmidler 2023", lambda p: p.funding_call.title, required=True,
    ),
    Field(
        "phase", "string", _("Fase"), _("Prosjektets fase."),
        Application.Phase.PRE_PROJECT.value, lambda p: p.phase,
        choices=choices_of(Application.Phase),
    ),
    Field(
        "start_date", "date", _("Startdato"), _("Når prosjektet starter."),
        "2023-01-01", lambda p: p.start_date,
    ),
    Field(
        "end_date", "date", _("Sluttdato"), _("Når prosjektet slutter."),
        "2023-12-31", lambda p: p.end_date,
    ),
    Field(
        "decided_on", "date", _("Vedtaksdato"),
        _("Datoen regionrådet innvilget søknaden."),
        "2023-03-12", project_decided_on, required=True,
    ),
    Field(
        "granted_amount", "integer", _("Innvilget beløp (kr)"),
        _("Utviklingsmidlene regionrådet innvilget, i hele kroner."),
        "400000", lambda p: p.granted_amount(), required=True,
    ),
    Field(
        "focus_areas", "list", _("Satsingsområder"),
        _("Satsingsområdene i handlingsprogrammet prosjektet hører til."),
        "Befolkningsvekst", lambda p: [a.name for a in p.focus_areas.all()],
        item_type="string",
    ),
    Field(
        "sub_themes", "list", _("Delområder"),
        _("Delområdene under satsingsområdene prosjektet hører til."),
        "Bolyst; Tilflytting", lambda p: [s.name for s in p.sub_themes.all()],
        item_type="string",
    ),
    Field(
        "sustainable_development_goals", "list", _("FNs bærekraftsmål"),
        _("Numrene (1–17) på bærekraftsmålene prosjektet bidrar til."),
        "8; 11", lambda p: [g.number for g in p.sustainable_development_goals.all()],
        item_type="integer",
    ),
    Field(
        "main_goal", "string", _("Hovedmål"), _("Prosjektets hovedmål."),
        "Flere innbyggere.", lambda p: p.main_goal,
    ),
    Field(
        "sub_goals", "string", _("Delmål"), _("Prosjektets delmål."),
        "Kartlegge. Prøve ut.", lambda p: p.sub_goals,
    ),
    Field(
        "results", "string", _("Resultater"),
        _("Hva prosjektet oppnådde, fra sluttrapporten; bare for avsluttede prosjekter."),
        "Prosjektet nådde hovedmålet.", project_results,
    ),
)  # fmt: skip

PROJECTS = Dataset(
    slug="prosjekter",
    title=_("Prosjekter med utviklingsmidler"),
    description=_(
        "Prosjektene regionrådet har innvilget utviklingsmidler til: innvilget, under "
        "gjennomføring og avsluttet. Én rad per prosjekt."
    ),
    root=Level(name="project", title=_("Prosjekt"), fields=PROJECT_FIELDS),
    objects=open_data_projects,
    primary_key=("id",),
)
