"""The four groups of hits: what each searches, in which order, and how a hit reads."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Guest, Meeting
from programme.models import (
    Commitment,
    CommitmentUpdate,
    FocusArea,
    NarrativeSection,
    Programme,
    SubTheme,
    Theme,
)
from projects.forms_catalogue import search
from projects.models import Application
from projects.views.catalogue import newest_decision_first

from ..formatting import format_date
from .excerpts import EXCERPT_LENGTH, Hit, excerpt, highlight, hit_with_excerpt, plain_text
from .matching import Related, text_search
from .query import Query

FIRST_HITS = 10
HITS_PER_PAGE = 20
PUBLIC = Programme.PUBLIC_STATUSES


def programme_text_rows(query: Query) -> list:
    """Every public programme period's text that matches, in the order a reader meets it: the
    newest period first; in each, the introduction, then each focus area with its themes,
    sub-themes and narrative. One query per kind of text."""
    rows = [
        *text_search(
            Programme.objects.public(), query.text, fields=("title", "vision", "introduction")
        ),
        *text_search(
            FocusArea.objects.public().select_related("programme"), query.text, fields=("name",)
        ),
        *text_search(
            Theme.objects.filter(focus_area__programme__status__in=PUBLIC).select_related(
                "focus_area__programme"
            ),
            query.text,
            fields=("name",),
        ),
        *text_search(
            SubTheme.objects.filter(theme__focus_area__programme__status__in=PUBLIC).select_related(
                "theme__focus_area__programme"
            ),
            query.text,
            fields=("name",),
        ),
        *text_search(
            NarrativeSection.objects.filter(
                focus_area__programme__status__in=PUBLIC
            ).select_related("focus_area__programme"),
            query.text,
            fields=("title", "body"),
        ),
    ]
    return sorted(rows, key=reading_order)


def reading_order(row) -> tuple:
    """(period, focus area, part of it, position in that part) for any programme text."""
    if isinstance(row, Programme):
        return (-row.start_year, row.pk, -1, 0, 0, 0, 0, 0, 0)
    if isinstance(row, SubTheme):
        theme = row.theme
        area = theme.focus_area
        place = (1, theme.order, theme.pk, row.order, row.pk)
    elif isinstance(row, Theme):
        area = row.focus_area
        place = (1, row.order, row.pk, -1, 0)
    elif isinstance(row, NarrativeSection):
        area = row.focus_area
        place = (2, row.order, row.pk, 0, 0)
    else:
        area = row
        place = (0, 0, 0, 0, 0)
    programme = area.programme
    return (-programme.start_year, programme.pk, area.order, area.pk, *place)


def programme_text_hit(row, query: Query) -> Hit:
    if isinstance(row, Programme):
        return hit_with_excerpt(
            title=highlight(row.title, query),
            url=row.get_absolute_url(),
            context=gettext("Handlingsprogrammets visjon og innledning"),
            candidates=[
                (gettext("Visjon"), f"{row.get_absolute_url()}#visjon", row.vision),
                (
                    gettext("Innledning"),
                    f"{row.get_absolute_url()}#innledning",
                    plain_text(row.introduction),
                ),
            ],
            query=query,
        )
    if isinstance(row, NarrativeSection):
        area = row.focus_area
        return hit_with_excerpt(
            title=highlight(row.title or area.name, query),
            url=row.get_absolute_url(),
            context=gettext("Omtale av %(focus_area)s i %(programme)s")
            % {"focus_area": area.name, "programme": area.programme.title},
            candidates=[(None, None, plain_text(row.body))],
            query=query,
        )
    if isinstance(row, SubTheme):
        theme = row.theme
        context = gettext("Delområde under temaet %(theme)s, %(focus_area)s i %(programme)s") % {
            "theme": theme.name,
            "focus_area": theme.focus_area.name,
            "programme": theme.focus_area.programme.title,
        }
    elif isinstance(row, Theme):
        context = gettext("Tema under %(focus_area)s i %(programme)s") % {
            "focus_area": row.focus_area.name,
            "programme": row.focus_area.programme.title,
        }
    else:
        context = gettext("Satsingsområde i %(programme)s") % {"programme": row.programme.title}
    return Hit(title=highlight(row.name, query), url=row.get_absolute_url(), context=context)


def commitment_rows(query: Query):
    return text_search(
        Commitment.objects.filter(focus_area__programme__status__in=PUBLIC)
        .select_related("focus_area__programme")
        .prefetch_related("updates")
        .order_by(
            "-focus_area__programme__start_year",
            "focus_area__programme_id",
            "focus_area__order",
            "focus_area_id",
            "order",
            "pk",
        ),
        query.text,
        fields=("text",),
        related=(Related(CommitmentUpdate.objects.all(), "commitment", ("text",)),),
    )


def commitment_hit(commitment, query: Query) -> Hit:
    area = commitment.focus_area
    context = gettext("%(status)s · %(focus_area)s i %(programme)s") % {
        "status": commitment.get_status_display(),
        "focus_area": area.name,
        "programme": area.programme.title,
    }
    if query.pattern.search(commitment.text):
        return Hit(
            title=highlight(commitment.text, query),
            url=commitment.get_absolute_url(),
            context=context,
        )
    updates = sorted(commitment.updates.all(), key=lambda update: (update.date, update.pk))
    return hit_with_excerpt(
        title=highlight(commitment.text, query),
        url=commitment.get_absolute_url(),
        context=context,
        candidates=[
            (
                gettext("Oppdatering %(date)s") % {"date": format_date(update.date)},
                None,
                plain_text(update.text),
            )
            for update in reversed(updates)
        ],
        query=query,
    )


def meeting_rows(query: Query):
    return text_search(
        Meeting.objects.prefetch_related(
            # The agenda and guests are read for the excerpt only.
            "agenda_items__guests"
        ).order_by("-starts_at", "-pk"),
        query.text,
        fields=("title", "place", "description"),
        related=(
            # The one place the minutes are searched: only those the public may read.
            Related(Meeting.objects.with_public_minutes(), "pk", ("minutes",)),
            Related(AgendaItem.objects.all(), "meeting", ("title", "description")),
            Related(Guest.objects.all(), "agenda_items__meeting", ("name",)),
        ),
    )


def meeting_hit(meeting, query: Query) -> Hit:
    url = meeting.get_absolute_url()
    candidates = [
        (gettext("Sted"), None, meeting.place),
        (None, None, plain_text(meeting.description)),
    ]
    items = sorted(meeting.agenda_items.all(), key=lambda item: (item.number, item.pk))
    for item in items:
        label = str(item)
        candidates += [
            (label, item.get_absolute_url(), item.title),
            (label, item.get_absolute_url(), plain_text(item.description)),
        ]
    for item in items:
        for guest in item.guests.all():
            candidates.append((gettext("Gjester"), item.get_absolute_url(), guest.name))
    if meeting.minutes_are_public:
        candidates.append((gettext("Protokoll"), f"{url}#protokoll", plain_text(meeting.minutes)))
    # The title is the hit's heading; an excerpt is shown only where the words are elsewhere.
    if query.pattern.search(meeting.title):
        candidates = []
    return hit_with_excerpt(
        title=highlight(meeting.title, query),
        url=url,
        context=gettext("%(date)s, %(place)s")
        % {"date": format_date(meeting.starts_at), "place": meeting.place},
        candidates=candidates,
        query=query,
    )


def project_rows(query: Query):
    """The catalogue's search, over the funded projects only: the same hits as «see all»."""
    return newest_decision_first(
        search(Application.objects.funded(), query.text).select_related("lead_municipality")
    )


def project_hit(project, query: Query) -> Hit:
    return Hit(
        title=highlight(project.title, query),
        url=project.get_public_url(),
        context=project.lead_municipality.name,
        excerpt=excerpt(project.summary, query)
        or highlight(project.summary[:EXCERPT_LENGTH], query),
    )


@dataclass(frozen=True)
class Kind:
    key: str
    heading: str
    rows: object  # query -> a list or QuerySet of rows
    hit: object  # (row, query) -> Hit
    # The link to all of the group's hits, page by page, on the search page; None for the
    # projects, which the catalogue lists in full.
    more_label: str | None = None


KINDS = (
    Kind(
        "handlingsprogram",
        _("Handlingsprogram"),
        programme_text_rows,
        programme_text_hit,
        _("Se alle %(count)d treffene i handlingsprogrammene"),
    ),
    Kind(
        "forpliktelser",
        _("Forpliktelser"),
        commitment_rows,
        commitment_hit,
        _("Se alle %(count)d forpliktelsene som passer"),
    ),
    Kind("moter", _("Møter"), meeting_rows, meeting_hit, _("Se alle %(count)d møtene som passer")),
    Kind("prosjekter", _("Prosjekter"), project_rows, project_hit),
)
KIND_KEYS = {kind.key: kind for kind in KINDS if kind.more_label}


@dataclass(frozen=True)
class Group:
    kind: Kind
    page: Page
    hits: list[Hit]
    # The projects' «see all»: the catalogue, searched for the same words.
    catalogue_url: str | None = None

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def more_label(self) -> str | None:
        """The link to the rest of the hits, where the first ones are not all."""
        if self.kind.more_label is None or self.count <= len(self.hits):
            return None
        return self.kind.more_label % {"count": self.count}


def search_site(query: Query, *, kind_key: str | None = None, page_number=1) -> list[Group]:
    """Every group with its first hits, in a fixed number of queries whatever the number of
    hits; or, with `kind_key`, that group alone, page by page."""
    kinds = [KIND_KEYS[kind_key]] if kind_key in KIND_KEYS else KINDS
    groups = []
    for kind in kinds:
        if len(kinds) == 1:
            page = Paginator(kind.rows(query), HITS_PER_PAGE).get_page(page_number)
        else:
            page = Paginator(kind.rows(query), FIRST_HITS).get_page(1)
        hits = [kind.hit(row, query) for row in page.object_list]
        catalogue_url = None
        if kind.key == "prosjekter":
            catalogue_url = f"{reverse('projects:project-list')}?{urlencode({'q': query.text})}"
        groups.append(Group(kind=kind, page=page, hits=hits, catalogue_url=catalogue_url))
    return groups
