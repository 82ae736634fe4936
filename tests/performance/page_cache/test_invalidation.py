"""Every edit of public content empties the page cache: in admin, through a service, by a
decision, or in a transaction once it commits; changes outside the public apps keep it."""

from datetime import date

import pytest
from django.core.cache import caches
from django.db import transaction
from django.urls import reverse

from hamarregion import content_version
from programme.models import FocusArea, Programme, SustainableDevelopmentGoal
from programme.services import programme_change_status
from projects import services
from projects.workflow import State
from tests.admin_forms import admin_form_data
from tests.factories import FocusAreaFactory, UserFactory, case_in
from tests.html import page_text
from tests.performance.page_cache.helpers import (
    FOCUS_AREA_PATH,
    FOCUS_AREA_SLUG,
    HEADER,
    PROGRAMME_PATH,
)
from tests.programme.expected import PROGRAMME_SLUG

pytestmark = pytest.mark.django_db


def test_an_edit_in_admin_is_seen_by_the_next_anonymous_visitor(
    client, secretariat_client, programme_fixture
):
    assert client.get(FOCUS_AREA_PATH)[HEADER] == "miss"
    assert client.get(PROGRAMME_PATH)[HEADER] == "miss"
    assert client.get(FOCUS_AREA_PATH)[HEADER] == "hit"
    focus_area = FocusArea.objects.get(programme__slug=PROGRAMME_SLUG, slug=FOCUS_AREA_SLUG)
    change_url = reverse("admin:programme_focusarea_change", args=[focus_area.pk])
    data = admin_form_data(secretariat_client.get(change_url), name="Flere innbyggere")

    saved = secretariat_client.post(change_url, data)

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    for path in (FOCUS_AREA_PATH, PROGRAMME_PATH):
        page = client.get(path)
        assert page[HEADER] == "miss", path
        assert "Flere innbyggere" in page_text(page), path
    assert client.get(FOCUS_AREA_PATH)[HEADER] == "hit"


def test_publishing_a_programme_through_the_service_shows_it_at_once(
    client, programme_fixture, secretariat_user
):
    draft = FocusAreaFactory(programme__title="Handlingsprogram 2024–2025").programme
    client.get(reverse("programme:programme-list"))
    cached = client.get(reverse("programme:programme-list"))
    assert cached[HEADER] == "hit"
    assert "Handlingsprogram 2024–2025" not in page_text(cached)

    programme_change_status(programme=draft, status=Programme.Status.PUBLISHED)

    page = client.get(reverse("programme:programme-list"))
    assert page[HEADER] == "miss"
    assert "Handlingsprogram 2024–2025" in page_text(page)


def test_a_decision_that_makes_a_project_public_shows_it_in_the_catalogue(client, secretariat_user):
    case = case_in(State.RECOMMENDED, secretariat=secretariat_user, title="Felles bysykkel")
    catalogue = reverse("publication:project-list")
    client.get(catalogue)
    assert client.get(catalogue)[HEADER] == "hit"
    assert "Felles bysykkel" not in page_text(client.get(catalogue))

    services.application_decide(
        application=case,
        user=secretariat_user,
        outcome="approved",
        granted_amount=300_000,
        decided_on=date(2026, 11, 27),
        case_number="26/00099",
        decision_text="Regionrådet vedtar sekretariatets innstilling.",
        report_due_on=date(2027, 12, 31),
    )

    page = client.get(catalogue)
    assert page[HEADER] == "miss"
    assert "Felles bysykkel" in page_text(page)


def test_linking_a_goal_to_a_focus_area_shows_on_the_goal_page(client, programme_fixture):
    goal = SustainableDevelopmentGoal.objects.get(number=14)
    focus_area = FocusArea.objects.get(programme__slug=PROGRAMME_SLUG, slug=FOCUS_AREA_SLUG)
    focus_area.sustainable_development_goals.remove(goal)
    path = reverse("programme:goal-detail", kwargs={"number": 14})
    client.get(path)
    assert client.get(path)[HEADER] == "hit"
    assert focus_area.name not in page_text(client.get(path))

    focus_area.sustainable_development_goals.add(goal)

    page = client.get(path)
    assert page[HEADER] == "miss"
    assert focus_area.name in page_text(page)


def test_changes_outside_the_public_apps_keep_the_cache(client, programme_fixture):
    client.get(PROGRAMME_PATH)

    UserFactory(username="ny-bruker")

    assert client.get(PROGRAMME_PATH)[HEADER] == "hit"


def test_a_transaction_invalidates_again_once_after_it_commits(
    django_capture_on_commit_callbacks,
):
    """A page rendered while the transaction was open showed the data before it; the bump after
    the commit throws that page away. One bump, however many rows the transaction changed."""
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for _ in range(3):
            FocusAreaFactory()
    before = caches["default"].get(content_version.VERSION_KEY)

    assert callbacks == [content_version.bump]
    callbacks[0]()
    assert caches["default"].get(content_version.VERSION_KEY) != before
