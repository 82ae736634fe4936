"""The map of funded projects: how many funded projects each member municipality owns or takes
part in, on a map of the region and in a table, each municipality a link to the catalogue
filtered by it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from hamarregion.page_cache import PublicPageMixin
from hamarregion.ui import BreadcrumbsMixin

from ..project_map import CREDIT, LICENCE_URL, drawing_order, map_areas, member_outlines
from ..selectors import member_project_counts
from .catalogue import projects_crumb


class ProjectMapView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    template_name = "publication/catalogue/project_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        areas = map_areas(member_project_counts(), reverse("publication:project-list"))
        context.update(
            areas=areas,
            drawn=drawing_order(areas),
            outlines=member_outlines(),
            credit=CREDIT,
            licence_url=LICENCE_URL,
        )
        return context

    def get_breadcrumbs(self):
        return [projects_crumb(), (_("Kart"), None)]
