"""The funded projects' section of sitemap.xml. Registered in PublicationConfig.ready()."""

from hamarregion.sitemaps import PortalSitemap
from projects.models import Application


class ProjectSitemap(PortalSitemap):
    """The funded projects, as many pages of the sitemap as it takes."""

    limit = 1000

    def items(self):
        return Application.objects.funded().order_by("pk").only("pk")

    def location(self, project):
        return project.get_public_url()
