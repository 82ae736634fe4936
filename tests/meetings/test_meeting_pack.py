"""The meeting pack: council members and the secretariat read the agenda with each case's
summary, recommendation, scores and attachments on one page that prints to A4; nobody else
sees any of it."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from projects.models import AssessmentCriterion
from projects.services.assessment import assessment_score
from projects.workflow import State
from tests.factories import AgendaItemFactory, AttachmentFactory, MeetingFactory, case_in
from tests.html import page_text

pytestmark = pytest.mark.django_db

SUMMARY = "Felles ladeinfrastruktur langs Mjøsa for hele regionen."


def recommended_case(secretariat_user, **fields):
    fields.setdefault("summary", SUMMARY)
    return case_in(State.RECOMMENDED, secretariat=secretariat_user, recommended=300_000, **fields)


def scored(application, secretariat_user):
    criterion = AssessmentCriterion.objects.filter(funding_call=application.funding_call).first()
    if criterion is None:
        criterion = AssessmentCriterion.objects.create(
            funding_call=application.funding_call, title="Regional effekt"
        )
    assessment_score(
        application=application,
        assessor=secretariat_user,
        scores={criterion.pk: (5, "Tydelig regional nytte.")},
    )
    return criterion


@pytest.fixture
def meeting(db):
    return MeetingFactory(
        title="Regionrådsmøte i desember", starts_at=timezone.now() + timedelta(days=7)
    )


@pytest.fixture
def case(secretariat_user, hamar, hamar_user, meeting):
    application = recommended_case(
        secretariat_user,
        lead_municipality=hamar,
        created_by=hamar_user,
        title="Ladeinfrastruktur i Mjøsregionen",
    )
    scored(application, secretariat_user)
    AttachmentFactory(application=application, original_name="budsjett.pdf")
    AgendaItemFactory(
        meeting=meeting, number=1, title="Ladeinfrastruktur", applications=[application]
    )
    return application


def pack_url(meeting):
    return reverse("meetings:meeting-pack", args=[meeting.pk])


def test_a_council_member_reads_summary_recommendation_scores_and_attachments(
    council_client, meeting, case
):
    response = council_client.get(pack_url(meeting))

    assert response.status_code == 200
    text = page_text(response)
    assert "Sak 1: Ladeinfrastruktur" in text
    assert SUMMARY in text
    assert "Prosjektet passer godt med handlingsprogrammet." in text
    assert "300 000 kr" in text
    assert "Tydelig regional nytte." in text
    assert "assessment-scores" in response.content.decode()
    attachment = case.attachments.get()
    assert attachment.get_absolute_url() in response.content.decode()


def test_the_secretariat_reads_the_pack_too(secretariat_client, meeting, case):
    response = secretariat_client.get(pack_url(meeting))

    assert response.status_code == 200
    assert SUMMARY in page_text(response)


def test_the_council_member_may_download_the_attachments_the_pack_links(
    council_client, meeting, case
):
    attachment = case.attachments.get()

    response = council_client.get(attachment.get_absolute_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_an_applicant_of_another_municipality_still_cannot_download_them(
    loten_client, meeting, case
):
    response = loten_client.get(case.attachments.get().get_absolute_url())

    assert response.status_code == 404


def test_the_applicant_of_a_case_on_the_agenda_never_sees_the_pack(hamar_client, meeting, case):
    response = hamar_client.get(pack_url(meeting))

    assert response.status_code == 403
    assert SUMMARY not in page_text(response)


def test_another_municipalitys_applicant_never_sees_the_pack(loten_client, meeting, case):
    response = loten_client.get(pack_url(meeting))

    assert response.status_code == 403
    assert SUMMARY not in page_text(response)


def test_an_anonymous_visitor_is_sent_to_log_in(client, meeting, case):
    response = client.get(pack_url(meeting))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_pack_of_an_unknown_meeting_is_not_found(council_client, db):
    assert council_client.get(reverse("meetings:meeting-pack", args=[999_999])).status_code == 404


def test_the_print_stylesheet_is_linked_for_print_and_sets_a4(council_client, meeting, case):
    response = council_client.get(pack_url(meeting))

    html = response.content.decode()
    assert 'href="/static/css/meeting_pack_print.css" media="print"' in html
    css = (Path(settings.BASE_DIR) / "static/css/meeting_pack_print.css").read_text()
    assert "@page" in css and "size: A4" in css
    assert "break-before: page" in css
    assert ".pack-form" in css


def test_the_meeting_page_links_the_pack_for_council_members_in_admin(council_client, meeting):
    response = council_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    assert pack_url(meeting) in response.content.decode()


def pack_with_items(meeting, count, secretariat_user, hamar, hamar_user):
    for number in range(1, count + 1):
        application = recommended_case(
            secretariat_user, lead_municipality=hamar, created_by=hamar_user
        )
        scored(application, secretariat_user)
        AttachmentFactory(application=application)
        AgendaItemFactory(meeting=meeting, number=number, applications=[application])


def test_the_public_meeting_page_links_the_pack_for_council_and_secretariat_only(
    council_client, secretariat_client, hamar_client, client, meeting
):
    meeting_page = meeting.get_absolute_url()
    for reader in (council_client, secretariat_client):
        assert pack_url(meeting) in reader.get(meeting_page).content.decode()
    for outsider in (hamar_client, client):
        assert pack_url(meeting) not in outsider.get(meeting_page).content.decode()


def test_the_pack_issues_as_many_queries_with_five_items_as_with_one(
    council_client, secretariat_user, hamar, hamar_user, django_assert_max_num_queries
):
    one, five = MeetingFactory(), MeetingFactory()
    pack_with_items(one, 1, secretariat_user, hamar, hamar_user)
    pack_with_items(five, 5, secretariat_user, hamar, hamar_user)
    council_client.get(pack_url(one))  # the session and the second factor, warmed

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as with_one:
        assert council_client.get(pack_url(one)).status_code == 200
    with django_assert_max_num_queries(len(with_one)):
        assert council_client.get(pack_url(five)).status_code == 200
    # The session, the person, the second factor, the header's organisations; the meeting, its
    # items, their cases, attachments and disqualifications; the criteria and the scores.
    assert len(with_one) <= 13


def test_after_the_decision_the_council_member_is_told_the_case_is_closed(
    council_client, secretariat_user, meeting, case
):
    from projects.services import application_decide

    application_decide(
        application=case,
        user=secretariat_user,
        outcome="rejected",
        granted_amount=0,
        decided_on=timezone.localdate(),
        case_number="26/00001",
        decision_text="Avslag.",
    )

    text = page_text(council_client.get(pack_url(meeting)))

    assert "Sak 1: Ladeinfrastruktur" in text
    assert "er ikke lenger åpne for rådsmedlemmer" in text
    assert SUMMARY not in text


def test_a_meeting_address_with_no_number_in_admin_gives_no_error(council_client, db):
    response = council_client.get(reverse("admin:meetings_meeting_change", args=["abc"]))

    assert response.status_code in (302, 404)


def test_staff_who_are_neither_council_nor_secretariat_never_see_the_pack(meeting, case):
    from tests.conftest import logged_in_client
    from tests.factories import UserFactory

    bare_staff = logged_in_client(UserFactory(username="annen-ansatt", is_staff=True))

    response = bare_staff.get(pack_url(meeting))

    assert response.status_code == 403
    assert SUMMARY not in page_text(response)


def test_only_council_members_are_offered_the_declaration(
    council_client, secretariat_client, meeting, case
):
    assert "Meld inhabilitet" in page_text(council_client.get(pack_url(meeting)))
    assert "Meld inhabilitet" not in page_text(secretariat_client.get(pack_url(meeting)))
