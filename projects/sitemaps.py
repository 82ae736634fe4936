"""The projects' section of sitemap.xml: the published funding calls. Registered in
ProjectsConfig.ready(). The funded projects' section is publication's."""

from django.contrib.sitemaps import Sitemap

from .models import FundingCall


class FundingCallSitemap(Sitemap):
    def items(self):
        return FundingCall.objects.published().order_by("-closes_at", "pk")
