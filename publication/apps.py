from django.apps import AppConfig

from hamarregion import front_page
from hamarregion import sitemaps as hamarregion_sitemaps
from hamarregion.search import groups


class PublicationConfig(AppConfig):
    """What the council publishes about its development funds: the catalogue of funded
    projects with its feed, the statistics and the open data. It reads programme and projects
    and has no models of its own, so it registers no content: the pages it shows are invalidated
    by the changes to those apps' rows."""

    name = "publication"

    def ready(self):
        # What the app adds to the site search, sitemap.xml and the front page; imported here,
        # once the models are loaded.
        from . import search, sitemaps
        from .views import statistics

        groups.register(search.PROJECTS)
        hamarregion_sitemaps.register("prosjekter", sitemaps.ProjectSitemap, order=50)
        # Before the upcoming meetings (order 10).
        front_page.register(
            "publication/statistics/includes/front_page_figures.html",
            statistics.front_page_part,
            order=5,
        )
