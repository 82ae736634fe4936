"""Funded projects on other apps' public pages. The programme's templates load this library, so
that the programme app's Python never depends on projects."""

from django import template
from django.db.models import Count, Sum

from projects.models import Application
from projects.workflow import State

register = template.Library()

# A focus area gathers thousands of projects over the years: its page lists the newest and
# links to the catalogue, filtered by the focus area, for the rest.
FOCUS_AREA_PROJECTS_SHOWN = 10


@register.filter
def status_label(status: str) -> str:
    """The label of a workflow state, as get_status_display() gives it, at a tenth of the cost:
    that method looks the value up in a dict it builds of every choice on each call, hashing
    each choice's translated label (some 70 µs, on every card of the catalogue)."""
    return State(status).label


@register.inclusion_tag("publication/catalogue/includes/focus_area_projects.html")
def focus_area_projects(focus_area):
    """The newest funded projects under a focus area, how many there are and the total granted
    to them, counted as the catalogue filtered by the focus area counts them: two queries,
    however many projects there are."""
    funded = Application.objects.funded().filter(focus_areas=focus_area).newest_decision_first()
    totals = funded.aggregate(count=Count("pk"), granted=Sum("decision__granted_amount", default=0))
    projects = funded.select_related("lead_municipality", "decision")
    return {
        "focus_area": focus_area,
        "projects": list(projects[:FOCUS_AREA_PROJECTS_SHOWN]),
        "project_count": totals["count"],
        "total_granted": totals["granted"],
    }
