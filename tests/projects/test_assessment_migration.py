"""Migration projects 0017: a call made before the criteria existed gets the programme's three
standard criteria, each with its first version in the history. Run by `manage.py migrate` on a
SQLite file of the test's own: a copy of one from before people and organisations, migrated to
just before the criteria, given a call, then migrated through them (tests/earlier_schemas.py)."""

import sqlite3
from contextlib import closing

import pytest

from tests.earlier_schemas import copy_of, manage

BEFORE = ("projects", "0016_assessment_criteria_and_scores")
CRITERIA = ("projects", "0017_standard_assessment_criteria")


@pytest.fixture(scope="module")
def migrated(tmp_path_factory, before_people_migration):
    database = copy_of(before_people_migration, tmp_path_factory.mktemp("criteria"))
    manage(database, "migrate", *BEFORE)
    with closing(sqlite3.connect(database)) as db, db:
        programme = db.execute(
            "INSERT INTO programme_programme (title, slug, start_year, end_year, vision,"
            " introduction, focus_areas_heading, title_en, vision_en, introduction_en,"
            " focus_areas_heading_en, status, updated_at)"
            " VALUES ('Handlingsprogram', 'hp', 2026, 2027, '', '', '', '', '', '', '',"
            " 'published', '2026-01-01')"
        ).lastrowid
        db.execute(
            "INSERT INTO projects_fundingcall (title, slug, description, opens_at, closes_at,"
            " budget_frame, max_share_percent, max_amount, is_published, programme_id)"
            " VALUES ('Utviklingsmidler 2025', 'um-2025', '', '2025-01-01', '2025-03-01',"
            " 1000000, 50, 500000, 1, ?)",
            (programme,),
        )
    manage(database, "migrate", *CRITERIA)
    return database


def test_an_existing_call_gets_the_three_standard_criteria_in_order(migrated):
    with closing(sqlite3.connect(migrated)) as db:
        rows = db.execute(
            'SELECT c.title, c."order" FROM projects_assessmentcriterion c'
            " JOIN projects_fundingcall f ON f.id = c.funding_call_id"
            " WHERE f.slug = 'um-2025' ORDER BY c.\"order\""
        ).fetchall()

    assert rows == [
        ("Samsvar med satsingsområdet", 1),
        ("Regional effekt", 2),
        ("Medfinansiering", 3),
    ]


def test_each_criterion_has_its_first_version_in_the_history(migrated):
    with closing(sqlite3.connect(migrated)) as db:
        history = db.execute(
            "SELECT h.id, h.history_type FROM projects_historicalassessmentcriterion h"
            " ORDER BY h.id"
        ).fetchall()
        criteria = db.execute("SELECT id FROM projects_assessmentcriterion ORDER BY id").fetchall()

    assert history == [(criterion, "+") for (criterion,) in criteria]
