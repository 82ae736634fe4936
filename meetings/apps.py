from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hamarregion import content_version
from hamarregion import sitemaps as hamarregion_sitemaps
from hamarregion.search import groups


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Møter")

    def ready(self):
        # The public pages show this app's rows: any change to them invalidates the cached pages.
        content_version.register(self.label)
        # What the app adds to the site search and to sitemap.xml; imported here, once the
        # models are loaded.
        from . import search, sitemaps

        groups.register(search.MEETINGS)
        hamarregion_sitemaps.register("moter", sitemaps.MeetingSitemap, order=60)
