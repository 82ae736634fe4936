"""The work queue reads a constant number of queries: as many with one row in each section as
with many, narrowed by a filter or not."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.services import case_handler_assign
from projects.workflow import State
from tests.factories import report_deadline_moved
from tests.factories.grants import payment_request_for, project_under_way
from tests.factories.users import staff_in_group

pytestmark = pytest.mark.django_db

QUEUE = reverse("workbench:work-queue")
# The session, the person, the second factor and the page's own reads (counts, five sections
# with their totals, the progress reports' prefetch).
BUDGET = 20


def one_of_each(make_case, *, secretariat, hamar, hamar_user, handler):
    """A row in every section, the case assigned to `handler` (or no one)."""
    today = timezone.localdate()
    cases = [
        make_case(State.SUBMITTED),
        make_case(State.IN_REVIEW),
        make_case(State.RECOMMENDED),
    ]
    late = project_under_way(
        secretariat=secretariat,
        lead_municipality=hamar,
        created_by=hamar_user,
        start_date=today - timedelta(days=400),
        granted=100_000,
    )
    report_deadline_moved(late, today - timedelta(days=3))
    payment_request_for(late, amount=50_000)
    for application in [*cases, late]:
        if handler is not None:
            case_handler_assign(application=application, handler=handler, by=secretariat)


def queries_of(client, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(QUEUE, query)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("query", [{}, {"saksbehandler": "mine"}, {"saksbehandler": "ingen"}])
def test_the_queue_reads_as_many_queries_with_many_rows_as_with_few(
    secretariat_client,
    secretariat_user,
    make_case,
    hamar,
    hamar_user,
    query,
    django_assert_max_num_queries,
):
    colleague = staff_in_group("Sekretariat", username="kollega")
    world = {"secretariat": secretariat_user, "hamar": hamar, "hamar_user": hamar_user}
    one_of_each(make_case, handler=secretariat_user, **world)
    one_of_each(make_case, handler=None, **world)
    with django_assert_max_num_queries(BUDGET):
        secretariat_client.get(QUEUE, query)
    few = queries_of(secretariat_client, query)

    for handler in (secretariat_user, None, colleague, secretariat_user, None):
        one_of_each(make_case, handler=handler, **world)
    many = queries_of(secretariat_client, query)

    assert many == few, (few, many)
    queue = secretariat_client.get(QUEUE, query).context["queue"]
    assert len(queue.waiting.rows) >= 6
    assert len(queue.payments_due.rows) >= 2
    assert len(queue.progress_reports_overdue.rows) >= 2
    assert len(queue.final_reports_overdue.rows) >= 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the partial indexes' plans")
def test_the_sections_read_their_first_rows_in_order_from_their_partial_indexes(
    secretariat_client, secretariat_user, make_case, hamar, hamar_user
):
    """Each section's list can be read in its order from its own index and stop after its
    first rows, however many other cases there are: with sorting and sequential scans off
    (a handful of rows makes them look cheapest), PostgreSQL's plans name the indexes."""
    world = {"secretariat": secretariat_user, "hamar": hamar, "hamar_user": hamar_user}
    one_of_each(make_case, handler=None, **world)
    with CaptureQueriesContext(connection) as captured:
        assert secretariat_client.get(QUEUE).status_code == 200

    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        for query in captured.captured_queries:
            if query["sql"].startswith("SELECT") and "projects_application" in query["sql"]:
                cursor.execute(f"EXPLAIN {query['sql']}")
                plans.append("\n".join(row[0] for row in cursor.fetchall()))

    used = "\n".join(plans)
    for index in (
        "application_status_changed",  # the cases waiting for the secretariat
        "application_report_due",  # the final reports overdue
        "application_recommended",  # the recommended cases on no agenda
    ):
        assert f"Index Scan using {index} " in used, index


def test_at_volume_the_queue_keeps_its_budget_and_counts_every_state(
    secretariat_client, programme_fixture, django_assert_max_num_queries
):
    """seed_volume's applications in every state, many of them waiting or overdue: the
    sections hold their first rows, the counts all of them, within the same budget."""
    from projects.models import Application
    from projects.volume import seed_volume

    seed_volume(projects=200, programmes=2, seed=1)

    with django_assert_max_num_queries(BUDGET):
        response = secretariat_client.get(QUEUE)

    assert response.status_code == 200
    queue = response.context["queue"]
    counted = dict(queue.state_counts)
    assert sum(counted.values()) == Application.objects.exclude(status=State.DRAFT).count()
    waiting = Application.objects.filter(
        status__in=[
            State.SUBMITTED,
            State.IN_REVIEW,
            State.RECOMMENDED,
            State.REPORT_SUBMITTED,
            State.APPEALED,
            State.APPEAL_FORWARDED,
        ]
    )
    assert queue.waiting.total == waiting.count() > 0
    assert len(queue.waiting.rows) == min(queue.waiting.total, 50)
    since = [row.waiting_since for row in queue.waiting.rows]
    assert since == sorted(since)
