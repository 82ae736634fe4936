"""The admin answers a staff user the same for an object they may not see as for one that does
not exist: no URL of it, the «view on site» shortcut included, tells that an id is in use."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.second_factor import log_in
from tests.security.urls.test_url_coverage import url_of
from tests.security.urls.url_world import named_patterns, summary_of

pytestmark = pytest.mark.django_db

MISSING_ID = 987654


@pytest.fixture
def bare_staff_client(db):
    """A staff user of no group: logs in to the admin and may see nothing in it."""
    client = Client()
    log_in(client, UserFactory(username="bare-staff", is_staff=True))
    return client


def object_urls(world):
    """(name, url of an existing object, the same url for an id no row has) of every admin URL
    that names an object."""
    for name, route in named_patterns():
        if not name or not name.startswith("admin:") or "<" not in route:
            continue
        if name in ("admin:app_list", "admin:view_on_site"):
            continue
        url = url_of(name, world)
        kwargs = url_kwargs(url)
        if kwargs is None:
            continue
        yield name, url, kwargs


def url_kwargs(url):
    from django.urls import resolve

    match = resolve(url)
    for key in ("object_id", "pk", "id"):
        if key in match.kwargs:
            return key, match
    if match.args:
        return 0, match
    return None


def with_missing_id(url, found):
    key, match = found
    if key == 0:
        return reverse(match.view_name, args=[MISSING_ID, *match.args[1:]])
    return reverse(match.view_name, kwargs={**match.kwargs, key: MISSING_ID})


@pytest.mark.parametrize("role", ["council", "bare_staff", "secretariat"])
def test_every_admin_object_url_answers_the_same_for_a_missing_id(
    world, role, council_client, bare_staff_client, world_secretariat_client
):
    client = {
        "council": council_client,
        "bare_staff": bare_staff_client,
        "secretariat": world_secretariat_client,
    }[role]
    differs = []
    for name, url, found in object_urls(world):
        existing = summary_of(world, role, client, url)
        if existing[0] == 200 or (existing[0] == 302 and role == "secretariat"):
            continue  # the user may see the object: nothing to hide
        missing_url = with_missing_id(url, found)
        missing = summary_of(world, role, client, missing_url)
        if existing[0] != missing[0] or existing[1].replace(url, "") != missing[1].replace(
            missing_url, ""
        ):
            differs.append(f"{name}: {url} {existing} but {missing_url} {missing}")
    assert not differs, "\n".join(differs)


def test_a_council_member_cannot_learn_that_a_closed_case_exists(world, council_client):
    """A draft is not an open case: its admin pages answer as for an id no application has."""
    draft = world["draft"]
    for suffix in ("change", "history"):
        existing = council_client.get(
            reverse(f"admin:projects_application_{suffix}", args=[draft.pk])
        )
        missing = council_client.get(
            reverse(f"admin:projects_application_{suffix}", args=[MISSING_ID])
        )
        assert existing.status_code == missing.status_code
        assert existing.get("Location") == missing.get("Location")


def shortcut(model_object, object_id=None):
    content_type = ContentType.objects.get_for_model(model_object)
    return reverse(
        "admin:view_on_site",
        kwargs={"content_type_id": content_type.pk, "object_id": object_id or model_object.pk},
    )


def test_the_view_on_site_shortcut_hides_objects_the_user_may_not_see(world, council_client):
    draft = world["draft"]
    user = world["objects"]["auth_user"]

    for hidden in (draft, user):
        existing = council_client.get(shortcut(hidden))
        missing = council_client.get(shortcut(hidden, MISSING_ID))
        assert existing.status_code == missing.status_code == 404


def test_the_view_on_site_shortcut_still_leads_the_secretariat_to_the_page(
    world, world_secretariat_client
):
    public = world["public"]

    response = world_secretariat_client.get(shortcut(public))

    assert response.status_code == 302
    assert response["Location"].endswith(public.get_absolute_url())
