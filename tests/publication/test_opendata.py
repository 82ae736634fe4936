"""Open data: the funded projects and the programme as CSV and JSON, each parsing with the schema
the page documents and the Table Schema declares (every column declared, types as declared,
required ones present); only funded projects and public periods; no personal field and no
personal value anywhere; cells a spreadsheet would run as formulas neutralised."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from programme.models import Programme, SustainableDevelopmentGoal
from projects.models import Application, StatusChange
from projects.workflow import PUBLIC_STATES, State
from publication.opendata import DATASETS
from tests.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    DecisionFactory,
    FundingCallFactory,
    MembershipFactory,
    ProgrammeFactory,
    UserFactory,
    complete_application,
    funded_project,
)
from tests.html import page_text
from tests.property.conftest import one_example
from tests.publication.opendata_files import (
    SITE,
    all_keys,
    check_json_object,
    csv_rows,
    download,
    parse_cell,
    schema_of,
)

pytestmark = pytest.mark.django_db

PAGE = "/apne-data/"

# The fields of Application (and what hangs on it) that name or reach a person.
PERSONAL_FIELDS = [
    "project_leader_name",
    "project_leader_email",
    "project_leader_phone",
    "contact_name",
    "contact_email",
    "contact_phone",
    "created_by",
    "partner_organisations",
    "recommendation",
    "status_changes",
    "actor",
    "comment",
    "assessment",
    "recorded_by",
    "written_by",
    "uploaded_by",
    "attachments",
    "users",
]
# Words no column of an open dataset may carry in its name.
PERSONAL_WORDS = ["email", "phone", "contact", "leader", "actor", "comment", "recommend", "user"]


def personal_values(tag: str) -> dict:
    return {
        "project_leader_name": f"Lederen Liv {tag}",
        "project_leader_email": f"leder-{tag}@kommune.example.org",
        "project_leader_phone": f"+47 911 00 {tag[:3]}",
        "contact_name": f"Kontakten Kari {tag}",
        "contact_email": f"kontakt-{tag}@kommune.example.org",
        "contact_phone": f"+47 922 00 {tag[:3]}",
        "partner_organisations": f"Firmaet til Per Persen {tag}",
    }


def planted_strings() -> list[str]:
    """Every personal value the world below stores, to be found in no output."""
    found = []
    for state in State:
        found += personal_values(state.value).values()
    return found + [
        "Saksbehandler Sigrid Skjult",
        "sigrid.skjult@example.org",
        "soker.skjult@example.org",
        "Vurderingen til sekretariatet er fortrolig",
        "Kommentaren til saksbehandleren",
        "Forfatteren Frida",
        "frida.forfatter@example.org",
        "Søknad i tilstand",  # titles of the applications that are not funded
    ]


@pytest.fixture
def world(programme_fixture, hamar, secretariat_user):
    """The 2022–2023 programme (with its commitments) and one application in every state, each
    with its own contact data; a draft programme; and people's names on everything around."""
    secretariat_user.first_name, secretariat_user.last_name = "Saksbehandler Sigrid", "Skjult"
    secretariat_user.email = "sigrid.skjult@example.org"
    secretariat_user.save()
    applicant = UserFactory(username="soker", email="soker.skjult@example.org")
    MembershipFactory(person=applicant, municipality=hamar)
    programme = Programme.objects.published().get()
    call = FundingCallFactory(
        programme=ProgrammeFactory(status=Programme.Status.ARCHIVED, slug="2020-2021")
    )
    applications = {}
    for state in State:
        fields = {
            "funding_call": call,
            "lead_municipality": hamar,
            "created_by": applicant,
            **personal_values(state.value),
        }
        if state in PUBLIC_STATES:
            applications[state] = funded_project(
                status=state, title=f"Prosjekt {state.value}", **fields
            )
        else:
            applications[state] = complete_application(
                status=state, title=f"Søknad i tilstand {state.value}", **fields
            )
            if state == State.REJECTED:
                DecisionFactory(application=applications[state], outcome="rejected")
    for application in applications.values():
        StatusChange.objects.create(
            application=application,
            action="return",
            from_status=State.SUBMITTED,
            to_status=State.RETURNED,
            actor=secretariat_user,
            comment="Kommentaren til saksbehandleren",
        )
    from projects.models import Recommendation

    Recommendation.objects.create(
        application=applications[State.APPROVED],
        assessment="Vurderingen til sekretariatet er fortrolig",
        recommended_amount=400_000,
        written_by=secretariat_user,
    )
    area = programme.focus_areas.order_by("order").first()
    commitment = CommitmentFactory(
        focus_area=area, slug="med-prosjekter", status="under_way", progress=40
    )
    commitment.projects.set([applications[State.IN_PROGRESS], applications[State.SUBMITTED]])
    CommitmentUpdateFactory(
        commitment=commitment,
        text="Avtalen er signert.",
        date=date(2023, 6, 1),
        created_by=UserFactory(
            username="frida", first_name="Forfatteren Frida", email="frida.forfatter@example.org"
        ),
    )
    draft = ProgrammeFactory(slug="utkast-2024-2025", title="Utkastet som ikke er publisert")
    return {"programme": programme, "applications": applications, "draft": draft}


# --- Every file parses with the documented schema ---------------------------------------------


@pytest.mark.parametrize("dataset", ["prosjekter", "handlingsprogram"])
def test_the_csv_parses_with_its_table_schema(client, world, dataset):
    schema = schema_of(client, dataset)
    rows = csv_rows(client, dataset)

    fields = {field["name"]: field for field in schema["fields"]}
    assert list(rows[0]) == list(fields)  # every column declared, in order
    assert [field.name for field in DATASETS[dataset].csv_fields()] == list(fields)
    for row in rows:
        for name, cell in row.items():
            field = fields[name]
            value = parse_cell(field, cell)
            constraints = field.get("constraints", {})
            if constraints.get("required"):
                assert value is not None, f"{name} is required"
            if "enum" in constraints and value is not None:
                assert value in constraints["enum"]


def test_each_programme_csv_row_fills_its_own_levels_required_fields(client, world):
    rows = csv_rows(client, "handlingsprogram")

    levels = {level.name: level for level in DATASETS["handlingsprogram"].levels}
    seen = set()
    for row in rows:
        level = levels[row["record_type"]]
        seen.add(level.name)
        for field in level.fields:
            if field.required:
                assert row[f"{level.name}_{field.name}"] != "", (level.name, field.name)
    assert seen == set(levels)


@pytest.mark.parametrize("dataset", ["prosjekter", "handlingsprogram"])
def test_the_json_parses_with_the_documented_fields(client, world, dataset):
    document = download(client, dataset, "json").json()

    assert document["dataset"] == dataset
    assert document["license"]["name"] == "NLOD-2.0"
    assert document["schema"] == f"{SITE}/apne-data/{dataset}/schema.json"
    assert document["data"]
    for record in document["data"]:
        check_json_object(DATASETS[dataset].root, record)


def test_the_projects_are_exactly_the_funded_ones_with_their_grants(client, world):
    rows = csv_rows(client, "prosjekter")
    document = download(client, "prosjekter", "json").json()

    funded = Application.objects.funded().select_related("decision").order_by("pk")
    assert [int(row["id"]) for row in rows] == [project.pk for project in funded]
    assert [item["id"] for item in document["data"]] == [project.pk for project in funded]
    granted = {project.pk: project.decision.granted_amount for project in funded}
    assert {int(row["id"]): int(row["granted_amount"]) for row in rows} == granted
    completed = next(row for row in rows if row["status"] == "completed")
    assert completed["results"] == "Prosjektet nådde hovedmålet."
    assert completed["url"] == f"{SITE}/prosjekter/{completed['id']}/"
    approved = next(row for row in rows if row["status"] == "approved")
    assert approved["results"] == ""  # as the project page: results once completed


def test_the_programme_has_the_public_periods_with_their_commitments_and_no_draft(client, world):
    document = download(client, "handlingsprogram", "json").json()
    rows = csv_rows(client, "handlingsprogram")

    slugs = [programme["slug"] for programme in document["data"]]
    assert "2022-2023" in slugs and "2020-2021" in slugs
    assert "utkast-2024-2025" not in slugs
    assert "utkast-2024-2025" not in {row["programme_slug"] for row in rows}
    current = next(p for p in document["data"] if p["slug"] == "2022-2023")
    assert [area["name"] for area in current["focus_areas"]] == list(
        world["programme"].focus_areas.order_by("order").values_list("name", flat=True)
    )
    commitments = [c for area in current["focus_areas"] for c in area["commitments"]]
    assert len(commitments) >= 17  # those of the fixture and the one added here
    ours = next(c for c in commitments if c["slug"] == "med-prosjekter")
    # Only the funded project: the submitted application linked by mistake is left out.
    assert ours["projects"] == [world["applications"][State.IN_PROGRESS].pk]
    assert (ours["status"], ours["progress"]) == ("under_way", 40)
    assert ours["updates"] == [{"date": "2023-06-01", "text": "Avtalen er signert."}]
    update_row = next(row for row in rows if row["record_type"] == "commitment_update")
    assert update_row["commitment_slug"] and update_row["focus_area_name"]
    assert update_row["programme_slug"] == "2022-2023"


# --- No personal data -------------------------------------------------------------------------


def test_no_dataset_has_a_personal_field(client, world):
    for slug, dataset in DATASETS.items():
        names = {field.name for field in dataset.csv_fields()}
        names |= {f["name"] for f in schema_of(client, slug)["fields"]}
        names |= set(csv_rows(client, slug)[0])
        names |= all_keys(download(client, slug, "json").json()["data"])
        for name in names:
            assert name not in PERSONAL_FIELDS, f"{slug}: {name}"
            assert not any(word in name for word in PERSONAL_WORDS), f"{slug}: {name}"


def test_planted_personal_data_is_in_no_output(client, world):
    addresses = [PAGE, "/prosjekter/feed/", "/sitemap.xml", "/sitemap-prosjekter.xml"]
    for slug in DATASETS:
        addresses += [f"/apne-data/{slug}.csv", f"/apne-data/{slug}.json"]
        addresses += [f"/apne-data/{slug}/schema.json"]
    planted = planted_strings()
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        content = response.content.decode()
        # JSON escapes nothing in these strings (ensure_ascii=False); the page decodes entities.
        text = page_text(response) if address == PAGE else content
        leaks = [value for value in planted if value in content or value in text]
        assert not leaks, f"{address}: {leaks}"


# --- Formula neutralising and formats ---------------------------------------------------------


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("https://example.org")', "+SUM(A1)", "-2+3", "@cmd", "\t=1+1"]
)
def test_a_cell_a_spreadsheet_would_run_is_neutralised_in_csv_and_kept_in_json(client, title):
    funded_project(title=title, summary="=1+1 som sammendrag")

    (row,) = csv_rows(client, "prosjekter")
    (item,) = download(client, "prosjekter", "json").json()["data"]

    assert row["title"] == "'" + title.strip()
    assert row["summary"] == "'=1+1 som sammendrag"
    assert item["title"] == title
    assert item["summary"] == "=1+1 som sammendrag"


def test_lists_are_split_by_the_declared_delimiter(client, programme_fixture):
    project = funded_project()
    project.sustainable_development_goals.set(
        SustainableDevelopmentGoal.objects.filter(number__in=[8, 11])
    )

    (row,) = csv_rows(client, "prosjekter")
    (item,) = download(client, "prosjekter", "json").json()["data"]

    assert row["sustainable_development_goals"] == "8; 11"
    assert item["sustainable_development_goals"] == [8, 11]
    assert row["decided_on"] == "2026-03-12"
    assert item["decided_on"] == "2026-03-12"


def test_downloads_are_utf8_attachments_readable_from_anywhere(client, world):
    response = download(client, "prosjekter", "csv")

    assert response["Content-Disposition"] == 'attachment; filename="prosjekter.csv"'
    assert response["Access-Control-Allow-Origin"] == "*"
    # «Kompetanse og næringsutvikling»: UTF-8 in both, not escaped in the JSON.
    assert "næringsutvikling" in download(client, "handlingsprogram", "csv").content.decode()
    assert "næringsutvikling" in download(client, "handlingsprogram", "json").content.decode()


def test_an_unknown_dataset_is_not_found(client):
    for address in ["/apne-data/ukjent.csv", "/apne-data/ukjent.json", "/apne-data/x/schema.json"]:
        assert client.get(address).status_code == 404


@given(slug=st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True))
def test_a_dataset_address_with_any_name_is_found_or_not_found(client, slug):
    with one_example():
        for address in [f"/apne-data/{slug}.csv", f"/apne-data/{slug}/schema.json"]:
            expected = 200 if slug in DATASETS else 404
            assert client.get(address).status_code == expected


def test_the_downloads_take_the_same_number_of_queries_however_many_projects(client, world):
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            download(client, "prosjekter", "csv")
            download(client, "handlingsprogram", "json")
        counts.append(len(queries))
        for _ in range(3):
            funded_project(funding_call=world["applications"][State.APPROVED].funding_call)
    assert counts[0] == counts[1]


# --- The documentation page -------------------------------------------------------------------


def test_the_page_documents_every_field_of_every_dataset(client, world):
    response = client.get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    text = page_text(response)
    for slug, dataset in DATASETS.items():
        for kind in ["csv", "json"]:
            assert f'href="/apne-data/{slug}.{kind}"' in html
        assert f'href="/apne-data/{slug}/schema.json"' in html
        for level in dataset.levels:
            for field in level.fields:
                assert f"<code>{field.name}</code>" in html
                assert " ".join(str(field.description).split()) in text
                assert str(field.type_label) in text
                assert str(field.example) in text
    assert "Norsk lisens for offentlige data (NLOD) 2.0" in text
    assert 'href="https://data.norge.no/nlod/no/2.0"' in html
    assert 'href="/prosjekter/feed/"' in html
    assert 'href="/sitemap.xml"' in html
    assert "style=" not in html


def test_the_page_is_linked_from_the_footer(client):
    response = client.get("/")

    assert f'href="{PAGE}"' in response.content.decode()
