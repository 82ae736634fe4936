from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hamarregion import content_version
from hamarregion import sitemaps as hamarregion_sitemaps


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Utviklingsmidler")

    def ready(self):
        # The public pages show this app's rows: any change to them invalidates the cached pages.
        content_version.register(self.label)
        # What the app adds to sitemap.xml; imported here, once the models are loaded. The
        # funded projects' pages, their section and their search group are publication's.
        from hamarregion.admin.site import register_role_header

        from . import sitemaps
        from .permissions import is_council_member, is_secretariat

        hamarregion_sitemaps.register("utlysninger", sitemaps.FundingCallSitemap, order=40)
        # A council member reads the cases and meetings in admin: its header names the council,
        # not the secretariat (who, if also a council member, keeps the secretariat's).
        register_role_header(
            lambda request: is_council_member(request.user) and not is_secretariat(request.user),
            _("Hamarregionen IPR – regionrådet"),
        )
