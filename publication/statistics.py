"""The figures of the public statistics page, summed in the database: one GROUP BY query per
table, however many applications there are.

What is counted:
- granted: the council's granted amount (Decision.granted_amount) of the funded projects
  (Application.objects.funded(): approved, under way, reported, completed). Rejected, withdrawn
  and unfinished applications grant nothing, whatever record they carry.
- by focus area: a project that serves several focus areas counts in full under each of them.
- by municipality: the lead municipality (prosjekteier) only; partners are not counted.
- municipalities involved (the front page): every municipality that leads a funded project or
  is a partner in one, each counted once.
- by year: the year of the council's decision.
- per funding call: the applications sent in (drafts and drafts withdrawn before they were sent
  are not applications yet) and the share approved of those decided: approved / (approved +
  rejected). Undecided applications are left out of the share.

A programme period narrows every figure to the funding calls of that programme; None means
all the periods the public may read (published and archived).

The pages ask for `page_figures` and `front_page_figures`: worked out once per content version
(hamarregion/content_version.py) and language, and kept in the shared cache, so that a page
rendered again, in any process, sums nothing until the content changes.
"""

from dataclasses import dataclass

from django.db.models import BigIntegerField, Count, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hamarregion import content_version
from programme.models import FocusArea, Programme
from projects.models import Application, FundingCall, Municipality
from projects.workflow import PUBLIC_STATES, State

# Sent in at some point: every state but the draft, and a withdrawn application only if it had
# been sent in before it was withdrawn.
SENT_IN_STATES = frozenset(State) - {State.DRAFT, State.WITHDRAWN}


@dataclass(frozen=True)
class GrantRow:
    label: str
    amount: int
    projects: int


@dataclass(frozen=True)
class CallRow:
    label: str
    applications: int
    approved: int
    rejected: int

    @property
    def decided(self) -> int:
        return self.approved + self.rejected

    @property
    def approved_share(self) -> float | None:
        """approved / (approved + rejected); None while none is decided."""
        return self.approved / self.decided if self.decided else None


@dataclass(frozen=True)
class Totals:
    amount: int
    projects: int


def _granted_sum(prefix: str = "", **filters):
    field = f"{prefix}decision__granted_amount"
    return Coalesce(
        Sum(field, filter=Q(**filters) if filters else None),
        Value(0),
        output_field=BigIntegerField(),
    )


def funded_projects(programme: Programme | None):
    """The funded projects of a programme period, or of all periods."""
    projects = Application.objects.funded()
    if programme is None:
        projects = projects.filter(funding_call__programme__status__in=Programme.PUBLIC_STATUSES)
    else:
        projects = projects.filter(funding_call__programme=programme)
    return projects.order_by()


def totals(programme: Programme | None) -> Totals:
    found = funded_projects(programme).aggregate(amount=_granted_sum(), projects=Count("pk"))
    return Totals(amount=found["amount"], projects=found["projects"])


def municipalities_involved(programme: Programme | None) -> int:
    """How many municipalities take part in the funded projects, as lead municipality or as
    partner, each counted once: one query."""
    funded = funded_projects(programme)
    return (
        Municipality.objects.filter(
            Q(pk__in=funded.values("lead_municipality"))
            | Q(pk__in=funded.values("partner_municipalities"))
        )
        .order_by()
        .count()
    )


def granted_by_focus_area(programme: Programme | None) -> list[GrantRow]:
    """Every focus area of the period, those without grants at 0 kr, in the programme's order;
    then the funded projects with no focus area, if there are any. Across all periods each
    focus area is named with its period, as the same name recurs from period to period."""
    areas = FocusArea.objects.public() if programme is None else programme.focus_areas.all()
    areas = _granted_per_focus_area(areas).values(
        "name", "programme__start_year", "programme__end_year", "amount", "projects"
    )
    rows = []
    for area in areas:
        label = area["name"]
        if programme is None:
            period = Programme(
                start_year=area["programme__start_year"], end_year=area["programme__end_year"]
            ).period
            label = f"{label} ({period})"
        rows.append(GrantRow(label=label, amount=area["amount"], projects=area["projects"]))
    without = (
        funded_projects(programme)
        .filter(focus_areas__isnull=True)
        .aggregate(amount=_granted_sum(), projects=Count("pk"))
    )
    if without["projects"]:
        rows.append(
            GrantRow(
                label=str(_("Uten satsingsområde")),
                amount=without["amount"],
                projects=without["projects"],
            )
        )
    return rows


def _granted_per_focus_area(areas):
    funded = {"applications__status__in": PUBLIC_STATES}
    return (
        areas.order_by()
        .annotate(
            amount=_granted_sum("applications__", **funded),
            projects=Count("applications", filter=Q(**funded), distinct=True),
        )
        .order_by("-programme__start_year", "order", "pk")
    )


def granted_by_published_focus_area() -> tuple[str | None, list[GrantRow]]:
    """The title of the published period and each of its focus areas with what is granted
    under it, as granted_by_focus_area counts it, in one query; (None, []) without one."""
    areas = _granted_per_focus_area(
        FocusArea.objects.filter(programme__status=Programme.Status.PUBLISHED)
    ).values("name", "programme__title", "amount", "projects")
    rows = [GrantRow(label=a["name"], amount=a["amount"], projects=a["projects"]) for a in areas]
    return (areas[0]["programme__title"] if areas else None), rows


def granted_by_municipality(programme: Programme | None) -> list[GrantRow]:
    """The member municipalities (at 0 kr where they have no grant) and any other lead
    municipality with a grant, the largest amount first."""
    funded = {"applications__status__in": PUBLIC_STATES}
    if programme is None:
        funded["applications__funding_call__programme__status__in"] = Programme.PUBLIC_STATUSES
    else:
        funded["applications__funding_call__programme"] = programme
    municipalities = (
        Municipality.objects.annotate(
            amount=_granted_sum("applications__", **funded),
            projects=Count("applications", filter=Q(**funded), distinct=True),
        )
        .filter(Q(is_member=True) | Q(projects__gt=0))
        .values("name", "amount", "projects")
        .order_by("-amount", "name")
    )
    return [
        GrantRow(label=m["name"], amount=m["amount"], projects=m["projects"])
        for m in municipalities
    ]


def granted_by_year(programme: Programme | None) -> list[GrantRow]:
    """One row per year in which the council granted money, the earliest first."""
    years = (
        funded_projects(programme)
        .filter(decision__isnull=False)
        .annotate(year=ExtractYear("decision__decided_on"))
        .values("year")
        .annotate(amount=_granted_sum(), projects=Count("pk"))
        .order_by("year")
    )
    return [
        GrantRow(label=str(y["year"]), amount=y["amount"], projects=y["projects"]) for y in years
    ]


def applications_by_call(programme: Programme | None) -> list[CallRow]:
    """Every published funding call of the period, the earliest deadline first."""
    sent_in = Q(applications__status__in=SENT_IN_STATES) | Q(
        applications__status=State.WITHDRAWN, applications__submitted_at__isnull=False
    )
    calls = FundingCall.objects.published()
    if programme is not None:
        calls = calls.filter(programme=programme)
    calls = (
        calls.order_by()
        .annotate(
            sent_in=Count("applications", filter=sent_in),
            approved=Count("applications", filter=Q(applications__status__in=PUBLIC_STATES)),
            rejected=Count("applications", filter=Q(applications__status=State.REJECTED)),
        )
        .values("title", "sent_in", "approved", "rejected")
        .order_by("closes_at", "title")
    )
    return [
        CallRow(
            label=c["title"],
            applications=c["sent_in"],
            approved=c["approved"],
            rejected=c["rejected"],
        )
        for c in calls
    ]


# An unused copy goes after a day; any change to the content replaces it at once.
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class PageFigures:
    totals: Totals
    by_focus_area: list[GrantRow]
    by_municipality: list[GrantRow]
    by_year: list[GrantRow]
    by_call: list[CallRow]


@dataclass(frozen=True)
class FrontPageFigures:
    totals: Totals
    municipalities: int
    period_title: str | None
    by_focus_area: list[GrantRow]


def _cached(name: str, work_out):
    # The labels are in the page's language («uten satsingsområde»).
    return content_version.cached(
        f"statistics:{name}:{get_language()}", work_out, timeout=CACHE_SECONDS
    )


def page_figures(programme: Programme | None) -> PageFigures:
    """Every figure of the statistics page for a period (None: all public periods)."""
    return _cached(
        f"page:{programme.pk if programme else 'all'}",
        lambda: PageFigures(
            totals=totals(programme),
            by_focus_area=granted_by_focus_area(programme),
            by_municipality=granted_by_municipality(programme),
            by_year=granted_by_year(programme),
            by_call=applications_by_call(programme),
        ),
    )


def front_page_figures() -> FrontPageFigures:
    """What the front page tells of the funded projects over every public period, and per
    focus area of the published one."""

    def work_out():
        period_title, by_focus_area = granted_by_published_focus_area()
        return FrontPageFigures(
            totals=totals(None),
            municipalities=municipalities_involved(None),
            period_title=period_title,
            by_focus_area=by_focus_area,
        )

    return _cached("front-page", work_out)
