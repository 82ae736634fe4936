"""A person's sign-on links in admin: shown under the person, removable by the secretariat."""

import pytest
from django.urls import reverse

from accounts.models import SignOnLink
from tests.admin_forms import admin_form_data
from tests.html import page_text

pytestmark = pytest.mark.django_db


def test_the_secretariat_sees_and_removes_a_persons_sign_on_link(secretariat_client, kari):
    SignOnLink.objects.create(
        person=kari, provider="hamar-entra", subject="entra-sub-1", email=kari.email
    )
    url = reverse("admin:auth_user_change", args=[kari.pk])
    page = secretariat_client.get(url)
    assert "entra-sub-1" in page_text(page)
    (links,) = [i for i in page.context["inline_admin_formsets"] if i.formset.model is SignOnLink]

    response = secretariat_client.post(
        url, admin_form_data(page, **{f"{links.formset.prefix}-0-DELETE": "on"})
    )

    assert response.status_code == 302, page_text(response)
    assert not SignOnLink.objects.exists()


def test_a_person_without_links_has_no_sign_on_section(secretariat_client, kari):
    page = secretariat_client.get(reverse("admin:auth_user_change", args=[kari.pk]))

    assert [i.formset.model for i in page.context["inline_admin_formsets"]] != []
    assert SignOnLink not in [i.formset.model for i in page.context["inline_admin_formsets"]]
