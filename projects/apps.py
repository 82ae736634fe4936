from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hamarregion import content_version
from hamarregion import sitemaps as hamarregion_sitemaps
from hamarregion.search import groups


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Utviklingsmidler")

    def ready(self):
        # The public pages show this app's rows: any change to them invalidates the cached pages.
        content_version.register(self.label)
        # What the app adds to the site search and to sitemap.xml; imported here, once the
        # models are loaded.
        from . import search, sitemaps

        groups.register(search.PROJECTS)
        hamarregion_sitemaps.register("utlysninger", sitemaps.FundingCallSitemap, order=40)
        hamarregion_sitemaps.register("prosjekter", sitemaps.ProjectSitemap, order=50)
