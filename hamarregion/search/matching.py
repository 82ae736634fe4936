"""Which rows hold every word of a query: one function per database."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connections
from django.db.models import F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Concat

from projects.forms_catalogue import SEARCH_CONFIG, prefix_query

from .query import Query


@dataclass(frozen=True)
class Related:
    """Text that belongs to a hit but is stored in other rows: the `fields` of `rows`, joined to
    the hit by `link` (the path from such a row to the hit's primary key)."""

    rows: object  # a QuerySet
    link: str
    fields: tuple[str, ...]


def text_search(queryset, query: Query, *, fields, related=()):
    """The rows of `queryset` whose text (`fields` and the related rows' fields) holds every
    word of the query."""
    if connections[queryset.db].vendor == "postgresql":
        return full_text_search(queryset, query, fields, related)
    return substring_search(queryset, query, fields, related)


def substring_search(queryset, query: Query, fields, related):
    """SQLite: each word anywhere in the hit's fields or in a related row's fields."""
    for word in query.words:
        found = contains(fields, word)
        for part in related:
            matching = part.rows.filter(contains(part.fields, word)).values(part.link)
            found |= Q(pk__in=matching)
        queryset = queryset.filter(found)
    return queryset


def contains(fields, word: str) -> Q:
    return reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))


def full_text_search(queryset, query: Query, fields, related):
    """PostgreSQL: one Norwegian document per row, its fields followed by the related rows' text
    (one subquery each), matched against every word as a prefix."""
    texts = [*fields]
    for part in related:
        texts.append(
            Subquery(
                part.rows.filter(**{part.link: OuterRef("pk")})
                .order_by()
                .values(part.link)
                .annotate(text=StringAgg(joined(part.fields), delimiter=" "))
                .values("text")
            )
        )
    return queryset.alias(document=SearchVector(*texts, config=SEARCH_CONFIG)).filter(
        document=prefix_query(query.words)
    )


def joined(fields):
    if len(fields) == 1:
        return F(fields[0])
    parts = [F(fields[0])]
    for field in fields[1:]:
        parts += [Value(" "), F(field)]
    return Concat(*parts, output_field=TextField())
