"""The commitments and their progress on the public pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.models import Commitment, FocusArea, Programme
from tests.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    FocusAreaFactory,
    ProgrammeFactory,
    funded_project,
)
from tests.html import element_text, page_text, start_tags
from tests.programme.commitment_pages import focus_area_page
from tests.programme.expected import PROGRAMME_SLUG

pytestmark = pytest.mark.django_db

Status = Commitment.Status


def test_focus_area_page_shows_commitments_with_status_progress_and_updates(client, followed_up):
    response = focus_area_page(client, followed_up["focus_area"])
    section = element_text(response, "forpliktelse-ladestasjoner")

    assert response.status_code == 200
    assert "Regionrådet vil bygge ladestasjoner." in section
    assert "Status: Pågår" in section
    assert "Framdrift: 45 %" in section
    assert "03.10.2026 Fem ladestasjoner er bygd." in section
    bars = {attrs["id"]: attrs for _tag, attrs in start_tags(response, "progress")}
    assert bars["framdrift-forpliktelse-ladestasjoner"]["value"] == "45"
    assert bars["framdrift-forpliktelse-ladestasjoner"]["max"] == "100"
    assert "<strong>ladestasjoner</strong>" in response.content.decode()
    assert "<script>alert" not in response.content.decode()


def test_focus_area_page_shows_its_progress_and_says_dropped_ones_are_left_out(client, followed_up):
    text = page_text(focus_area_page(client, followed_up["focus_area"]))

    assert "Framdrift i satsingsområdet: 45 %" in text
    assert "Avbrutte forpliktelser er ikke med." in text
    assert "Avbrutt (telles ikke med i framdriften)" in text


def test_focus_area_page_links_only_the_public_projects_and_never_the_writer(client, followed_up):
    response = focus_area_page(client, followed_up["focus_area"])
    section = element_text(response, "forpliktelse-ladestasjoner")
    links = {attrs.get("href") for _tag, attrs in start_tags(response, "a")}

    assert "Ladestasjoner i Stange" in section
    assert followed_up["public"].get_public_url() in links
    assert "Til behandling" not in section
    assert "Skjult" not in page_text(response)
    assert "Sekretær" not in page_text(response)


def test_focus_area_page_without_commitments_says_so(client):
    focus_area = FocusAreaFactory(programme__status=Programme.Status.ARCHIVED)

    text = page_text(focus_area_page(client, focus_area))

    assert "Ingen forpliktelser er registrert under dette satsingsområdet ennå." in text
    assert "Framdrift i satsingsområdet" not in text


def test_focus_area_page_reads_a_fixed_number_of_queries(
    client, followed_up, django_assert_max_num_queries
):
    focus_area = followed_up["focus_area"]
    with CaptureQueriesContext(connection) as captured:
        focus_area_page(client, focus_area)
    for _ in range(8):
        commitment = CommitmentFactory(focus_area=focus_area, progress=10)
        CommitmentUpdateFactory.create_batch(2, commitment=commitment)
        commitment.projects.add(funded_project(funding_call=followed_up["public"].funding_call))

    with django_assert_max_num_queries(len(captured)):
        response = focus_area_page(client, focus_area)

    assert response.status_code == 200
    assert len(response.context["focus_area"].commitments.all()) == 10


def test_programme_page_and_front_page_show_the_overall_progress(client, programme_fixture):
    first, second = Commitment.objects.order_by("pk")[:2]
    Commitment.objects.filter(pk=first.pk).update(status=Status.DONE, progress=100)
    Commitment.objects.filter(pk=second.pk).update(status=Status.DROPPED, progress=50)
    expected = round(100 / 16)  # 16 counted commitments, one at 100 %

    programme = page_text(client.get(reverse("programme:programme-detail", args=[PROGRAMME_SLUG])))
    home = page_text(client.get(reverse("programme:home")))

    assert f"Samlet framdrift: {expected} %" in programme
    assert "Avbrutte forpliktelser er ikke med." in programme
    assert f"Samlet framdrift i handlingsprogrammet: {expected} %" in home


def test_programme_page_without_commitments_shows_no_figure(client):
    programme = ProgrammeFactory(status=Programme.Status.ARCHIVED)
    FocusAreaFactory(programme=programme)

    text = page_text(client.get(programme.get_absolute_url()))

    assert "Samlet framdrift: ingen forpliktelser å måle framdriften på" in text
    assert "0 %" not in text


def test_programme_and_front_page_read_a_fixed_number_of_queries(
    client, programme_fixture, django_assert_max_num_queries
):
    urls = [reverse("programme:programme-detail", args=[PROGRAMME_SLUG]), reverse("programme:home")]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts.append(len(captured))
    focus_area = FocusArea.objects.get(slug="befolkningsvekst")
    CommitmentFactory.create_batch(10, focus_area=focus_area, progress=50)

    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
