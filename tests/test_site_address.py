"""Absolute links start with the site's real address: the configured one where production sets
DJANGO_SITE_URL, else the address the request came to, on whatever port the portal serves."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse, reverse_lazy

from hamarregion.site_address import DEVELOPMENT_ADDRESS
from hamarregion.site_address.checks import check_site_address
from projects.workflow import State
from tests.factories import complete_application, funded_project
from tests.projects.test_report_reminders import project_due

pytestmark = pytest.mark.django_db

DEVELOPER_HOST = "localhost:8123"


def dataset_json(client, **headers):
    response = client.get(
        reverse("publication:opendata-json", args=["prosjekter"]), headers=headers
    )
    assert response.status_code == 200
    return response.json()


@override_settings(SITE_URL="")
def test_open_data_links_start_with_the_address_the_request_came_to(client):
    project = funded_project()

    document = dataset_json(client, host=DEVELOPER_HOST)

    assert document["schema"].startswith(f"http://{DEVELOPER_HOST}/apne-data/")
    (record,) = document["data"]
    assert record["url"] == f"http://{DEVELOPER_HOST}{project.get_public_url()}"


def test_open_data_links_start_with_the_configured_address_whatever_the_host(client):
    project = funded_project()

    with override_settings(SITE_URL="https://portal.hamarregionen.no/"):
        document = dataset_json(client, host=DEVELOPER_HOST)

    (record,) = document["data"]
    assert record["url"] == f"https://portal.hamarregionen.no{project.get_public_url()}"
    assert document["schema"].startswith("https://portal.hamarregionen.no/apne-data/")


# Committed for real, so that the mail is written while the request is answered, as it is in
# production, not after the test's own transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(SITE_URL="")
def test_an_e_mail_sent_while_answering_links_to_the_address_the_request_came_to(
    hamar_client, hamar, hamar_user
):
    application = complete_application(
        lead_municipality=hamar, created_by=hamar_user, status=State.SUBMITTED
    )

    hamar_client.post(
        reverse("projects:application-withdraw", args=[application.pk]),
        {"comment": "Prosjektet er utsatt."},
        headers={"host": DEVELOPER_HOST},
    )

    link = f"http://{DEVELOPER_HOST}{application.get_absolute_url()}"
    assert len(mail.outbox) == 2
    assert all(link in message.body for message in mail.outbox)


@override_settings(SITE_URL="")
def test_an_e_mail_written_outside_a_request_links_to_the_development_address():
    application = project_due(5)

    call_command("send_report_reminders", stdout=None)

    (message,) = mail.outbox
    assert f"{DEVELOPMENT_ADDRESS}{application.get_absolute_url()}" in message.body


@override_settings(SITE_URL="https://portal.hamarregionen.no")
def test_an_e_mail_links_to_the_configured_address():
    application = project_due(5)

    call_command("send_report_reminders", stdout=None)

    (message,) = mail.outbox
    assert f"https://portal.hamarregionen.no{application.get_absolute_url()}" in message.body


@pytest.mark.parametrize(
    ("site_url", "debug", "warnings"),
    [
        ("", False, ["hamarregion.W001"]),
        ("http://portal.hamarregionen.no", False, ["hamarregion.W002"]),
        ("https://portal.hamarregionen.no", False, []),
        ("", True, []),
    ],
)
def test_the_deploy_check_asks_production_for_its_public_https_address(site_url, debug, warnings):
    with override_settings(SITE_URL=site_url, DEBUG=debug):
        assert [message.id for message in check_site_address(None)] == warnings


@pytest.mark.parametrize(
    "path", [reverse_lazy("publication:project-feed"), "/sitemap-prosjekter.xml"]
)
def test_the_feed_and_the_sitemap_link_to_the_address_the_request_came_to(client, path):
    project = funded_project()

    response = client.get(path, headers={"host": DEVELOPER_HOST})

    assert response.status_code == 200
    assert f"http://{DEVELOPER_HOST}{project.get_public_url()}" in response.text
    assert "testserver" not in response.text
