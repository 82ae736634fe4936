"""Funded projects on other apps' public pages. The programme's templates load this library, so
that the programme app's Python never depends on projects."""

from django import template

from ..models import Application
from ..views.catalogue import newest_decision_first

register = template.Library()


@register.inclusion_tag("projects/catalogue/includes/focus_area_projects.html")
def focus_area_projects(focus_area):
    """The funded projects under a focus area, and the total granted to them."""
    projects = list(
        newest_decision_first(
            Application.objects.funded()
            .filter(focus_areas=focus_area)
            .select_related("lead_municipality", "decision")
        )
    )
    total = sum(project.granted_amount() for project in projects)
    return {"focus_area": focus_area, "projects": projects, "total_granted": total}
