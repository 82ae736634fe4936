"""What the public read side reads of the funded projects, in one place for the catalogue, the
project page, the feed, the site search, the programme's focus area and goal pages and the open
data.

Only Application.objects.funded() is ever read here, and only fields fit for the public: no
project leader, contact person, recommendation, comment or actor. The statistics' sums are in
statistics.py, the catalogue's filter choices in catalogue_choices.py.
"""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from hamarregion import content_version
from programme.models import Commitment, FocusArea, Programme, SubTheme
from projects.models import Application, Municipality, StatusChange
from projects.selectors import search
from projects.workflow import Action

# The steps of a project the public may follow on its page, with their dates.
PUBLIC_STEPS = (Action.APPROVE, Action.START_PROJECT, Action.APPROVE_REPORT)


def catalogue_projects():
    """Funded projects with what a catalogue entry shows, in a fixed number of queries.

    The lead municipality is fetched for the page's rows rather than joined: PostgreSQL then
    always reads the decisions in the order of their index and stops after one page, where the
    extra join, with the tables not yet analysed, made it sort every funded project."""
    return (
        Application.objects.funded()
        .newest_decision_first()
        .select_related("decision")
        .prefetch_related(
            "lead_municipality",
            "partner_municipalities",
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "pk")),
        )
    )


def catalogue_cards():
    """catalogue_projects() with the partners and the focus areas as plain lists on each row,
    partner_list and focus_area_list: filled into the related managers instead, the prefetch
    builds a filtered queryset for every row, which cost a quarter of the page's time."""
    return (
        Application.objects.funded()
        .newest_decision_first()
        .select_related("decision")
        .prefetch_related(
            "lead_municipality",
            Prefetch("partner_municipalities", to_attr="partner_list"),
            Prefetch(
                "focus_areas",
                queryset=FocusArea.objects.order_by("order", "pk"),
                to_attr="focus_area_list",
            ),
        )
    )


def catalogue_counted():
    """What the catalogue counts the matches of its filters in: catalogue_cards() without the
    join on the decision, which only orders the page (every funded project has a decision,
    Application.objects.newest_decision_first). With the join PostgreSQL read every decision
    for a search's count: 23 ms at 100,000 projects, 9 ms without."""
    return Application.objects.funded()


def project_pages():
    """Funded projects with everything their public page shows; the steps in PUBLIC_STEPS as
    public_changes."""
    return (
        Application.objects.funded()
        .select_related("lead_municipality", "decision__meeting", "final_report")
        .prefetch_related(
            "partner_municipalities",
            Prefetch(
                "focus_areas",
                queryset=FocusArea.objects.select_related("programme").order_by("order", "pk"),
            ),
            Prefetch(
                "sub_themes",
                queryset=SubTheme.objects.select_related("theme__focus_area__programme").order_by(
                    "theme__focus_area__order", "theme__order", "order", "pk"
                ),
            ),
            "sustainable_development_goals",
            Prefetch(
                "commitments",
                # Only those in a period the public may read, with what their address needs.
                queryset=Commitment.objects.filter(
                    focus_area__programme__status__in=Programme.PUBLIC_STATUSES
                )
                .select_related("focus_area__programme")
                .order_by("-focus_area__programme__start_year", "focus_area__order", "order"),
                to_attr="public_commitments",
            ),
            Prefetch(
                "status_changes",
                # Dates only: never who took the step or what they wrote.
                queryset=StatusChange.objects.filter(action__in=PUBLIC_STEPS)
                .only("pk", "application_id", "action", "created_at")
                .order_by("created_at", "pk"),
                to_attr="public_changes",
            ),
        )
    )


def found_projects(text: str):
    """The catalogue's search over the funded projects, newest decision first: the site
    search's hits are the same as the catalogue's."""
    return (
        search(Application.objects.funded(), text)
        .newest_decision_first()
        .select_related("lead_municipality")
    )


# An unused copy goes after a day; any change to the content replaces it at once.
NEWEST_FUNDED_CACHE_SECONDS = 24 * 3600


def focus_area_projects(focus_area, *, shown: int) -> dict:
    """The newest `shown` funded projects under a focus area, how many there are and the total
    granted to them, counted as the catalogue filtered by the focus area counts them."""
    return content_version.cached(
        f"publication:focus-area-projects:{focus_area.pk}:{shown}",
        lambda: _newest_funded(Application.objects.funded().filter(focus_areas=focus_area), shown),
        timeout=NEWEST_FUNDED_CACHE_SECONDS,
    )


def goal_projects(goal, *, shown: int) -> dict:
    """The newest `shown` funded projects that name a UN goal, how many there are and the total
    granted to them, counted as the catalogue filtered by the goal counts them."""
    funded = Application.objects.funded().filter(sustainable_development_goals=goal)
    return content_version.cached(
        f"publication:goal-projects:{goal.pk}:{shown}",
        lambda: _newest_funded(funded, shown),
        timeout=NEWEST_FUNDED_CACHE_SECONDS,
    )


def _newest_funded(funded, shown: int) -> dict:
    """Two queries, however many projects there are; worked out once per content version (the
    sum over a focus area's projects grows with them)."""
    funded = funded.newest_decision_first()
    totals = funded.aggregate(count=Count("pk"), granted=Sum("decision__granted_amount", default=0))
    projects = funded.select_related("lead_municipality", "decision")
    return {
        "projects": list(projects[:shown]),
        "project_count": totals["count"],
        "total_granted": totals["granted"],
    }


def open_data_projects():
    """The funded projects with every field of the open dataset, by number."""
    return (
        Application.objects.funded()
        .select_related("lead_municipality", "decision", "final_report", "funding_call__programme")
        .prefetch_related(
            "partner_municipalities",
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "pk")),
            Prefetch(
                "sub_themes",
                queryset=SubTheme.objects.order_by(
                    "theme__focus_area__order", "theme__order", "order", "pk"
                ),
            ),
            "sustainable_development_goals",
        )
        .order_by("pk")
    )


def member_project_counts():
    """The member municipalities, each with project_count: how many funded projects it owns or
    takes part in, counted as the catalogue filtered by the municipality counts them. One
    query."""
    links = Application.partner_municipalities.through.objects
    partnered = links.filter(municipality=OuterRef(OuterRef("pk"))).values("application")
    projects = (
        Application.objects.funded()
        .filter(Q(lead_municipality=OuterRef("pk")) | Q(pk__in=partnered))
        .order_by()
        # Grouped by a constant: one row, the count, for each municipality.
        .annotate(group=Value(1))
        .values("group")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Municipality.objects.members()
        .annotate(project_count=Coalesce(Subquery(projects), 0))
        .order_by("name")
    )
