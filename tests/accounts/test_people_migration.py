"""Migration projects 0015: each shared account of a municipality becomes a person with an
applicant membership of its organisation, and the staff groups become memberships of the
secretariat's and the council's organisations. Run by `manage.py migrate` on a SQLite file of
the test's own: a copy of one migrated to just before, given old accounts, then migrated through
the migration (tests/earlier_schemas.py)."""

import re
import sqlite3
from contextlib import closing

import pytest

from tests.earlier_schemas import copy_of, manage

PEOPLE = ("projects", "0015_people_belong_to_organisations")


@pytest.fixture(scope="module")
def migrated(tmp_path_factory, before_people_migration):
    database = copy_of(before_people_migration, tmp_path_factory.mktemp("people"))
    with closing(sqlite3.connect(database)) as db, db:
        # The municipality's check constraints use REGEXP, which Django gives its connections.
        db.create_function("REGEXP", 2, lambda pattern, value: bool(re.search(pattern, value)))

        def user(username, staff=False):
            return db.execute(
                "INSERT INTO auth_user (username, password, email, first_name, last_name,"
                " is_superuser, is_staff, is_active, date_joined)"
                " VALUES (?, '!', ?, '', '', 0, ?, 1, '2026-01-01')",
                (username, f"{username}@example.org", int(staff)),
            ).lastrowid

        def municipality(slug):
            return db.execute(
                "SELECT id FROM projects_municipality WHERE slug = ?", (slug,)
            ).fetchone()[0]

        def member(user_id, slug):
            db.execute(
                "INSERT INTO projects_membership (user_id, municipality_id) VALUES (?, ?)",
                (user_id, municipality(slug)),
            )

        def in_group(user_id, name):
            group = db.execute("SELECT id FROM auth_group WHERE name = ?", (name,)).fetchone()[0]
            db.execute(
                "INSERT INTO auth_user_groups (user_id, group_id) VALUES (?, ?)",
                (user_id, group),
            )

        db.execute(
            "INSERT INTO projects_municipality (name, slug, number, organisation_number,"
            " is_member, is_active) VALUES ('Innlandet fylkeskommune', 'innlandet', '', '', 0, 1)"
        )
        member(user("hamar"), "hamar")
        both = user("to-kommuner")
        member(both, "hamar")
        member(both, "loten")
        member(user("fylket"), "innlandet")
        in_group(user("sekretariat", staff=True), "Sekretariat")
        in_group(user("raad", staff=True), "Rådsmedlem")
    manage(database, "migrate", *PEOPLE)
    return database


def memberships(database, username):
    with closing(sqlite3.connect(database)) as db:
        return db.execute(
            "SELECT o.slug, o.kind, m.role, m.is_active FROM accounts_membership m"
            " JOIN accounts_organisation o ON o.id = m.organisation_id"
            " JOIN auth_user u ON u.id = m.person_id WHERE u.username = ? ORDER BY o.slug",
            (username,),
        ).fetchall()


def test_a_shared_municipality_account_becomes_an_applicant_of_its_organisation(migrated):
    assert memberships(migrated, "hamar") == [("hamar", "municipality", "applicant", 1)]


def test_an_account_of_two_municipalities_keeps_both(migrated):
    assert memberships(migrated, "to-kommuner") == [
        ("hamar", "municipality", "applicant", 1),
        ("loten", "municipality", "applicant", 1),
    ]


def test_a_partner_gets_a_partner_organisation(migrated):
    assert memberships(migrated, "fylket") == [("innlandet", "partner", "applicant", 1)]


def test_staff_groups_become_memberships_of_the_secretariat_and_the_council(migrated):
    assert memberships(migrated, "sekretariat") == [
        ("sekretariatet", "secretariat", "secretariat", 1)
    ]
    assert memberships(migrated, "raad") == [("regionradet", "council", "council_member", 1)]


def test_every_municipality_has_its_organisation_of_the_same_address(migrated):
    with closing(sqlite3.connect(migrated)) as db:
        pairs = db.execute(
            "SELECT m.slug, o.slug FROM projects_municipality m"
            " LEFT JOIN accounts_organisation o ON o.id = m.organisation_id"
        ).fetchall()

    assert len(pairs) == 5
    assert all(municipality == organisation for municipality, organisation in pairs)
