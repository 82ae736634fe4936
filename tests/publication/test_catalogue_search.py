"""The catalogue's free-text search: title and summary words and municipality names on every
database; on PostgreSQL, Norwegian full-text search (stemming, word starts) through a GIN index
that the query really uses; and input that never breaks the page."""

import pytest
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Application
from projects.selectors import SEARCH_DOCUMENT, SEARCH_FIELDS, search
from projects.workflow import State
from tests.factories import MunicipalityFactory, complete_application, funded_project
from tests.html import page_text

pytestmark = pytest.mark.django_db

INDEX = "application_search_document"
NO_MATCH = "Ingen prosjekter passer med søket og filtrene."
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL's"
)


def found(client, q) -> list[str]:
    response = client.get(reverse("publication:project-list"), {"q": q})
    assert response.status_code == 200
    return sorted(project.title for project in response.context["projects"])


@pytest.fixture
def projects(hamar, loten):
    county = MunicipalityFactory(name="Innlandet fylkeskommune", slug="innlandet")
    funded_project(
        title="Gründere i Hamarregionen",
        summary="Et næringsnettverk for unge bedrifter og inkubatorer.",
        lead_municipality=hamar,
    )
    funded_project(
        title="Ladestasjoner langs riksveien",
        summary="Strøm til elbilene på Hedmarken.",
        lead_municipality=loten,
    ).partner_municipalities.add(county)
    funded_project(
        title="Vinterturisme",
        summary="Flere gjester om vinteren gir mer turisme.",
        lead_municipality=county,
    )
    complete_application(title="Gründere i et utkast", status=State.DRAFT, lead_municipality=hamar)


# --- On every database --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ladestasjoner", ["Ladestasjoner langs riksveien"]),
        ("LADESTASJONER Riksveien", ["Ladestasjoner langs riksveien"]),
        ("ladestasj", ["Ladestasjoner langs riksveien"]),  # the start of a word
        ("inkubatorer", ["Gründere i Hamarregionen"]),  # in the summary only
        ("Hedmarken strøm", ["Ladestasjoner langs riksveien"]),  # every word, anywhere
        ("gjester ladestasjoner", []),  # one word in each project: neither has both
    ],
)
def test_search_finds_words_of_title_and_summary(client, projects, q, expected):
    assert found(client, q) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Løten", ["Ladestasjoner langs riksveien"]),  # the owner
        ("fylkeskommune", ["Ladestasjoner langs riksveien", "Vinterturisme"]),  # owner, partner
        ("fylkeskommune vinter", ["Vinterturisme"]),  # a name and a word together
        ("Hamar", ["Gründere i Hamarregionen"]),
    ],
)
def test_a_municipality_name_finds_the_projects_it_owns_or_partners(client, projects, q, expected):
    assert found(client, q) == expected


def test_search_never_finds_an_application_that_is_not_funded(client, projects):
    assert found(client, "Gründere") == ["Gründere i Hamarregionen"]


def test_a_search_counts_only_the_funded_projects_it_lists(client, projects):
    response = client.get(reverse("publication:project-list"), {"q": "Gründere"})

    assert len(response.context["projects"]) == 1
    assert "1 prosjekt passer med utvalget" in page_text(response)


def test_a_search_without_a_match_says_so(client, projects):
    response = client.get(reverse("publication:project-list"), {"q": "sykkelveier"})

    assert "0 prosjekter passer med utvalget" in page_text(response)
    assert NO_MATCH in page_text(response)


NASTY = [
    "'",
    '"gründer',
    "gründer & | ! : * ( ) <-> \\",
    "!gründer",
    "gründer:*",
    "gründer:A",
    "&&&",
    "' | '",
    "\\'; drop table projects_application; --",
    "gründer\x00",
    "x" * 10_000,
    "ord " * 2_500,
    "%_%",
    "\u200b\ufeff",
    "Ünïcödé ℌ𝔞𝔪𝔞𝔯 😀",
]


@pytest.mark.parametrize("q", NASTY)
def test_odd_search_text_never_breaks_the_page(client, projects, q):
    response = client.get(reverse("publication:project-list"), {"q": q})

    assert response.status_code == 200
    assert "Gründere i et utkast" not in page_text(response)


@pytest.mark.parametrize("q", NASTY)
def test_odd_text_given_to_search_itself_never_raises(projects, q):
    """Past the form's limits (200 characters, no NUL), as another caller might pass it."""
    titles = list(search(Application.objects.funded(), q).values_list("title", flat=True))

    assert "Gründere i et utkast" not in titles


# --- On PostgreSQL ------------------------------------------------------------------------------


def stored_and_computed_documents() -> list[tuple[str, str]]:
    """Each application's stored document beside the one PostgreSQL computes from
    SEARCH_FIELDS, as text."""
    computed = Application.objects.annotate(
        document=SearchVector(*SEARCH_FIELDS, config="norwegian")
    ).order_by("pk")
    sql, params = computed.values("pk", "document").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.{SEARCH_DOCUMENT}::text, c.document::text FROM ({sql}) c "  # noqa: S608  # nosec B608
            "JOIN projects_application a ON a.id = c.pk",
            params,
        )
        return cursor.fetchall()


@postgresql_only
def test_postgresql_stores_the_document_of_the_searched_fields(projects):
    """The migration's column holds the document of exactly SEARCH_FIELDS: a change to the one
    without the other fails here."""
    pairs = stored_and_computed_documents()

    assert pairs
    assert all(stored == computed for stored, computed in pairs)


@postgresql_only
def test_postgresql_searches_a_renamed_project_by_its_new_title(client, projects):
    """The stored document follows every change, however it is made: an update too."""
    Application.objects.filter(title="Vinterturisme").update(title="Sommerturisme i fjellet")

    assert found(client, "sommerturisme") == ["Sommerturisme i fjellet"]
    assert found(client, "vinterturisme") == []
    assert all(stored == computed for stored, computed in stored_and_computed_documents())


@postgresql_only
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("gründer", ["Gründere i Hamarregionen"]),
        ("næringsnettverket", ["Gründere i Hamarregionen"]),
        ("næringsnettverkene", ["Gründere i Hamarregionen"]),
        ("ladestasjon", ["Ladestasjoner langs riksveien"]),
        ("elbil", ["Ladestasjoner langs riksveien"]),
        ("vinteren", ["Vinterturisme"]),
    ],
)
def test_postgresql_finds_other_forms_of_a_norwegian_word(client, projects, q, expected):
    assert found(client, q) == expected


@postgresql_only
def test_postgresql_has_the_gin_index_on_the_stored_document():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        rows = cursor.fetchall()

    assert rows == [
        (
            "projects_application",
            f"CREATE INDEX {INDEX} ON public.projects_application USING gin ({SEARCH_DOCUMENT})",
        )
    ]


def plan(queryset) -> str:
    # A handful of test rows makes a sequential scan cheapest; forbidding it asks whether the
    # index *can* serve the query, which holds only if the expressions are the same.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    try:
        return queryset.explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = on")


@postgresql_only
@pytest.mark.parametrize("q", ["gründer", "næringsnettverk unge", "fylkeskommune vinter"])
def test_postgresql_answers_a_search_from_the_index(projects, q):
    # Without an ordering: with a few rows, walking an ordered index and filtering each row
    # would otherwise look cheapest, which says nothing about the search's own index. Over all
    # applications, not the funded ones: with a few rows the index on the status (the work
    # queue's) looks as cheap, which says nothing about the search's own either.
    queryset = search(Application.objects.all(), q).order_by()

    assert f"Bitmap Index Scan on {INDEX}" in plan(queryset)


@postgresql_only
def test_a_municipality_word_is_looked_up_once_whatever_the_number_of_projects(projects):
    with CaptureQueriesContext(connection) as captured:
        list(search(Application.objects.funded(), "fylkeskommune vinter gjester"))

    assert len(captured) == 2  # the municipalities, then the projects
