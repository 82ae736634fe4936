"""The meetings' reads: what the public may see of an agenda, the projects funded at a meeting,
the events of the public calendar, and the council's meeting pack."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery

from programme.models import FocusArea
from projects.models import Application, AssessmentCriterion, Attachment, FundingCall, Score
from projects.workflow import State

from .models import AgendaItem, Disqualification, Meeting


def recommended_not_on_an_agenda(applications=None):
    """Recommended applications that no agenda item names yet: the council cannot decide them
    until one does. Of `applications` (all by default)."""
    applications = Application.objects.all() if applications is None else applications
    on_agenda = AgendaItem.applications.through.objects.filter(application=OuterRef("pk"))
    return applications.filter(status=State.RECOMMENDED).filter(~Exists(on_agenda))


def public_agenda_items():
    """Agenda items with what the public may see of them: focus areas of public programme
    periods, funded projects only (never a rejected or pending application), the guests."""
    return AgendaItem.objects.order_by("number", "pk").prefetch_related(
        Prefetch(
            "focus_areas",
            queryset=FocusArea.objects.public()
            .select_related("programme")
            .order_by("programme", "order", "pk"),
        ),
        Prefetch(
            "applications",
            queryset=Application.objects.funded()
            .select_related("lead_municipality")
            .order_by("title", "pk"),
        ),
        "guests",
    )


def funded_at(meeting):
    """The projects the council funded at the meeting, by title."""
    return (
        Application.objects.funded()
        .filter(decision__meeting=meeting)
        .select_related("lead_municipality", "decision")
        .order_by("title", "pk")
    )


def calendar_meetings():
    """Every registered meeting, for the public calendar: meetings are public once registered."""
    return Meeting.objects.order_by("starts_at", "pk")


def calendar_calls():
    """The published funding calls, for their deadlines in the public calendar, each with
    `changed_at`: the moment of its last recorded change (None when it has no history)."""
    history = FundingCall.history.model
    return (
        FundingCall.objects.published()
        .select_related("programme")
        .annotate(
            changed_at=Subquery(
                history.objects.filter(id=OuterRef("pk"))
                .order_by("-history_date")
                .values("history_date")[:1]
            )
        )
        .order_by("closes_at", "pk")
    )


@dataclass
class ScoredCriterion:
    """A criterion as the scores include reads it (AssessmentCriterion.objects.scored_for):
    title, every assessor's `application_scores`, their `average`."""

    title: str
    application_scores: list = field(default_factory=list)

    @property
    def average(self):
        scores = [score.score for score in self.application_scores]
        return sum(scores) / len(scores) if scores else None


def pack_agenda_items(meeting, user):
    """The meeting's agenda as the pack shows it to `user`: each item with its cases (those the
    user may read: Application.objects.visible_to) with their recommendation and application
    attachments, the item's disqualifications with the members, and `application_count`, all
    the item's cases, read or not; in a fixed number of queries, whatever the number of items."""
    cases = (
        Application.objects.visible_to(user)
        .select_related("lead_municipality", "funding_call", "recommendation")
        .with_amounts()
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(kind=Attachment.Kind.APPLICATION).order_by(
                    "uploaded_at", "pk"
                ),
            )
        )
        .order_by("title", "pk")
    )
    return list(
        meeting.agenda_items.annotate(application_count=Count("applications"))
        .order_by("number", "pk")
        .prefetch_related(
            Prefetch("applications", queryset=cases),
            Prefetch(
                "disqualifications",
                queryset=Disqualification.objects.select_related("member"),
            ),
        )
    )


def scores_by_application(applications) -> dict:
    """{application pk: [ScoredCriterion, …]}: each application's call's criteria in order, each
    with every assessor's scores on it, in two queries for any number of applications."""
    applications = list(applications)
    criteria = list(
        AssessmentCriterion.objects.filter(
            funding_call_id__in={application.funding_call_id for application in applications}
        ).order_by("order", "pk")
    )
    scores = {}
    for score in (
        Score.objects.filter(application__in=applications)
        .select_related("assessor")
        .order_by("scored_at", "pk")
    ):
        scores.setdefault((score.application_id, score.criterion_id), []).append(score)
    return {
        application.pk: [
            ScoredCriterion(
                title=criterion.title,
                application_scores=scores.get((application.pk, criterion.pk), []),
            )
            for criterion in criteria
            if criterion.funding_call_id == application.funding_call_id
        ]
        for application in applications
    }


def minutes_disqualifications(meeting) -> dict:
    """{agenda item pk: [member's full name, …]}: who did not take part in each item, for the
    published minutes."""
    names = {}
    for disqualification in Disqualification.objects.filter(item__meeting=meeting).select_related(
        "member"
    ):
        names.setdefault(disqualification.item_id, []).append(disqualification.member_name)
    return names
