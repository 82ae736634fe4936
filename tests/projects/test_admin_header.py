"""Admin's header names whom it serves: the secretariat's header for the secretariat, the
council's for a council member, who only reads the cases and meetings there."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.html import page_text

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("admin:index"),
    reverse("admin:projects_application_changelist"),
    reverse("admin:meetings_meeting_changelist"),
]


def site_name(response) -> str:
    found = re.search(r'<div id="site-name">(.*?)</div>', response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


@pytest.mark.parametrize("path", PAGES)
def test_a_council_member_sees_the_councils_header(council_client, path):
    response = council_client.get(path)

    assert response.status_code == 200
    assert site_name(response) == "Hamarregionen IPR – regionrådet"
    assert "sekretariatet" not in page_text(response)


@pytest.mark.parametrize("path", PAGES)
def test_the_secretariat_keeps_its_own_header(secretariat_client, path):
    response = secretariat_client.get(path)

    assert response.status_code == 200
    assert site_name(response) == "Hamarregionen IPR – sekretariatet"


def test_a_secretariat_member_also_on_the_council_keeps_the_secretariats_header(
    secretariat_user, secretariat_client
):
    secretariat_user.groups.add(Group.objects.get(name="Rådsmedlem"))

    response = secretariat_client.get(reverse("admin:index"))

    assert site_name(response) == "Hamarregionen IPR – sekretariatet"
