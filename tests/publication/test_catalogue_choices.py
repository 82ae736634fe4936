"""The catalogue's filter choices are worked out once per content version and kept in the cache
(publication/catalogue_choices.py): a second visit reads none of the tables they come from, any
change to the content shows in them at once, and with the cache down they are still right."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hamarregion.shared_cache import breaker
from projects.models import Application
from publication.catalogue_choices import catalogue_choices
from tests.factories import FocusAreaFactory, MunicipalityFactory, funded_project
from tests.html import page_text

pytestmark = pytest.mark.django_db

LIST_URL = "/prosjekter/"
REDIS_DOWN = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def _closed_circuit_breaker():
    """The breaker is per process: a test with the cache down must not leave it off."""
    breaker.reset()
    yield
    breaker.reset()


def tables_read(client, url=LIST_URL, **params) -> str:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return " ".join(query["sql"] for query in captured.captured_queries)


def choice_values(response, name) -> list[str]:
    html = response.content.decode()
    select = html[html.index(f'<select name="{name}"') :]
    select = select[: select.index("</select>")]
    return [part.split('"')[1] for part in select.split("<option value=")[1:]]


def test_a_second_visit_reads_the_choices_from_the_cache(client, hamar):
    funded_project(title="Bolyst", lead_municipality=hamar, decided_on=date(2026, 2, 1))
    first = tables_read(client)

    second = tables_read(client, page=1, q="")

    assert "programme_focusarea" in first and "projects_municipality" in first
    # Rendered, not served whole from the page cache: another address.
    assert "projects_application" in second
    # Only the page's own rows: neither the choices' tables nor a COUNT of every project.
    assert "programme_subtheme" not in second
    assert "sustainabledevelopmentgoal" not in second
    assert "COUNT(" not in second


def test_the_unfiltered_count_comes_with_the_choices_and_is_exact(client, hamar):
    for number in range(3):
        funded_project(title=f"Prosjekt {number}", decided_on=date(2026, 1, number + 1))
    client.get(LIST_URL)

    # Another address than the first, which the page cache would serve whole.
    response = client.get(LIST_URL, {"page": 1})

    assert "3 prosjekter" in page_text(response)
    assert response.context["page_obj"].paginator.count == Application.objects.funded().count()


def test_a_new_funded_project_shows_in_the_choices_and_the_count_at_once(client, hamar):
    funded_project(title="Først", lead_municipality=hamar, decided_on=date(2025, 5, 1))
    client.get(LIST_URL)
    # A municipality that is not a member shows once it has a funded project.
    county = MunicipalityFactory(name="Innlandet fylkeskommune", slug="innlandet")
    area = FocusAreaFactory(name="Kompetanse")

    funded_project(
        title="Siden", lead_municipality=county, decided_on=date(2026, 5, 1)
    ).focus_areas.set([area])
    response = client.get(LIST_URL)

    assert "innlandet" in choice_values(response, "municipality")
    assert str(area.pk) in choice_values(response, "focus_area")
    assert choice_values(response, "year") == ["", "2026", "2025"]
    assert "2 prosjekter" in page_text(response)


def test_a_new_member_shows_in_the_filter_at_once_without_projects(client):
    first = client.get(LIST_URL)
    assert "elverum" not in choice_values(first, "municipality")

    MunicipalityFactory(name="Elverum", slug="elverum", is_member=True)
    response = client.get(LIST_URL)

    assert choice_values(response, "municipality") == [
        "",
        "elverum",
        "hamar",
        "loten",
        "ringsaker",
        "stange",
    ]
    assert list(client.get(LIST_URL, {"municipality": "elverum"}).context["projects"]) == []


def test_with_the_cache_down_the_choices_are_worked_out_on_each_visit(client, settings, hamar):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_DOWN,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    funded_project(title="Bolyst", lead_municipality=hamar, decided_on=date(2026, 2, 1))

    first = client.get(LIST_URL, {"municipality": "hamar"})
    second = client.get(LIST_URL)

    assert first.status_code == second.status_code == 200
    assert first.context["projects"][0].title == "Bolyst"
    assert choice_values(second, "municipality") == ["", "hamar", "loten", "ringsaker", "stange"]
    assert "1 prosjekt" in page_text(second)


def test_the_choices_are_the_catalogues_own(hamar):
    project = funded_project(title="Bolyst", lead_municipality=hamar, decided_on=date(2026, 2, 1))

    choices = catalogue_choices()

    # The four members always, whether they have funded projects or not.
    assert [slug for slug, _name, _pk in choices.municipalities] == [
        "hamar",
        "loten",
        "ringsaker",
        "stange",
    ]
    assert ("hamar", "Hamar", hamar.pk) in choices.municipalities
    assert choices.years == [2026]
    assert choices.project_count == 1
    assert [pk for pk, _label in choices.focus_areas] == list(
        project.focus_areas.order_by("pk").values_list("pk", flat=True)
    )


def test_a_filtered_count_is_worked_out_once_per_content_version(client, hamar):
    for number in range(3):
        funded_project(title=f"Prosjekt {number}", lead_municipality=hamar)
    first = tables_read(client, municipality="hamar")

    # Another address than the first, which the page cache would serve whole.
    again = tables_read(client, municipality="hamar", page=1)
    funded_project(title="Enda ett", lead_municipality=hamar)
    changed = client.get(LIST_URL, {"municipality": "hamar", "page": 2})

    assert "COUNT(" in first
    assert "COUNT(" not in again
    assert changed.context["page_obj"].paginator.count == 4
