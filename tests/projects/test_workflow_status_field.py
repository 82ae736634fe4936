"""The status is changed only by the workflow's actions, never by a form."""

import pytest
from django.urls import reverse

from projects.forms import ApplicationForm
from projects.models import Application
from projects.workflow import State
from tests.factories import UserFactory
from tests.projects.edit_page import post_edit_page
from tests.projects.workflow_world import application_in, snapshot
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db


def test_the_application_form_has_no_status_field():
    assert "status" not in ApplicationForm.base_fields
    assert "submitted_at" not in ApplicationForm.base_fields


def test_posting_a_status_to_the_edit_page_does_not_change_it(hamar_client, hamar, hamar_user):
    application = application_in(State.DRAFT, hamar, hamar_user)

    response = post_edit_page(
        hamar_client, application, status=State.SUBMITTED, submitted_at="2026-01-01 12:00"
    )

    assert response.status_code == 302
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == State.DRAFT
    assert stored.submitted_at is None
    assert not stored.status_changes.exists()


def test_admin_change_page_shows_the_status_read_only(secretariat_client, hamar, hamar_user):
    application = application_in(State.SUBMITTED, hamar, hamar_user)

    response = secretariat_client.get(
        reverse("admin:projects_application_change", args=[application.pk])
    )

    assert response.status_code == 200
    assert "status" not in response.context["adminform"].form.fields
    assert "status" in response.context["adminform"].readonly_fields
    assert 'name="status"' not in response.content.decode()


def test_the_secretariat_cannot_post_the_admin_change_form(secretariat_client, hamar, hamar_user):
    application = application_in(State.SUBMITTED, hamar, hamar_user)
    before = snapshot(application)

    response = secretariat_client.post(
        reverse("admin:projects_application_change", args=[application.pk]),
        {"status": State.WITHDRAWN, "title": "Endret av sekretariatet"},
    )

    assert response.status_code == 403
    assert snapshot(application) == before
    assert Application.objects.get(pk=application.pk).title == application.title


def test_even_a_superuser_cannot_set_the_status_in_admin(client, hamar, hamar_user):
    application = application_in(State.SUBMITTED, hamar, hamar_user)
    log_in(client, UserFactory(is_staff=True, is_superuser=True))
    before = snapshot(application)

    response = client.post(
        reverse("admin:projects_application_change", args=[application.pk]),
        {"status": State.WITHDRAWN, "title": "Endret", "_save": "Lagre"},
    )

    assert response.status_code in {200, 302}
    assert snapshot(application) == before
    assert Application.objects.get(pk=application.pk).title == application.title
