"""The projects' group of the site search: the funded projects, found by the catalogue's own
search. Registered in PublicationConfig.ready()."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from hamarregion.search.excerpts import EXCERPT_LENGTH, Hit, excerpt, highlight
from hamarregion.search.groups import Kind
from hamarregion.search.query import Query

from .selectors import found_projects


def project_rows(query: Query):
    """The catalogue's search, over the funded projects only: the same hits as «see all»."""
    return found_projects(query.text)


def project_hit(project, query: Query) -> Hit:
    return Hit(
        title=highlight(project.title, query),
        url=project.get_public_url(),
        context=project.lead_municipality.name,
        excerpt=excerpt(project.summary, query)
        or highlight(project.summary[:EXCERPT_LENGTH], query),
    )


def catalogue_url(query: Query) -> str:
    """The projects' «see all»: the catalogue, searched for the same words."""
    return f"{reverse('publication:project-list')}?{urlencode({'q': query.text})}"


PROJECTS = Kind(
    key="prosjekter",
    heading=_("Prosjekter"),
    rows=project_rows,
    hit=project_hit,
    order=40,
    all_hits_url=catalogue_url,
)
