"""One case walked from the applicant's submission to the published minutes, through the pages
and forms each role uses: the applicant on the portal, the secretariat in its work queue and
admin, two council members in the meeting pack, and anonymous visitors on the public pages.
Factories make only the starting data: the call with its criteria, Hamar's complete draft, a
meeting held earlier today, the people."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem
from projects.models import Application, Decision
from projects.services.assessment import funding_call_add_standard_criteria
from projects.workflow import Action, State
from tests.admin_forms import admin_form_data
from tests.conftest import logged_in_client
from tests.factories import (
    AttachmentFactory,
    FundingCallFactory,
    MeetingFactory,
    complete_application,
    staff_in_group,
)
from tests.html import element_text, page_text

pytestmark = pytest.mark.django_db

QUEUE = reverse("workbench:work-queue")
REVIEW_COMMENT = "Vi behandler søknaden til regionrådsmøtet i dag."
ANSWER = "Takk! Budsjettet er oppdatert i vedlegget."
NOTE = "Internt: ring Hamar om egenandelen før møtet."
SCORE_COMMENT = "Tydelig regional nytte for hele Mjøsregionen."
RECOMMENDATION = "Sekretariatet anbefaler at søknaden innvilges."
MINUTES = "Regionrådet behandlet sak 1 og vedtok innstillingen."


def case_url(application):
    return reverse("admin:projects_application_change", args=[application.pk])


def transition_url(application, action):
    return reverse("admin:projects_application_transition", args=[application.pk, action])


def between(text, start, end):
    """The part of a page's text from the heading `start` up to the heading `end`."""
    return text.split(start, 1)[1].split(end, 1)[0]


def waiting_section(response):
    return between(page_text(response), "Venter på sekretariatet", "Innstilt, men ikke satt")


def not_on_agenda_section(response):
    return between(page_text(response), "Innstilt, men ikke satt", "Sluttrapporter på overtid")


def test_a_case_goes_from_submission_to_published_minutes_and_each_role_sees_its_part(
    client,
    hamar,
    hamar_user,
    secretariat_user,
    django_capture_on_commit_callbacks,
    settings,
):
    # --- Starting data: the call and its criteria, Hamar's draft, today's meeting, the people.
    call = FundingCallFactory(title="Utviklingsmidler 2027", max_amount=700_000)
    criteria = funding_call_add_standard_criteria(funding_call=call)
    draft = complete_application(funding_call=call, lead_municipality=hamar, created_by=hamar_user)
    attachment = AttachmentFactory(application=draft, original_name="budsjett.pdf")
    meeting = MeetingFactory(
        title="Regionrådsmøte i desember",
        minutes="",
        starts_at=(timezone.now() - timedelta(hours=2)).replace(second=0, microsecond=0),
    )
    secretariat_user.first_name, secretariat_user.last_name = "Sigrid", "Sekretær"
    secretariat_user.save()
    colleague = staff_in_group(
        "Sekretariat", username="sekretaer2", first_name="Per", last_name="Vurderer"
    )
    member_a = staff_in_group("Rådsmedlem", username="rad-a", first_name="Anne", last_name="Aker")
    member_b = staff_in_group("Rådsmedlem", username="rad-b", first_name="Kari", last_name="Berg")
    applicant = logged_in_client(hamar_user)
    secretariat = logged_in_client(secretariat_user)
    council_a = logged_in_client(member_a)
    council_b = logged_in_client(member_b)
    application = Application.objects.get(pk=draft.pk)

    # --- 1. The applicant submits the draft from its summary page and gets the receipt; the
    # secretariat's mailbox gets word of it.
    with django_capture_on_commit_callbacks(execute=True):
        submitted = applicant.post(
            reverse("projects:application-summary", args=[application.pk]), {"confirm": ""}
        )
    assert submitted.status_code == 302
    receipt = applicant.get(submitted.url)
    assert "Kvittering for innsendt søknad" in page_text(receipt)
    assert "«Bolyst i Hamarregionen» er sendt inn" in page_text(receipt)
    application.refresh_from_db()
    assert application.status == State.SUBMITTED
    to_secretariat = [sent for sent in mail.outbox if sent.to == [settings.SECRETARIAT_EMAIL]]
    assert [sent.subject for sent in to_secretariat] == ["Søknad sendt inn: Bolyst i Hamarregionen"]
    mail.outbox.clear()

    # --- 2. The secretariat lands on its work queue, sees the case waiting with no handler,
    # takes it, and finds it under «Mine» with its own name.
    landing = secretariat.get(reverse("workbench:landing"), follow=True)
    assert landing.redirect_chain[-1][0] == QUEUE
    waiting = waiting_section(landing)
    assert "Bolyst i Hamarregionen" in waiting
    assert "Ikke tildelt" in waiting
    case_page = secretariat.get(case_url(application))
    handler_url = reverse("admin:projects_application_case_handler", args=[application.pk])
    assert handler_url in case_page.content.decode()
    assigned = secretariat.post(handler_url, {"handler": secretariat_user.pk})
    assert assigned.status_code == 302
    mine = secretariat.get(QUEUE, {"saksbehandler": "mine"})
    mine_waiting = waiting_section(mine)
    assert "Bolyst i Hamarregionen" in mine_waiting
    assert "Sigrid Sekretær" in mine_waiting
    assert "Ikke tildelt" not in mine_waiting

    # --- 3. The review starts with a comment the applicant is mailed and reads as a message;
    # the applicant answers, mailed to the secretariat and the handler; an internal note is
    # read by a council member and by no applicant page.
    with django_capture_on_commit_callbacks(execute=True):
        started = secretariat.post(
            transition_url(application, Action.START_REVIEW), {"comment": REVIEW_COMMENT}
        )
    assert started.status_code == 302
    application.refresh_from_db()
    assert application.status == State.IN_REVIEW
    (to_applicant,) = mail.outbox
    assert "kontakt@hamar.example.org" in to_applicant.to
    assert REVIEW_COMMENT in to_applicant.body
    detail_url = reverse("projects:application-detail", args=[application.pk])
    assert REVIEW_COMMENT in element_text(applicant.get(detail_url), "meldinger")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answered = applicant.post(
            reverse("projects:message-send", args=[application.pk]), {"text": ANSWER}
        )
    assert answered.status_code == 302
    (to_secretariat,) = mail.outbox
    assert to_secretariat.to == [settings.SECRETARIAT_EMAIL, secretariat_user.email]
    assert ANSWER in to_secretariat.body
    assert ANSWER in page_text(secretariat.get(case_url(application)))
    mail.outbox.clear()

    noted = secretariat.post(
        reverse("admin:projects_application_note", args=[application.pk]), {"text": NOTE}
    )
    assert noted.status_code == 302
    assert NOTE in page_text(council_a.get(case_url(application)))
    applicant_pages = [
        reverse("projects:my-applications"),
        detail_url,
        reverse("projects:application-receipt", args=[application.pk]),
    ]
    for url in applicant_pages:
        response = applicant.get(url)
        assert response.status_code == 200, url
        assert NOTE not in page_text(response), url

    # --- 4. Two of the secretariat score the criteria; the recommendation is written on its
    # transition page with the points in view; the case page shows every score, the
    # applicant none.
    fit, regional, cofinancing = criteria
    scored = secretariat.post(
        reverse("admin:projects_application_assessment", args=[application.pk]),
        {
            f"score_{fit.pk}": "5",
            f"comment_{fit.pk}": SCORE_COMMENT,
            f"score_{regional.pk}": "4",
            f"comment_{regional.pk}": "",
            f"score_{cofinancing.pk}": "",
            f"comment_{cofinancing.pk}": "",
        },
    )
    assert scored.status_code == 302
    scored_again = logged_in_client(colleague).post(
        reverse("admin:projects_application_assessment", args=[application.pk]),
        {
            f"score_{fit.pk}": "2",
            f"comment_{fit.pk}": "",
            f"score_{regional.pk}": "",
            f"comment_{regional.pk}": "",
            f"score_{cofinancing.pk}": "3",
            f"comment_{cofinancing.pk}": "",
        },
    )
    assert scored_again.status_code == 302
    recommend_page = secretariat.get(transition_url(application, "recommend"))
    assert SCORE_COMMENT in element_text(recommend_page, "content-main")
    recommended = secretariat.post(
        transition_url(application, "recommend"),
        {"assessment": RECOMMENDATION, "recommended_amount": "400000"},
    )
    assert recommended.status_code == 302
    application.refresh_from_db()
    assert application.status == State.RECOMMENDED
    scores = element_text(secretariat.get(case_url(application)), "vurdering")
    assert "Per Vurderer" in scores
    assert SCORE_COMMENT in scores
    assert "3,5" in scores  # the average of 5 and 2 on the first criterion
    for url in applicant_pages:
        text = page_text(applicant.get(url))
        assert SCORE_COMMENT not in text, url
        assert fit.title not in text, url

    # --- 5. The queue shows the case as recommended but on no agenda; the secretariat sets up
    # the meeting's agenda from the recommended cases; the queue no longer lists it there.
    assert "Bolyst i Hamarregionen" in not_on_agenda_section(secretariat.get(QUEUE))
    agenda_url = reverse("admin:meetings_meeting_agenda", args=[meeting.pk])
    assert "Bolyst i Hamarregionen" in element_text(secretariat.get(agenda_url), "innstilte-saker")
    on_agenda = secretariat.post(agenda_url, {"applications": [str(application.pk)]})
    assert on_agenda.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert list(item.applications.all()) == [application]
    assert "Bolyst i Hamarregionen" not in not_on_agenda_section(secretariat.get(QUEUE))

    # --- 6. Council member A reads the pack; B declares a conflict of interest and then sees
    # only the notice; neither the applicant nor anonymous gets the pack.
    pack_url = reverse("meetings:meeting-pack", args=[meeting.pk])
    pack_a = council_a.get(pack_url)
    assert pack_a.status_code == 200
    text_a = page_text(pack_a)
    assert application.summary in text_a
    assert RECOMMENDATION in text_a
    assert "400 000 kr" in text_a
    assert SCORE_COMMENT in text_a
    assert attachment.get_absolute_url() in pack_a.content.decode()
    declared = council_b.post(
        reverse("meetings:disqualification-declare", args=[meeting.pk, item.pk]),
        {f"sak-{item.pk}-reason": "Jeg sitter i styret til prosjektet."},
    )
    assert declared.status_code == 302
    pack_b = council_b.get(pack_url)
    text_b = page_text(pack_b)
    assert attachment.get_absolute_url() not in pack_b.content.decode()
    assert "Du er inhabil i denne saken." in text_b
    assert "Inhabil: Kari Berg" in text_b
    assert application.summary not in text_b
    assert SCORE_COMMENT not in text_b
    assert "Inhabil: Kari Berg" in page_text(council_a.get(pack_url))
    refused = applicant.get(pack_url)
    assert refused.status_code == 403
    assert application.summary not in page_text(refused)
    anonymous = client.get(pack_url)
    assert anonymous.status_code == 302
    assert application.summary not in page_text(anonymous)

    # --- 7. The secretariat records the meeting's decisions in one step: approved with the
    # recommended amount, dated the meeting's date; the applicant is mailed the decision.
    decisions_url = reverse("admin:meetings_meeting_decisions", args=[meeting.pk])
    decisions_page = secretariat.get(decisions_url)
    assert 'value="400000"' in decisions_page.content.decode()
    # What the page offers is posted as it stands (approved, the recommended amount, the
    # report date and the decision text filled in); the secretariat types only the case number.
    formset = decisions_page.context["formset"]
    data = {}
    for form in [formset.management_form, *formset]:
        for name in form.fields:
            value = form[name].value()
            data[form.add_prefix(name)] = "" if value is None else str(value)
    assert data["vedtak-0-outcome"] == "approved"
    assert data["vedtak-0-granted_amount"] == "400000"
    data["vedtak-0-case_number"] = "26/00101"
    with django_capture_on_commit_callbacks(execute=True):
        decided = secretariat.post(decisions_url, data)
    assert decided.status_code == 302
    application.refresh_from_db()
    assert application.status == State.APPROVED
    decision = Decision.objects.get(application=application)
    assert (decision.outcome, decision.granted_amount) == ("approved", 400_000)
    assert decision.decided_on == timezone.localdate(meeting.starts_at)
    assert decision.meeting == meeting
    assert "Innvilget" in page_text(applicant.get(detail_url))
    (decision_mail,) = [sent for sent in mail.outbox if "kontakt@hamar.example.org" in sent.to]
    assert decision_mail.subject == "Søknaden er innvilget: Bolyst i Hamarregionen"
    assert "tilskudd på 400\u00a0000\u00a0kr" in decision_mail.body

    # --- 8. The secretariat writes the minutes on the meeting's change page and publishes them
    # from the meeting list; anonymous reads them on the meeting's page with the decision and
    # who was disqualified; the project is in the public catalogue.
    change_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    local_start = timezone.localtime(meeting.starts_at)
    written = secretariat.post(
        change_url,
        admin_form_data(
            secretariat.get(change_url),
            starts_at_0=f"{local_start:%d.%m.%Y}",
            starts_at_1=f"{local_start:%H:%M}",
            minutes=MINUTES,
        ),
    )
    assert written.status_code == 302
    assert MINUTES not in page_text(client.get(meeting.get_absolute_url()))
    published = secretariat.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "meeting_publish_minutes", "_selected_action": [meeting.pk]},
    )
    assert published.status_code == 302
    public = client.get(meeting.get_absolute_url())
    assert public.status_code == 200
    assert MINUTES in page_text(public)
    assert "Bolyst i Hamarregionen" in element_text(public, "vedtak-liste")
    assert "400 000 kr" in element_text(public, "vedtak-liste")
    assert "Inhabil: Kari Berg" in element_text(public, "inhabilitet")
    catalogue = client.get(reverse("publication:project-list"))
    assert "Bolyst i Hamarregionen" in page_text(catalogue)
    project = client.get(reverse("publication:project-detail", args=[application.pk]))
    assert project.status_code == 200
    assert SCORE_COMMENT not in page_text(project)
    assert NOTE not in page_text(project)
