"""The projects' section of sitemap.xml: the published funding calls. Registered in
ProjectsConfig.ready(). The funded projects' section is publication's."""

from hamarregion.sitemaps import PortalSitemap

from .models import FundingCall


class FundingCallSitemap(PortalSitemap):
    def items(self):
        return FundingCall.objects.published().order_by("-closes_at", "pk")
