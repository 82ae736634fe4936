from hamarregion.sitemaps import PortalSitemap

from .models import Meeting


class MeetingSitemap(PortalSitemap):
    """Every meeting page: meetings and their agendas are public from the moment they are
    registered (the minutes on them only once published, which the page itself sees to)."""

    changefreq = "weekly"

    def items(self):
        return Meeting.objects.order_by("-starts_at", "-pk")

    def lastmod(self, meeting):
        return meeting.updated_at
