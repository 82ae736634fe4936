"""The reads of the secretariat's work queue. Each section is read with a constant number of
queries however many rows there are, and holds at most SECTION_LIMIT rows with the count of
all of them."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, F, QuerySet
from django.utils import timezone

from grants.models import PaymentRequest, ProgressReport
from grants.selectors.progress_reports import progress_report_due_dates
from meetings.selectors import recommended_not_on_an_agenda
from projects.models import Application
from projects.workflow import WAITING_FOR_SECRETARIAT, State

# The first rows of each section; the rest are a link away, in the admin's list.
SECTION_LIMIT = 50

# The «Mine» and «Ikke tildelt» filters.
MINE = "mine"
UNASSIGNED = "ingen"
HANDLER_FILTERS = (MINE, UNASSIGNED)


@dataclass
class Section:
    rows: list
    total: int
    # Query string of the admin's application list with the same cases, where it can show them.
    more_query: str = ""

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)


@dataclass
class WorkQueue:
    handler_filter: str
    state_counts: list = field(default_factory=list)
    waiting: Section | None = None
    final_reports_overdue: Section | None = None
    progress_reports_overdue: Section | None = None
    payments_due: Section | None = None
    not_on_agenda: Section | None = None


def handler_filter_of(value) -> str:
    """The filter a GET parameter asks for; anything else is no filter."""
    return value if value in HANDLER_FILTERS else ""


def applications_handled(queryset: QuerySet, *, handler_filter: str, user, prefix="") -> QuerySet:
    """The queryset narrowed to the user's cases or the cases of no one (`prefix` leads from
    its model to the application)."""
    if handler_filter == MINE:
        return queryset.filter(**{f"{prefix}case_handler": user})
    if handler_filter == UNASSIGNED:
        return queryset.filter(**{f"{prefix}case_handler__isnull": True})
    return queryset


def state_counts(applications: QuerySet) -> list[tuple[State, int]]:
    """How many applications are in each state (drafts left out: they are the applicant's),
    in the workflow's order. One GROUP BY read from the (status, submitted_at) index alone."""
    counted = dict(
        applications.order_by()
        .values_list("status")
        # COUNT(*), not COUNT(id): the id is not in the index, and reading it reads the table.
        .annotate(count=Count("*"))
        .values_list("status", "count")
    )
    return [(state, counted.get(state.value, 0)) for state in State if state != State.DRAFT]


def case_rows(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("funding_call", "lead_municipality", "case_handler")


def waiting_applications(applications: QuerySet, *, now: datetime) -> Section:
    """The cases waiting for the secretariat, the longest waiting first, each with `waiting_since`
    and `days_waiting`."""
    waiting = applications.filter(status__in=sorted(WAITING_FOR_SECRETARIAT))
    rows = list(
        case_rows(waiting)
        .annotate(waiting_since=F("status_changed_at"))
        .order_by(F("status_changed_at").asc(nulls_last=True), "pk")[:SECTION_LIMIT]
    )
    today = timezone.localdate(now)
    for row in rows:
        since = row.waiting_since
        row.days_waiting = (today - timezone.localdate(since)).days if since else None
    query = "status__in=" + ",".join(sorted(WAITING_FOR_SECRETARIAT))
    return Section(rows=rows, total=waiting.count(), more_query=query)


def final_reports_overdue(applications: QuerySet, *, today: date) -> Section:
    """Granted projects past the final report's deadline without the report in, read from the
    index application_report_due."""
    overdue = applications.awaiting_final_report().filter(final_report_due_on__lt=today)
    rows = list(case_rows(overdue).order_by("final_report_due_on", "pk")[:SECTION_LIMIT])
    for row in rows:
        row.days_overdue = (today - row.final_report_due_on).days
    return Section(rows=rows, total=overdue.count())


def progress_reports_overdue(applications: QuerySet, *, today: date) -> Section:
    """Running projects that owe a progress report past its due date. The due dates follow from
    each project's period (grants.selectors.progress_reports), so they are worked out here from
    the candidates' periods and the numbers of the reports sent in, read as plain values (there
    may be thousands of running projects); only the first rows are then read whole. Only
    projects longer than a year, in their period, can owe one."""
    candidates = applications.awaiting_final_report().filter(
        # The first report is due a year after the start.
        start_date__lt=today - timedelta(days=365),
        end_date__gte=today,
    )
    # Read unordered: the models' default orderings would sort thousands of rows for nothing.
    candidates = candidates.order_by()
    sent = set(
        ProgressReport.objects.filter(application__in=candidates.values("pk"))
        .order_by()
        .values_list("application_id", "number")
    )
    owed = {}
    for pk, start_date, end_date in candidates.values_list("pk", "start_date", "end_date"):
        due_dates = progress_report_due_dates(start_date=start_date, end_date=end_date)
        for number, due_on in enumerate(due_dates, start=1):
            if due_on >= today:
                break
            if (pk, number) not in sent:
                owed[pk] = (due_on, number)
                break
    first = sorted(owed, key=lambda pk: (owed[pk][0], pk))[:SECTION_LIMIT]
    rows = sorted(
        case_rows(Application.objects.filter(pk__in=first)),
        key=lambda application: (owed[application.pk][0], application.pk),
    )
    for application in rows:
        application.report_due_on, application.report_number = owed[application.pk]
        application.days_overdue = (today - application.report_due_on).days
    return Section(rows=rows, total=len(owed))


def payments_due(*, handler_filter: str, user) -> Section:
    """Payment requests waiting for the secretariat, the oldest first."""
    pending = applications_handled(
        PaymentRequest.objects.pending(),
        handler_filter=handler_filter,
        user=user,
        prefix="application__",
    )
    rows = list(
        pending.select_related(
            "application__lead_municipality", "application__case_handler"
        ).order_by("submitted_at", "pk")[:SECTION_LIMIT]
    )
    return Section(rows=rows, total=pending.count())


def recommended_not_on_agenda(applications: QuerySet) -> Section:
    """Recommended cases that no meeting's agenda item names yet: the council cannot decide
    them."""
    waiting = recommended_not_on_an_agenda(applications)
    rows = list(
        case_rows(waiting)
        .annotate(waiting_since=F("status_changed_at"))
        .order_by(F("status_changed_at").asc(nulls_last=True), "pk")[:SECTION_LIMIT]
    )
    return Section(rows=rows, total=waiting.count())


def work_queue(*, user, handler_filter: str = "", now: datetime | None = None) -> WorkQueue:
    """Everything the work queue shows, narrowed by «Mine» or «Ikke tildelt»."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    applications = applications_handled(
        Application.objects.all(), handler_filter=handler_filter, user=user
    )
    return WorkQueue(
        handler_filter=handler_filter,
        state_counts=state_counts(applications),
        waiting=waiting_applications(applications, now=now),
        final_reports_overdue=final_reports_overdue(applications, today=today),
        progress_reports_overdue=progress_reports_overdue(applications, today=today),
        payments_due=payments_due(handler_filter=handler_filter, user=user),
        not_on_agenda=recommended_not_on_agenda(applications),
    )
