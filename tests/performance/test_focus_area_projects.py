"""A focus area's page with hundreds of funded projects lists the ten decided last, gives the
number and the total granted to all of them, and links to the catalogue for the rest."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from hamarregion import content_version
from hamarregion.formatting import format_nok
from programme.models import Programme
from projects.models import Application, Decision
from projects.volume import seed_volume
from publication.templatetags.projects_public import FOCUS_AREA_PROJECTS_SHOWN
from tests.html import element_text, normalise, page_text, start_tags

pytestmark = pytest.mark.django_db

PROJECT_PAGE = re.compile(r"/prosjekter/[0-9]+/")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=ZoneInfo("Europe/Oslo"))


@pytest.fixture
def crowded_focus_area(programme_fixture):
    seed_volume(projects=300, programmes=1, seed=3, now=NOW)
    focus_area = Programme.objects.published().get().focus_areas.order_by("order").first()
    funded = Application.objects.funded().filter(focus_areas=focus_area)
    assert funded.count() > FOCUS_AREA_PROJECTS_SHOWN
    return focus_area, funded


def test_lists_the_ten_projects_decided_last_and_says_how_many_there_are(
    client, crowded_focus_area
):
    focus_area, funded = crowded_focus_area

    response = client.get(focus_area.get_absolute_url())

    listed = [
        attrs["href"]
        for _tag, attrs in start_tags(response, "a")
        if PROJECT_PAGE.fullmatch(attrs.get("href", ""))
    ]
    newest = funded.order_by("-decision__decided_on", "-pk")[:FOCUS_AREA_PROJECTS_SHOWN]
    assert listed == [project.get_public_url() for project in newest]
    assert (
        f"De {FOCUS_AREA_PROJECTS_SHOWN} sist vedtatte av {funded.count()} prosjekter:"
        in element_text(response, "prosjekter-utvalg")
    )


def test_the_total_granted_counts_every_project_under_the_focus_area(client, crowded_focus_area):
    focus_area, funded = crowded_focus_area
    total = Decision.objects.filter(application__in=funded).aggregate(sum=Sum("granted_amount"))

    text = page_text(client.get(focus_area.get_absolute_url()))

    assert normalise(f"Totalt innvilget: {format_nok(total['sum'])}") in text


def test_links_to_the_catalogue_filtered_by_the_focus_area_for_the_rest(client, crowded_focus_area):
    focus_area, funded = crowded_focus_area

    response = client.get(focus_area.get_absolute_url())

    link = f"/prosjekter/?focus_area={focus_area.pk}"
    assert link in {attrs.get("href") for _tag, attrs in start_tags(response, "a")}
    assert f"Se alle {funded.count()} prosjektene under {focus_area.name}" in page_text(response)
    catalogue = client.get(link)
    assert catalogue.context["page_obj"].paginator.count == funded.count()


def test_the_projects_are_read_once_per_content_version(client, settings, crowded_focus_area):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # every request renders the page
    focus_area, funded = crowded_focus_area

    def sums_read():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(focus_area.get_absolute_url()).status_code == 200
        return [query for query in captured if "SUM(" in query["sql"]]

    first, second = sums_read(), sums_read()
    newest = funded.order_by("-decision__decided_on", "-pk").first()
    Decision.objects.filter(application=newest).update(granted_amount=1)
    content_version.bump()

    assert first and not second
    assert sums_read()
