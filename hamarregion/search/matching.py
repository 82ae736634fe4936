"""Free-text search, the one module for it: which rows hold every word of a search. The
catalogue and the applications' list in admin (both through projects.selectors.search) and the
site search (groups.py) ask it; it imports no app, so each caller names what is searched.

PostgreSQL: one Norwegian document per row (SEARCH_CONFIG, so «gründer» finds «gründere»), each
word also as the start of a longer one. SQLite: each word anywhere in the same text (icontains).
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connections
from django.db.models import Expression, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.expressions import Col
from django.db.models.functions import Concat

SEARCH_CONFIG = "norwegian"
# The longest search a form takes, in characters.
SEARCH_MAX_LENGTH = 200
# Longer than any word: such a "word" can only be pasted noise, and finds nothing.
LONGEST_WORD = 100
# The first this many different words decide; more would only narrow a search that no row is
# likely to pass, and make a query too large for SQLite.
MOST_WORDS = 30
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Related:
    """Text that belongs to a hit but is stored in other rows: the `fields` of `rows`, joined to
    the hit by `link` (the path from such a row to the hit's primary key). On PostgreSQL it is
    read into the hit's document, one subquery each: no index serves such a search."""

    rows: object  # a QuerySet
    link: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Named:
    """Rows also found by the name of a row they link to, such as a project by its
    municipalities: a word that starts one of the `names` finds the rows that link to it through
    any of `links` (lookups from a hit to the named row). `names` are (key, name) pairs, few
    enough to be matched in Python on PostgreSQL, so that a word naming none (most words) stays
    a search of the hit's own document, which an index can serve; a QuerySet of them is read
    there only, once. SQLite looks for each word in the names' `field` through the links."""

    names: object  # (key, name) pairs, or a values_list QuerySet of them
    links: tuple[str, ...]
    field: str = "name"


@dataclass(frozen=True)
class Terms:
    """What is searched for: `words`, runs of letters and digits as typed; `signs`, parts
    without a letter or digit (such as «%»), which the full-text search cannot read and which
    are therefore matched as written."""

    words: tuple[str, ...]
    signs: tuple[str, ...]


def search_terms(text: str) -> Terms:
    """The words and signs of `text`, each once (a word whatever its case), the first
    MOST_WORDS of each."""
    words, signs = {}, {}
    for part in text.split():
        found = WORD.findall(part)
        if not found:
            signs.setdefault(part, part)
        for word in found:
            words.setdefault(word.casefold(), word)
    return Terms(words=tuple(words.values())[:MOST_WORDS], signs=tuple(signs)[:MOST_WORDS])


def text_search(queryset, text: str, *, fields, related=(), named=None, stored=None):
    """The rows of `queryset` whose text holds every word of `text`: their `fields`, the text
    of their `related` rows, the names of the rows they link to through `named`. `stored`, on
    PostgreSQL, names the column of the rows' table that holds their document (StoredDocument)."""
    terms = search_terms(text)
    if any(len(word) > LONGEST_WORD for word in terms.words):
        return queryset.none()
    for sign in terms.signs:
        queryset = queryset.filter(contains_anywhere(queryset, sign, fields, related, named))
    if connections[queryset.db].vendor == "postgresql":
        searched = StoredDocument(stored) if stored else document(fields, related)
        return full_text_search(queryset, terms.words, searched, named)
    return substring_search(queryset, terms.words, fields, related, named)


def substring_search(queryset, words, fields, related=(), named=None):
    """SQLite: each word anywhere in the hit's fields, a related row's fields or a name."""
    for word in words:
        queryset = queryset.filter(contains_anywhere(queryset, word, fields, related, named))
    return queryset


def contains_anywhere(queryset, text: str, fields, related=(), named=None) -> Q:
    found = contains(fields, text)
    for part in related:
        found |= Q(pk__in=part.rows.filter(contains(part.fields, text)).values(part.link))
    if named is not None:
        rows = queryset.model._default_manager
        for link in named.links:
            lookup = {f"{link}__{named.field}__icontains": text}
            found |= Q(pk__in=rows.filter(**lookup).values("pk"))
    return found


def contains(fields, text: str) -> Q:
    return reduce(or_, (Q(**{f"{field}__icontains": text}) for field in fields))


def full_text_search(queryset, words, searched, named=None):
    """PostgreSQL: every word, each also as a prefix, in the hit's document, `searched`.

    A word that starts one of the `named` names finds the rows linked to that name as well: a
    union of index scans (text, then each link), which the planner handles far better than an
    OR across tables, which would compute the document of every row."""
    words = list(dict.fromkeys(word.lower() for word in words))
    if not words:
        return queryset
    if named is not None:
        names = [(key, WORD.findall(name.lower())) for key, name in named.names]
        plain_words = []
        for word in words:
            keys = [key for key, parts in names if any(part.startswith(word) for part in parts)]
            if not keys:
                plain_words.append(word)
                continue
            rows = queryset.model._default_manager
            queryset = queryset.filter(
                pk__in=rows.alias(document=searched)
                .filter(document=prefix_query([word]))
                .order_by()
                .values("pk")
                .union(
                    *(
                        rows.filter(**{f"{link}__in": keys}).order_by().values("pk")
                        for link in named.links
                    )
                )
            )
        words = plain_words
    if words:
        queryset = queryset.alias(document=searched).filter(document=prefix_query(words))
    return queryset


def document(fields, related=()) -> SearchVector:
    """The Norwegian document of a row: its `fields`, then the text of its related rows,
    computed for each row the search looks at."""
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
    return SearchVector(*texts, config=SEARCH_CONFIG)


class StoredDocument(Expression):
    """The document of a row kept in `column` of its own table (PostgreSQL): a generated column
    that a migration adds outside the model, with a GIN index. A search that tests rows one by
    one (walking another index for its order) then reads each row's document instead of
    computing it. Resolved to the column of the table's alias in the query it is used in, which
    a subquery relabels like any other column."""

    def __init__(self, column: str):
        super().__init__(output_field=SearchVectorField())
        self.column = column

    def resolve_expression(self, query=None, *args, **kwargs):
        target = SearchVectorField()
        target.set_attributes_from_name(self.column)
        target.model = query.model  # what a column's identity is made of, as for the model's own
        return Col(query.get_initial_alias(), target)


def prefix_query(words) -> SearchQuery:
    """Every word, each also as a prefix: to_tsquery('norwegian', 'gründer':* & 'hamar':*).
    The words are runs of letters and digits (WORD), so quoting them is enough to keep
    to_tsquery's operators (& | ! : * ( ) <->) out of the visitor's hands."""
    return SearchQuery(
        " & ".join(f"'{word}':*" for word in words), search_type="raw", config=SEARCH_CONFIG
    )


def joined(fields):
    if len(fields) == 1:
        return F(fields[0])
    parts = [F(fields[0])]
    for field in fields[1:]:
        parts += [Value(" "), F(field)]
    return Concat(*parts, output_field=TextField())
