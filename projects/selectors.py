"""The projects' reads that more than one place asks, beside the QuerySet methods
(Application.objects.funded(), .visible_to(), .with_amounts(), .newest_decision_first();
FundingCall.objects.published(), .with_budget()).

- search(): the free-text search over applications, which the applications' list in admin and
  the public catalogue (publication/) both use, so that they find the same rows.
- meetings_held(): the council's meetings a decision may be recorded at.
"""

from django.utils import timezone

from hamarregion.search.matching import Named, text_search

from .models import Attachment, Decision, Municipality

# The text of an application a search reads. On PostgreSQL its Norwegian document is kept in
# the column SEARCH_DOCUMENT, which migration 0025_application_search_document generates from
# these fields: change the two together.
SEARCH_FIELDS = ("title", "summary")
SEARCH_DOCUMENT = "search_document"


def search(queryset, text: str, *, municipalities=None):
    """Free text over title, summary and the names of the lead and partner municipalities,
    through hamarregion.search.matching. Each word must occur somewhere. `municipalities`,
    (pk, name) pairs, are those whose names PostgreSQL's search looks for; every municipality
    when not given."""
    if municipalities is None:
        municipalities = Municipality.objects.values_list("pk", "name")
    return text_search(
        queryset,
        text,
        fields=SEARCH_FIELDS,
        stored=SEARCH_DOCUMENT,
        named=Named(municipalities, links=("lead_municipality", "partner_municipalities")),
    )


def meetings_held(now=None):
    """The council's meetings that have begun: those a decision may name. Read through the
    decision's link to its meeting, so that projects imports nothing of meetings (meetings
    depends on projects, not the other way round)."""
    meeting = Decision._meta.get_field("meeting").related_model
    return meeting.objects.filter(starts_at__lte=now or timezone.now())


def application_content(application) -> dict:
    """What templates/projects/includes/application_content.html shows: the application as
    stored, on its page, on the summary before submitting and on the receipt."""
    return {
        "application": application,
        "cost_lines": application.cost_lines.all(),
        "funding_lines": application.funding_lines.all(),
        "attachments": application.attachments.filter(kind=Attachment.Kind.APPLICATION),
        "focus_areas": application.focus_areas.all(),
        "sub_themes": application.sub_themes.all(),
        "goals": application.sustainable_development_goals.all(),
        "partners": application.partner_municipalities.all(),
    }
