"""The groups of hits: the registry of what each app lets the site search find, and running them.

Each app defines its groups (a Kind: what it searches and how a hit reads) in its own search.py
and registers them in its AppConfig.ready():

    groups.register(MEETINGS)

The groups are searched and shown in the order of their `order`; `key` is the value of the
`gruppe` parameter that lists one group's hits page by page."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from .excerpts import Hit
from .query import Query

FIRST_HITS = 10
HITS_PER_PAGE = 20


@dataclass(frozen=True)
class Kind:
    key: str
    heading: str
    rows: Callable  # query -> a list or QuerySet of rows
    hit: Callable  # (row, query) -> Hit
    order: int
    # The link to all of the group's hits, page by page, on the search page; None for a group
    # whose hits are all listed elsewhere (all_hits_url).
    more_label: str | None = None
    # query -> the page that lists all of the group's hits, for «see all» (the projects: the
    # catalogue, searched for the same words).
    all_hits_url: Callable[[Query], str] | None = None


_kinds: dict[str, Kind] = {}


def register(*kinds: Kind) -> None:
    """Makes each group part of the site search. Registering a key again replaces its group."""
    for kind in kinds:
        _kinds[kind.key] = kind


def registered_kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: kind.order)


def expandable_kind(kind_key: str | None) -> Kind | None:
    """The group whose hits are listed page by page under `kind_key` (`gruppe`), if any."""
    kind = _kinds.get(kind_key)
    return kind if kind is not None and kind.more_label else None


@dataclass(frozen=True)
class Group:
    kind: Kind
    page: Page
    hits: list[Hit]
    # «See all» on another page (Kind.all_hits_url), for the same words.
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
    expanded = expandable_kind(kind_key)
    kinds = [expanded] if expanded is not None else registered_kinds()
    groups = []
    for kind in kinds:
        if expanded is not None:
            page = Paginator(kind.rows(query), HITS_PER_PAGE).get_page(page_number)
        else:
            page = Paginator(kind.rows(query), FIRST_HITS).get_page(1)
        hits = [kind.hit(row, query) for row in page.object_list]
        catalogue_url = kind.all_hits_url(query) if kind.all_hits_url else None
        groups.append(Group(kind=kind, page=page, hits=hits, catalogue_url=catalogue_url))
    return groups
