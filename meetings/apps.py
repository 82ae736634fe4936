from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hamarregion import content_version, front_page
from hamarregion import sitemaps as hamarregion_sitemaps
from hamarregion.search import groups


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Møter")

    def ready(self):
        # The public pages show this app's rows: any change to them invalidates the cached pages.
        content_version.register(self.label)
        # What the app adds to the site search, sitemap.xml and the front page; imported here,
        # once the models are loaded.
        from . import search, sitemaps, views

        groups.register(search.MEETINGS)
        hamarregion_sitemaps.register("moter", sitemaps.MeetingSitemap, order=60)
        front_page.register("meetings/includes/upcoming.html", views.front_page_part, order=10)
