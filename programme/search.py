"""The programme's groups of the site search: the text of the public programme periods, and the
commitments with their updates. Registered in ProgrammeConfig.ready()."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hamarregion.formatting import format_date
from hamarregion.search.excerpts import Hit, highlight, hit_with_excerpt, plain_text
from hamarregion.search.groups import Kind
from hamarregion.search.matching import Related, text_search
from hamarregion.search.query import Query

from .models import (
    Commitment,
    CommitmentUpdate,
    FocusArea,
    NarrativeSection,
    Programme,
    SubTheme,
    Theme,
)

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


PROGRAMME_TEXT = Kind(
    key="handlingsprogram",
    heading=_("Handlingsprogram"),
    rows=programme_text_rows,
    hit=programme_text_hit,
    order=10,
    more_label=_("Se alle %(count)d treffene i handlingsprogrammene"),
)
COMMITMENTS = Kind(
    key="forpliktelser",
    heading=_("Forpliktelser"),
    rows=commitment_rows,
    hit=commitment_hit,
    order=20,
    more_label=_("Se alle %(count)d forpliktelsene som passer"),
)
