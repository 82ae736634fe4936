"""The appeal route every decision letter states: kept by the secretariat in admin, stated in
the letters sent after a change and not in those sent before."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import AppealRoute
from projects.services import appeal_register
from projects.workflow import State
from tests.html import page_text
from tests.projects.appeal_pages import GROUNDS, day, letters
from tests.projects.test_case_documents import text_of

pytestmark = pytest.mark.django_db


def test_the_appeal_text_edited_in_admin_is_in_the_next_letter_and_not_in_one_sent(
    secretariat_client, make_case
):
    sent = make_case(State.REJECTED)
    (sent_letter,) = letters(sent)
    sent_html = sent_letter.html
    new_text = "Klag skriftlig til {klageinstans} innen {frist} ({uker})."

    response = secretariat_client.post(
        reverse("admin:projects_appealroute_change", args=[AppealRoute.current().pk]),
        {"appeal_body": "Klagenemnda i Hamarregionen", "weeks": "4", "text": new_text},
    )
    assert response.status_code == 302, response.context["adminform"].errors
    later = make_case(State.APPROVED)

    (later_letter,) = letters(later)
    later_text = text_of(later_letter.html)
    deadline = timezone.localdate(later_letter.created_at) + timedelta(weeks=4)
    assert (
        f"Klag skriftlig til Klagenemnda i Hamarregionen innen {day(deadline)} (4 uker)."
        in later_text
    )
    assert "forvaltningsloven § 28" not in later_text
    sent_letter.refresh_from_db()
    assert sent_letter.html == sent_html
    assert "Klagefristen er 3 uker" in text_of(sent_letter.html)
    preview = secretariat_client.get(
        reverse("admin:projects_application_decision_letter", args=[later.pk])
    )
    assert "Klagenemnda i Hamarregionen" in page_text(preview)


def test_an_appeal_against_a_letter_sent_before_the_text_changed_keeps_its_deadline(
    secretariat_client, make_case, secretariat_user
):
    application = make_case(State.REJECTED)
    (letter,) = letters(application)
    route = AppealRoute.current()
    route.weeks = 6
    route.save()

    appeal = appeal_register(
        application=application,
        user=secretariat_user,
        received_on=timezone.localdate(),
        grounds=GROUNDS,
    )

    assert appeal.deadline == timezone.localdate(letter.created_at) + timedelta(weeks=3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Klagefristen går ut {dato}.", "Ukjent plassholder: {dato}."),
        ("Klagefristen er {uker}.", "ta med {frist}"),
        ("Klagefristen går ut {frist.", "krøllparentes uten par"),
        ("Klagefristen går ut {frist:%Y}.", "Plassholderne skrives uten tillegg"),
        ("Klagefristen er {uker!r}, til {frist}.", "Plassholderne skrives uten tillegg"),
    ],
)
def test_an_appeal_text_that_cannot_be_filled_in_is_refused_in_admin(
    secretariat_client, text, message
):
    route = AppealRoute.current()

    response = secretariat_client.post(
        reverse("admin:projects_appealroute_change", args=[route.pk]),
        {"appeal_body": "klageinstansen", "weeks": "3", "text": text},
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["text"])
    assert AppealRoute.current().text == route.text


def test_without_a_stored_route_the_letters_state_the_default():
    AppealRoute.objects.all().delete()

    route = AppealRoute.current()

    assert route.weeks == 3
    assert "jf. forvaltningsloven § 28" in route.text_for(date(2026, 12, 1))
    assert "går fristen ut 22.12.2026" in route.text_for(date(2026, 12, 1))
