from django.apps import AppConfig

from hamarregion import sitemaps as hamarregion_sitemaps
from hamarregion.search import groups


class PublicationConfig(AppConfig):
    """What the council publishes about its development funds: the catalogue of funded
    projects with its feed, the statistics and the open data. It reads programme and projects
    and has no models of its own, so it registers no content: the pages it shows are invalidated
    by the changes to those apps' rows."""

    name = "publication"

    def ready(self):
        # What the app adds to the site search and to sitemap.xml; imported here, once the
        # models are loaded.
        from . import search, sitemaps

        groups.register(search.PROJECTS)
        hamarregion_sitemaps.register("prosjekter", sitemaps.ProjectSitemap, order=50)
