"""The programme's sections of sitemap.xml: the public programme periods, their focus areas and
the goals. Registered in ProgrammeConfig.ready()."""

from hamarregion.sitemaps import PortalSitemap

from .models import FocusArea, Programme, SustainableDevelopmentGoal


class ProgrammeSitemap(PortalSitemap):
    """The published programme and the archived ones."""

    def items(self):
        return Programme.objects.public().order_by("-start_year", "pk")

    def lastmod(self, programme):
        return programme.updated_at


class FocusAreaSitemap(PortalSitemap):
    def items(self):
        return (
            FocusArea.objects.public()
            .select_related("programme")
            .order_by("-programme__start_year", "order", "pk")
        )


class GoalSitemap(PortalSitemap):
    changefreq = "yearly"

    def items(self):
        return SustainableDevelopmentGoal.objects.order_by("number")
