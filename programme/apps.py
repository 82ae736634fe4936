from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hamarregion import content_version
from hamarregion import sitemaps as hamarregion_sitemaps
from hamarregion.search import groups


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Handlingsprogram")

    def ready(self):
        # The public pages show this app's rows: any change to them invalidates the cached pages.
        content_version.register(self.label)
        # What the app adds to the site search and to sitemap.xml; imported here, once the
        # models are loaded.
        from . import search, sitemaps

        groups.register(search.PROGRAMME_TEXT, search.COMMITMENTS)
        hamarregion_sitemaps.register("handlingsprogram", sitemaps.ProgrammeSitemap, order=10)
        hamarregion_sitemaps.register("satsingsomrader", sitemaps.FocusAreaSitemap, order=20)
        hamarregion_sitemaps.register("barekraftsmal", sitemaps.GoalSitemap, order=30)
