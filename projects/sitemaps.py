"""The projects' sections of sitemap.xml: the published funding calls and the funded projects.
Registered in ProjectsConfig.ready()."""

from django.contrib.sitemaps import Sitemap

from .models import Application, FundingCall


class FundingCallSitemap(Sitemap):
    def items(self):
        return FundingCall.objects.published().order_by("-closes_at", "pk")


class ProjectSitemap(Sitemap):
    """The funded projects, as many pages of the sitemap as it takes."""

    limit = 1000

    def items(self):
        return Application.objects.funded().order_by("pk").only("pk")

    def location(self, project):
        return project.get_public_url()
