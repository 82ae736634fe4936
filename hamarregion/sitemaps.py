"""sitemap.xml: every public page of the portal, for search engines. Drafts of the programme,
unpublished calls and applications that are not funded projects are never listed: each section
reads the same public querysets as the pages themselves.

Each app lists its own pages: in its AppConfig.ready() it registers its sections,

    sitemaps.register("prosjekter", ProjectSitemap, order=50)

and sitemap.xml lists them by `order`. SITEMAPS is the one mapping the sitemap views are given
(hamarregion/urls.py); registering fills it in place, before the first request."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

SITEMAPS: dict[str, type[Sitemap]] = {}


class PortalSitemap(Sitemap):
    """A section of the portal's pages: each page at its address in every language, with the
    other languages named as alternates and bokmål as the default (hamarregion/languages.py)."""

    i18n = True
    alternates = True
    x_default = True


_orders: dict[str, int] = {}


def register(section: str, sitemap: type[Sitemap], *, order: int) -> None:
    """Lists `sitemap` as the section `section` of sitemap.xml (sitemap-<section>.xml), at its
    place by `order`. Registering a section again replaces it."""
    _orders[section] = order
    registered = {**SITEMAPS, section: sitemap}
    SITEMAPS.clear()
    SITEMAPS.update(sorted(registered.items(), key=lambda item: _orders[item[0]]))


class PageSitemap(PortalSitemap):
    """The pages without an object of their own: the front page, lists and statements, named by
    their URL names."""

    changefreq = "weekly"

    def items(self):
        return [
            "programme:home",
            "programme:programme-list",
            "programme:goal-list",
            "projects:call-list",
            "publication:project-list",
            "publication:project-map",
            "publication:statistics",
            "publication:opendata",
            "meetings:meeting-list",
            "archive:journal",
            "accessibility-statement",
            "privacy-statement",
        ]

    def location(self, name):
        return reverse(name)


register("sider", PageSitemap, order=0)
