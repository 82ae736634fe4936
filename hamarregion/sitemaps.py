"""sitemap.xml: every public page of the portal, for search engines. Drafts of the programme,
unpublished calls and applications that are not funded projects are never listed: each section
reads the same public querysets as the pages themselves."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from meetings.sitemaps import MeetingSitemap
from programme.models import FocusArea, Programme, SustainableDevelopmentGoal
from projects.models import Application, FundingCall


class PageSitemap(Sitemap):
    """The pages without an object of their own: the front page, lists and statements."""

    changefreq = "weekly"

    def items(self):
        return [
            "programme:home",
            "programme:programme-list",
            "programme:goal-list",
            "projects:call-list",
            "projects:project-list",
            "projects:statistics",
            "projects:opendata",
            "meetings:meeting-list",
            "accessibility-statement",
            "privacy-statement",
        ]

    def location(self, name):
        return reverse(name)


class ProgrammeSitemap(Sitemap):
    """The published programme and the archived ones."""

    def items(self):
        return Programme.objects.public().order_by("-start_year", "pk")

    def lastmod(self, programme):
        return programme.updated_at


class FocusAreaSitemap(Sitemap):
    def items(self):
        return (
            FocusArea.objects.public()
            .select_related("programme")
            .order_by("-programme__start_year", "order", "pk")
        )


class GoalSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return SustainableDevelopmentGoal.objects.order_by("number")


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


SITEMAPS = {
    "sider": PageSitemap,
    "handlingsprogram": ProgrammeSitemap,
    "satsingsomrader": FocusAreaSitemap,
    "barekraftsmal": GoalSitemap,
    "utlysninger": FundingCallSitemap,
    "prosjekter": ProjectSitemap,
    "moter": MeetingSitemap,
}
