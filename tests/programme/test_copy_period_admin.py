"""Copying a programme through the secretariat's admin action."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from programme.models import Programme
from tests.factories import UserFactory
from tests.html import page_text
from tests.programme.period_copies import changelist, content_of
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

Status = Programme.Status


def start_copy(client, *programmes):
    return client.post(
        changelist(),
        {
            "action": "copy_to_new_period",
            "_selected_action": [programme.pk for programme in programmes],
            "index": 0,
            "select_across": 0,
        },
        follow=True,
    )


def confirm_copy(client, source, **fields):
    return client.post(
        changelist(),
        {
            "action": "copy_to_new_period",
            "_selected_action": [source.pk],
            "confirm": "yes",
            **fields,
        },
        follow=True,
    )


def test_the_action_asks_for_the_next_period_of_the_same_length(secretariat, followed_up_programme):
    response = start_copy(secretariat, followed_up_programme)

    assert response.status_code == 200
    assert response.templates[0].name == "admin/programme/programme/copy_to_new_period.html"
    assert response.context["form"].initial == {
        "title": "Handlingsprogram 2024 - 2025",
        "start_year": 2024,
        "end_year": 2025,
    }
    assert Programme.objects.count() == 1


def test_secretariat_copies_the_programme_through_the_action_and_lands_on_the_draft(
    secretariat, followed_up_programme
):
    response = confirm_copy(
        secretariat,
        followed_up_programme,
        title="Handlingsprogram 2024 - 2025",
        start_year="2024",
        end_year="2025",
    )

    copy = Programme.objects.get(slug="2024-2025")
    assert response.redirect_chain[-1][0] == reverse(
        "admin:programme_programme_change", args=[copy.pk]
    )
    assert copy.status == Status.DRAFT
    assert content_of(copy) == content_of(followed_up_programme)
    assert "«Handlingsprogram 2024 - 2025» er laget som utkast" in page_text(response)


def test_the_action_shows_why_years_are_refused_and_copies_nothing(
    secretariat, followed_up_programme
):
    response = confirm_copy(
        secretariat, followed_up_programme, title="Ny", start_year="2023", end_year="2024"
    )

    assert response.status_code == 200
    assert response.context["form"].errors["start_year"] == [
        "«Handlingsprogram 2022 - 2023» gjelder allerede 2022–2023. Velg år som ikke er brukt."
    ]
    assert "gjelder allerede 2022–2023" in page_text(response)
    assert Programme.objects.count() == 1


def test_the_action_refuses_a_year_that_is_not_a_number_with_a_message(
    secretariat, followed_up_programme
):
    response = confirm_copy(
        secretariat, followed_up_programme, title="Ny", start_year="tjuetjuefire", end_year="99999"
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"start_year", "end_year"}
    assert Programme.objects.count() == 1


def test_the_action_copies_one_programme_at_a_time(secretariat, followed_up_programme):
    other = Programme.objects.create(
        title="Handlingsprogram 2020 - 2021",
        slug="2020-2021",
        start_year=2020,
        end_year=2021,
        vision="V",
    )

    response = start_copy(secretariat, followed_up_programme, other)

    assert "Velg ett handlingsprogram å kopiere." in page_text(response)
    assert Programme.objects.count() == 2


def test_a_staff_user_without_the_right_to_add_programmes_has_no_copy_action(
    client, followed_up_programme
):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_programme", "change_programme"])
    )
    log_in(client, user)

    response = client.get(changelist())
    start_copy(client, followed_up_programme)

    assert "copy_to_new_period" not in dict(
        response.context["action_form"].fields["action"].choices
    )
    assert Programme.objects.count() == 1
