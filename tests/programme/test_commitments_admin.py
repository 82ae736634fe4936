"""The secretariat follows up commitments in admin, and the demo data does the same."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from programme.models import Commitment, CommitmentUpdate, FocusArea
from tests.admin_forms import admin_form_data
from tests.factories import staff_in_group
from tests.html import element_text, page_text
from tests.programme.commitment_pages import focus_area_page
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

Status = Commitment.Status


def logged_in(client, user):
    log_in(client, user)
    return client


def test_secretariat_group_may_add_change_delete_and_view_commitments_and_updates(db):
    user = staff_in_group("Sekretariat")

    for model in ("commitment", "commitmentupdate"):
        for action in ("add", "change", "delete", "view"):
            assert user.has_perm(f"programme.{action}_{model}")
    assert user.has_perm("programme.view_historicalcommitment")


def test_secretariat_writes_an_update_signed_with_their_name_in_admin(client, followed_up):
    user = staff_in_group("Sekretariat")
    commitment = followed_up["commitment"]
    url = reverse("admin:programme_commitment_change", args=[commitment.pk])
    form = logged_in(client, user).get(url)
    data = admin_form_data(
        form,
        status=Status.DONE,
        progress="100",
        projects=[str(followed_up["public"].pk)],
        **{
            "updates-TOTAL_FORMS": "2",
            "updates-1-date": "2026-11-20",
            "updates-1-text": "Alle ladestasjonene er i drift.",
            "updates-1-commitment": str(commitment.pk),
        },
    )

    response = client.post(url, data)

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == (Status.DONE, 100)
    update = CommitmentUpdate.objects.get(text="Alle ladestasjonene er i drift.")
    assert update.created_by == user
    assert CommitmentUpdate.objects.get(date=date(2026, 10, 3)).created_by.first_name == "Skjult"
    assert "Alle ladestasjonene er i drift." in page_text(
        focus_area_page(client, commitment.focus_area)
    )


def test_admin_refuses_done_below_100_percent_with_a_message_at_the_field(client, followed_up):
    commitment = followed_up["commitment"]
    url = reverse("admin:programme_commitment_change", args=[commitment.pk])
    form = logged_in(client, staff_in_group("Sekretariat")).get(url)

    data = admin_form_data(
        form, status=Status.DONE, progress="70", projects=[str(followed_up["public"].pk)]
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["progress"] == [
        "En fullført forpliktelse har framdrift 100 prosent."
    ]
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == (Status.UNDER_WAY, 45)


def test_project_choices_in_admin_are_the_funded_projects_only(client, followed_up):
    logged_in(client, staff_in_group("Sekretariat"))

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "programme",
            "model_name": "commitment",
            "field_name": "projects",
            "term": "",
        },
    )

    assert response.status_code == 200
    titles = [result["text"] for result in response.json()["results"]]
    assert titles == ["Ladestasjoner i Stange"]


def test_changelist_filters_commitments_by_status_and_focus_area(client, programme_fixture):
    logged_in(client, staff_in_group("Sekretariat"))
    focus_area = FocusArea.objects.get(slug="diskusjonsarena")
    dropped = Commitment.objects.get(slug="stortingsbenken")
    Commitment.objects.filter(pk=dropped.pk).update(status=Status.DROPPED)
    url = reverse("admin:programme_commitment_changelist")

    by_status = client.get(url, {"status__exact": Status.DROPPED})
    by_area = client.get(url, {"focus_area__id__exact": focus_area.pk})

    assert list(by_status.context["cl"].result_list) == [dropped]
    assert {c.focus_area_id for c in by_area.context["cl"].result_list} == {focus_area.pk}
    assert by_area.context["cl"].result_count == 5


def test_the_demo_data_follows_up_commitments_that_the_focus_area_page_shows(
    client, settings, programme_fixture
):
    settings.DEBUG = True
    call_command("create_demo_accounts", verbosity=0)
    call_command("create_demo_data", verbosity=0)
    call_command("create_demo_follow_up", verbosity=0)
    commitment = Commitment.objects.get(slug="okt-tilflytting")

    section = element_text(
        focus_area_page(client, commitment.focus_area), "forpliktelse-okt-tilflytting"
    )

    assert commitment.status == Status.UNDER_WAY
    assert commitment.updates.exists()
    assert commitment.updates.first().created_by.username == "sekretariat"
    assert "Status: Pågår" in section
    assert "Tilflytterguide for Hamarregionen" in section
    assert Commitment.objects.filter(status=Status.DROPPED).exists()
    assert Commitment.objects.filter(status=Status.DONE, progress=100).exists()
