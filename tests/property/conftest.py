"""Hypothesis settings and the strategies and helpers the property tests share.

Each example runs inside `one_example()`: a savepoint rolled back at the end, so every example
starts from the database state the test's fixtures made, and nothing one example stores leaks
into the next (pytest-django's `db` fixture keeps one transaction for the whole test). This
keeps the tests pytest functions with the suite's fixtures, where hypothesis.extra.django.TestCase
would need classes and give up the fixtures; the fixtures' data is made once per test, outside
the savepoint, hence the suppressed function_scoped_fixture health check.

HYPOTHESIS_PROFILE=property-thorough runs 60 random examples per test instead of 6 fixed ones.
"""

import os
from contextlib import contextmanager
from datetime import date

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from projects.models import (
    Application,
    Attachment,
    CostLine,
    Decision,
    FinalReport,
    FundingCall,
    FundingLine,
    Payment,
    Recommendation,
    StatusChange,
)

settings.register_profile(
    "property",
    deadline=None,
    max_examples=6,
    derandomize=True,
    # No example database on disk: each run is the same, and nothing is left in the checkout.
    database=None,
    # The fixtures build the data the examples share; one_example() rolls back what each
    # example writes, so a fixture shared by all examples is safe here.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "property-thorough",
    parent=settings.get_profile("property"),
    max_examples=60,
    derandomize=False,
)
# HYPOTHESIS_PROFILE=property-thorough searches longer, for hunting bugs rather than for CI.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "property"))


# --- Values a user could type or a link could carry -------------------------------------------

# Surrogates cannot be encoded in a UTF-8 request body, so no browser can send them.
any_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)
long_text = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(["x", "æ", "\x00", " ", "9", "ab "]),
    st.integers(10_000, 12_000),
)
numbers_as_text = st.one_of(
    st.integers().map(str),
    st.integers(min_value=10**12, max_value=10**40).map(str),
    st.integers(max_value=-1).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["1e6", "1,5", "1 000", "12 500 kr", "1250000,-", "-0", "0x10", "½", "٣"]),
)
dates_as_text = st.one_of(
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
    st.sampled_from(
        [
            "2026-02-30",
            "2025-02-29",
            "0000-01-01",
            "99999-01-01",
            "31.13.2027",
            "2027-1-1",
            "2026-13-01",
            "i morgen",
            "2027-01-01\x00",
            "1.1.0001",
            "31.12.9999",
        ]
    ),
)
# The values that broke forms before, tried early and often.
EDGE_VALUES = [
    "",
    "\x00",
    "9" * 40,
    str(2**63),
    "-1",
    "1e6",
    "NaN",
    "2026-02-30",
    "99999-01-01",
    "x" * 10_001,
    " ",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
]
form_value = st.one_of(
    st.sampled_from(EDGE_VALUES), any_text, numbers_as_text, dates_as_text, long_text
)


# --- The database, before and after -----------------------------------------------------------

STORED_MODELS = (
    Application,
    CostLine,
    FundingLine,
    Attachment,
    StatusChange,
    Recommendation,
    Decision,
    Payment,
    FinalReport,
    FundingCall,
)


def stored_rows() -> dict:
    """Every row of the tables a form of the portal writes, as plain values keyed by model, with
    the applications' many-to-many choices."""
    rows = {
        model.__name__: tuple(model.objects.order_by("pk").values_list()) for model in STORED_MODELS
    }
    for field in (
        "focus_areas",
        "sub_themes",
        "partner_municipalities",
        "sustainable_development_goals",
    ):
        through = getattr(Application, field).through
        rows[f"Application.{field}"] = tuple(through.objects.order_by("pk").values_list())
    return rows


def changed_tables(before: dict, after: dict) -> set:
    return {name for name in before if before[name] != after[name]}


class _RollBack(Exception):
    pass


@contextmanager
def one_example():
    """Run one example in a savepoint that is always rolled back."""
    try:
        with transaction.atomic():
            yield
            raise _RollBack
    except _RollBack:
        pass


def is_success_redirect(response, *, to: str) -> bool:
    return response.status_code == 302 and response["Location"] == to
