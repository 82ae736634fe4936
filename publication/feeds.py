"""An Atom feed of newly funded projects: the newest decisions first. Only
Application.objects.funded(), with what the public project page shows."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

from hamarregion.formatting import format_nok

from .selectors import catalogue_projects

FEED_LENGTH = 50


class FundedProjectsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Nye prosjekter med utviklingsmidler – Hamarregionen IPR")

    def subtitle(self):
        return _(
            "Prosjektene regionrådet har innvilget utviklingsmidler til, de nyeste vedtakene først."
        )

    def link(self):
        return reverse("publication:project-list")

    def author_name(self):
        # The council, never a person: an Atom feed must name an author.
        return _("Hamarregionen IPR")

    def items(self):
        return catalogue_projects().filter(decision__isnull=False)[:FEED_LENGTH]

    def item_title(self, project):
        return project.title

    def item_link(self, project):
        return project.get_public_url()

    def item_description(self, project):
        # Feed readers read the summary as HTML: format_html escapes what was typed.
        facts = format_html(
            "<p>{}</p>",
            _("Prosjekteier: %(municipality)s. Innvilget: %(amount)s.")
            % {
                "municipality": project.lead_municipality.name,
                "amount": format_nok(project.decision.granted_amount),
            },
        )
        if not project.summary:
            return facts
        return format_html("<p>{}</p>{}", project.summary, facts)

    def item_pubdate(self, project):
        # The day of the council's decision; the feed gives it midnight, local time.
        return datetime.combine(project.decision.decided_on, time.min)

    def item_updateddate(self, project):
        return self.item_pubdate(project)

    def item_categories(self, project):
        return [area.name for area in project.focus_areas.all()]
