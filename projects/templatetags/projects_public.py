"""Funded projects on other apps' public pages. The programme's templates load this library, so
that the programme app's Python never depends on projects."""

from django import template
from django.db.models import Count, Sum

from ..models import Application
from ..views.catalogue import newest_decision_first

register = template.Library()

# A focus area gathers thousands of projects over the years: its page lists the newest and
# links to the catalogue, filtered by the focus area, for the rest.
FOCUS_AREA_PROJECTS_SHOWN = 10


@register.inclusion_tag("projects/catalogue/includes/focus_area_projects.html")
def focus_area_projects(focus_area):
    """The newest funded projects under a focus area, how many there are and the total granted
    to them: two queries, however many projects there are."""
    funded = Application.objects.funded().filter(focus_areas=focus_area)
    totals = funded.aggregate(count=Count("pk"), granted=Sum("decision__granted_amount", default=0))
    projects = newest_decision_first(funded.select_related("lead_municipality", "decision"))
    return {
        "focus_area": focus_area,
        "projects": list(projects[:FOCUS_AREA_PROJECTS_SHOWN]),
        "project_count": totals["count"],
        "total_granted": totals["granted"],
    }
