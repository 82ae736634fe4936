"""Realistic volume for benchmarks and tests: programme periods, funding calls and applications
in every workflow state, with the plans, timelines and case records each state implies.

`seed_volume` is what `manage.py seed_volume` runs; tests call it directly. The rows are written
with bulk_create in batches, bypassing the services: the services check rules one application
at a time, which is what makes them slow for ten thousand. The plans are built to meet the same
rules (projects/volume/applications.py), and the tests in tests/performance check that they do.
Neither simple-history nor e-mail sees these rows.
"""

import math
from collections import Counter
from contextlib import contextmanager
from datetime import UTC
from random import Random

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from hamarregion import content_version

from ..models import (
    Appeal,
    Application,
    CostLine,
    Decision,
    FinalReport,
    FundingCall,
    FundingLine,
    GrantAcceptance,
    Payment,
    Recommendation,
    StatusChange,
)
from .applications import eligible_calls, plan_application
from .periods import (
    CALL_PREFIX,
    VolumeError,
    archived_programmes,
    current_programme,
    funding_calls,
    goals,
    members,
    people,
)

__all__ = ["CALL_PREFIX", "VolumeError", "seed_volume", "volume_applications"]

BATCH_SIZE = 1000
# Plan attribute -> Application's many-to-many field.
LINKS = {
    "focus_areas": "focus_areas",
    "sub_themes": "sub_themes",
    "goals": "sustainable_development_goals",
    "partners": "partner_municipalities",
}


def volume_applications():
    """The applications in the volume's funding calls."""
    return Application.objects.filter(funding_call__slug__startswith=CALL_PREFIX)


def seed_volume(*, projects: int, programmes: int = 5, seed: int = 1, now=None) -> dict:
    """Fill the database until the volume's calls hold `projects` applications.

    Periods, calls and the people in the timelines are made where missing and reused where
    present; applications are added until there are `projects` of them, so a second run with
    the same numbers adds nothing and a larger number adds the difference. The n-th application
    depends only on the seed and n, so topping up gives what one run would have made.

    Returns counts: the periods and calls used, the applications made in this run and in all,
    the number in each state, and the rows made in this run for each kind of record.
    """
    if projects < 0:
        raise VolumeError("--projects must be 0 or more.")
    if programmes < 1:
        raise VolumeError("--programmes must be at least 1 (the current period).")
    now = (now or timezone.now()).astimezone(UTC).replace(second=0, microsecond=0)
    made = Counter()
    with transaction.atomic():
        current = current_programme()
        periods = [current, *archived_programmes(current, programmes - 1)]
        rng = Random(f"{seed}:periods")  # noqa: S311 - invented data, not secrets
        calls = funding_calls(periods, current=current, rng=rng, now=now)
        municipalities = members()
        applicants, secretariat = people(municipalities, rng)
        context = {
            "seed": seed,
            "calls_by_state": eligible_calls(calls),
            "municipalities": municipalities,
            "applicants": applicants,
            "secretariat": secretariat,
            "goals": goals(),
            "now": now,
        }
        existing = volume_applications().count()
        with _stored_timestamps():
            for start in range(existing, projects, BATCH_SIZE):
                stop = min(start + BATCH_SIZE, projects)
                plans = [plan_application(index=i, **context) for i in range(start, stop)]
                made.update(_insert(plans))
        _widen_frames([info.call for info in calls])
        _refresh_statistics()
        # bulk_create sends no post_save, which is what tells the page cache that data changed.
        transaction.on_commit(content_version.bump)
        by_state = dict(
            volume_applications()
            .order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
    return {
        "programmes": len(periods),
        "funding_calls": len(calls),
        "applications_created": made.pop("applications", 0),
        "applications": sum(by_state.values()),
        "by_state": by_state,
        "created": dict(made),
    }


# Fields that Django stamps with the time of saving; the volume sets its own history in them.
STAMPED_FIELDS = [
    (Application, "created_at"),
    (Application, "updated_at"),
    (StatusChange, "created_at"),
    (Recommendation, "written_at"),
    (Decision, "recorded_at"),
    (Payment, "recorded_at"),
    (FinalReport, "updated_at"),
    (Appeal, "registered_at"),
]


@contextmanager
def _stored_timestamps():
    """While open, auto_now and auto_now_add keep the value set on the object instead of the
    time of the insert. The flags belong to the model class, so this is for a command or a test
    that seeds while nothing else in the process saves these models."""
    fields = [model._meta.get_field(name) for model, name in STAMPED_FIELDS]
    flags = [(f, f.auto_now, f.auto_now_add) for f in fields]
    try:
        for f in fields:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, auto_now, auto_now_add in flags:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _bulk(model, rows) -> int:
    rows = list(rows)
    model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def _insert(plans) -> dict:
    """One batch: the applications first (their ids come back), then every row that points to
    them, and the many-to-many links through their own tables."""
    counts = {"applications": _bulk(Application, (p.application for p in plans))}
    for plan in plans:
        # Ids rather than objects: setting the related object costs more than the insert.
        pk = plan.application.pk
        for row in plan.rows():
            row.application_id = pk
    counts["cost_lines"] = _bulk(CostLine, (line for p in plans for line in p.cost_lines))
    counts["funding_lines"] = _bulk(FundingLine, (line for p in plans for line in p.funding_lines))
    counts["status_changes"] = _bulk(
        StatusChange, (change for p in plans for change in p.status_changes)
    )
    counts["recommendations"] = _bulk(
        Recommendation, (p.recommendation for p in plans if p.recommendation)
    )
    counts["decisions"] = _bulk(Decision, (p.decision for p in plans if p.decision))
    counts["grant_acceptances"] = _bulk(
        GrantAcceptance, (p.grant_acceptance for p in plans if p.grant_acceptance)
    )
    counts["payments"] = _bulk(Payment, (payment for p in plans for payment in p.payments))
    counts["final_reports"] = _bulk(FinalReport, (p.final_report for p in plans if p.final_report))
    counts["appeals"] = _bulk(Appeal, (p.appeal for p in plans if p.appeal))
    for attribute, relation in LINKS.items():
        through = getattr(Application, relation).through
        # The link table's column for the other side, e.g. focusarea_id.
        column = Application._meta.get_field(relation).m2m_reverse_name()
        counts[f"{attribute}_links"] = _bulk(
            through,
            (
                through(application_id=p.application.pk, **{column: target.pk})
                for p in plans
                for target in getattr(p, attribute)
            ),
        )
    return counts


def _refresh_statistics() -> None:
    """PostgreSQL plans queries from table statistics that autovacuum refreshes only some time
    after a bulk load; until then it takes the tables for a fraction of their size. ANALYZE
    refreshes them at once (in the transaction), so benchmarks right after seeding are fair."""
    if connection.vendor != "postgresql":
        return
    models = [Application, CostLine, FundingLine, StatusChange, Recommendation, Decision]
    models += [GrantAcceptance, Payment, FinalReport, FundingCall]
    tables = [model._meta.db_table for model in models]
    tables += [getattr(Application, relation).through._meta.db_table for relation in LINKS.values()]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _widen_frames(calls) -> None:
    """A call's grants never exceed its frame: where the volume's grants do, the frame is
    raised to the next whole million."""
    granted = dict(
        Decision.objects.filter(
            application__funding_call__in=calls, outcome=Decision.Outcome.APPROVED
        )
        .order_by()
        .values_list("application__funding_call")
        .annotate(total=Sum("granted_amount"))
        .values_list("application__funding_call", "total")
    )
    for call in calls:
        total = granted.get(call.pk, 0)
        if total > call.budget_frame:
            frame = math.ceil(total / 1_000_000) * 1_000_000
            FundingCall.objects.filter(pk=call.pk).update(budget_frame=frame)
            call.budget_frame = frame
