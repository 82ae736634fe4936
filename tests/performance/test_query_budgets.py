"""Query budgets: every public page, «Mine søknader» and the secretariat's list of applications
issue the same number of SQL queries with one project in each state as with 200, and no more
than the budget written next to the page below.

The pages are measured once for the module, in a transaction that is rolled back afterwards:
first with one application in each state from seed_volume, then topped up to 200, twice the
admin's 100 rows a page and ten times the public lists' page, so that every list is full. Each
measurement clears the page cache first, so that it counts the uncached render. Detail pages are
measured on the application in the same state with the most rows hanging on it, so that a query
per row shows.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from programme.models import Programme
from projects.models import FundingCall
from projects.volume import seed_volume, volume_applications
from projects.workflow import OPEN_CASE_STATES, State
from tests.browser.pages import public_pages
from tests.factories import UserFactory
from tests.second_factor import log_in

User = get_user_model()

# The mark also makes pytest-django set up the test database that the module's fixture uses.
pytestmark = pytest.mark.django_db

# seed_volume's first applications take every state once: the detail pages need some of each.
SMALL, LARGE = len(State), 200

# PAGE -> the most SQL queries it may issue, uncached, at any volume.
BUDGETS = {
    # Public pages, as an anonymous visitor (tests/browser/pages.py, two more of the catalogue).
    # The programme (5) and what it has funded so far (3: totals, municipalities, focus areas).
    "forside": 8,
    "handlingsprogram-liste": 1,
    "handlingsprogram": 6,
    "satsingsomrade-1": 11,
    "satsingsomrade-2": 11,
    "satsingsomrade-3": 11,
    "satsingsomrade-4": 11,
    "barekraftsmal-liste": 1,
    # The goal, its focus areas and, when it has some, their sub-themes and commitments; its
    # funded projects' count and newest.
    "barekraftsmal": 6,
    "utlysninger": 1,
    "utlysning": 2,
    # The catalogue with its filter choices worked out (5 queries); the next page of any filter
    # reads them from the cache (publication/catalogue_choices.py), the unfiltered list its count.
    "prosjekter": 9,
    "prosjekter-filtrert": 10,
    "prosjekter-sok": 10,
    "prosjekter-side-2": 9,
    # The members' counts of funded projects in one query (publication.selectors).
    "prosjekter-kart": 1,
    # The open data downloads, which hold every funded project and the whole programme.
    "apne-data-prosjekter-csv": 5,
    "apne-data-prosjekter-json": 5,
    "apne-data-prosjekter-schema": 0,
    "apne-data-handlingsprogram-csv": 9,
    "apne-data-handlingsprogram-json": 9,
    "apne-data-handlingsprogram-schema": 0,
    "prosjekt": 7,  # with the commitments it follows up
    "statistikk": 7,
    "statistikk-alle-perioder": 7,
    "apne-data": 0,
    "moter": 3,
    # With published minutes: who was disqualified in each item, in one query.
    "mote": 7,
    # The meetings and the published calls' deadlines, each in one query.
    "kalender": 2,
    "postjournal": 3,
    "sok": 15,
    "logg-inn": 0,
    "glemt-passord": 0,
    "glemt-passord-sendt": 0,
    "tilgjengelighet": 0,
    "personvern": 0,
    # «Mine søknader» and an application's page, as a user of the lead municipality (five of
    # the queries are the session, the user, whether the person has or must have a second
    # factor (accounts/two_factor/access.py), and the organisations the header links
    # «Brukere» for).
    "mine-soknader": 10,  # with the count of the pages
    # With its documents (receipts, decision letters), appeals, and the thread's messages
    # with their files.
    "soknad": 24,
    # The secretariat's list of applications in admin: plain, filtered by status and by focus
    # area (many-to-many), and searched. The search reads the municipalities' names once, which
    # PostgreSQL's full-text search looks for (hamarregion/search/matching.py). The sidebar asks
    # once whether the appeal text's single row exists (the add link is offered only without it).
    # One query is the second factor the session passed (django-otp's middleware), one the
    # secretariat's people that the «Saksbehandler» filter offers.
    "admin-soknader": 13,
    "admin-soknader-status": 13,
    "admin-soknader-satsingsomrade": 13,
    "admin-soknader-sok": 14,
    # The council's meeting pack, as a council member, with every open case on its agenda: the
    # meeting, its items, their cases, attachments and disqualifications, the criteria and the
    # scores (meetings/selectors.py), besides the session, person and second factor.
    "motepapirer": 13,
}


@dataclass
class Measurement:
    path: str
    anonymous: bool
    queries: int
    status: int
    sql: list
    rows: int  # for a detail page: the rows hanging on the application shown


def with_rows(applications):
    return applications.annotate(
        rows=Count("status_changes", distinct=True)
        + Count("cost_lines", distinct=True)
        + Count("funding_lines", distinct=True)
        + Count("partner_municipalities", distinct=True)
        + Count("focus_areas", distinct=True)
        + Count("sub_themes", distinct=True)
        + Count("sustainable_development_goals", distinct=True)
        + Count("payments", distinct=True)
    )


def richest(state):
    """The application in `state` with the most rows hanging on it."""
    return with_rows(volume_applications().filter(status=state)).order_by("-rows", "pk").first()


def pages_to_measure():
    """(page, path, who, rows) for every page in the budget table, with the data as it is."""
    open_call = FundingCall.objects.open().filter(slug__startswith="volum-").first()
    # Reported: the state whose pages show the most (payments, final report, results).
    project = richest(State.REPORT_SUBMITTED)
    catalogue = reverse("publication:project-list")
    pages = [
        (page, path, "anonymous", project.rows if page == "prosjekt" else 0)
        for page, path in public_pages(open_call, project)
    ]
    pages += [
        ("prosjekter-sok", f"{catalogue}?q=kommunene", "anonymous", 0),
        ("prosjekter-side-2", f"{catalogue}?page=2", "anonymous", 0),
        ("kalender", reverse("meetings:calendar"), "anonymous", 0),
    ]
    for dataset in ("prosjekter", "handlingsprogram"):
        pages += [
            (
                f"apne-data-{dataset}-{kind}",
                reverse(f"publication:opendata-{kind}", args=[dataset]),
                "anonymous",
                0,
            )
            for kind in ("csv", "json", "schema")
        ]
    municipality = project.lead_municipality
    pages += [
        ("mine-soknader", reverse("projects:my-applications"), municipality, 0),
        ("soknad", project.get_absolute_url(), municipality, project.rows),
    ]
    admin_list = reverse("admin:projects_application_changelist")
    focus_area = Programme.objects.published().get().focus_areas.order_by("order").first()
    pages += [
        ("admin-soknader", admin_list, "secretariat", 0),
        ("admin-soknader-status", f"{admin_list}?status__exact=approved", "secretariat", 0),
        (
            "admin-soknader-satsingsomrade",
            f"{admin_list}?focus_areas__id__exact={focus_area.pk}",
            "secretariat",
            0,
        ),
        ("admin-soknader-sok", f"{admin_list}?q=Hamar", "secretariat", 0),
    ]
    pages += [("motepapirer", meeting_pack_path(), "council", 0)]
    return pages


def meeting_pack_path():
    """A coming meeting with every open case of the volume on its agenda, one item each: the
    cases added since the last measurement are added to it."""
    meeting, _created = Meeting.objects.get_or_create(
        title="Møte med alle åpne saker",
        defaults={"starts_at": timezone.now() + timedelta(days=7), "place": "Hamar rådhus"},
    )
    on_agenda = AgendaItem.applications.through.objects.filter(agendaitem__meeting=meeting).values(
        "application_id"
    )
    number = meeting.agenda_items.count()
    for application in (
        volume_applications()
        .filter(status__in=sorted(OPEN_CASE_STATES))
        .exclude(pk__in=on_agenda)
        .order_by("pk")
    ):
        number += 1
        item = AgendaItem.objects.create(meeting=meeting, number=number, title=application.title)
        item.applications.add(application)
    return reverse("meetings:meeting-pack", args=[meeting.pk])


def measure_all(client_for) -> dict:
    results = {}
    for page, path, who, rows in pages_to_measure():
        client = client_for(who)
        # The first request after clearing the cache is rendered, not served from the cache.
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        results[page] = Measurement(
            path=path,
            anonymous=who == "anonymous",
            queries=len(captured),
            status=response.status_code,
            sql=[query["sql"] for query in captured.captured_queries],
            rows=rows,
        )
    return results


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """{page: (measurement with SMALL projects, measurement with 200)}; the data is rolled
    back."""
    with (
        django_db_blocker.unblock(),
        # A cache of its own: the tests' cache (tests/conftest.py) is emptied by each test, not
        # before a module's fixture, and a page kept there would be measured at no query.
        override_settings(
            CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        ),
        transaction.atomic(),
    ):
        call_command("loaddata", "barekraftsmal", "handlingsprogram-2022-2023", verbosity=0)
        secretariat = UserFactory(is_staff=True, groups=[Group.objects.get(name="Sekretariat")])
        council = UserFactory(is_staff=True, groups=[Group.objects.get(name="Rådsmedlem")])
        clients = {"anonymous": Client()}

        def client_for(who):
            if who not in clients:
                user = (
                    secretariat
                    if who == "secretariat"
                    else council
                    if who == "council"
                    else User.objects.filter(memberships__organisation__municipality=who)
                    .order_by("pk")
                    .first()
                )
                clients[who] = log_in(Client(), user)
            return clients[who]

        seed_volume(projects=SMALL, programmes=3, seed=1)
        small = measure_all(client_for)
        seed_volume(projects=LARGE, programmes=3, seed=1)
        large = measure_all(client_for)
        transaction.set_rollback(True)
    cache.clear()
    return {page: (small[page], large[page]) for page in small}


def listing(measurement: Measurement) -> str:
    return "\n".join(f"  {sql[:300]}" for sql in measurement.sql)


@pytest.mark.parametrize("page", BUDGETS)
def test_page_issues_as_many_queries_with_200_projects_as_with_one_per_state_and_keeps_budget(
    page, measured
):
    small, large = measured[page]

    assert (small.status, large.status) == (200, 200)
    assert large.queries == small.queries, (
        f"{page}: {small.queries} queries with {SMALL} projects, {large.queries} with {LARGE}:\n"
        f"{listing(large)}"
    )
    assert large.queries <= BUDGETS[page], (
        f"{page}: {large.queries} queries, over its budget of {BUDGETS[page]}:\n{listing(large)}"
    )


def test_each_detail_page_is_measured_on_an_application_with_more_rows_at_200_projects(
    measured,
):
    for page in ("prosjekt", "soknad"):
        small, large = measured[page]
        assert large.rows > small.rows, page


def public_url_names(resolver=None, namespace=None):
    """The names of every URL whose view is marked as a public page (PublicPageMixin)."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from public_url_names(pattern, pattern.namespace or namespace)
            continue
        view = getattr(pattern.callback, "view_class", pattern.callback)
        if getattr(view, "public_page", False):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_page_measured_has_a_budget_and_every_public_page_is_measured(measured):
    assert set(measured) == set(BUDGETS), "add a budget for each new page, remove old rows"
    measured_anonymously = {
        resolve(large.path.split("?")[0]).view_name
        for _small, large in measured.values()
        if large.anonymous
    }
    missing = set(public_url_names()) - measured_anonymously
    assert not missing, f"public pages without a query budget: {sorted(missing)}"
