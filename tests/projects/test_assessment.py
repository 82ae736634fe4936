"""Assessment against criteria: secretariat assessors score an application in review on each of
its call's criteria, each on their own; the case page shows every score and the average to the
secretariat and council members; the applicant never sees them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from projects.models import AssessmentCriterion, CaseDocument, Score
from projects.services.assessment import assessment_score, funding_call_add_standard_criteria
from projects.workflow import State
from tests.factories import FundingCallFactory, UserFactory
from tests.html import element_text, page_text

pytestmark = pytest.mark.django_db

COMMENT = "Internt: svak forankring i Løten, men god regional effekt."


@pytest.fixture
def second_assessor(secretariat_group):
    return UserFactory(
        username="sekretaer2",
        first_name="Per",
        last_name="Vurderer",
        is_staff=True,
        groups=[secretariat_group],
    )


@pytest.fixture
def in_review(make_case):
    application = make_case(State.IN_REVIEW, title="Bolyst i Hamarregionen")
    funding_call_add_standard_criteria(funding_call=application.funding_call)
    return application


def criteria_of(application):
    return list(application.funding_call.assessment_criteria.order_by("order"))


def assessment_url(application):
    return reverse("admin:projects_application_assessment", args=[application.pk])


def change_url(application):
    return reverse("admin:projects_application_change", args=[application.pk])


def scoring(criteria, *scores, comment=""):
    """POST data: each criterion's score (a string as typed, or "" for none) and the comment."""
    data = {}
    for criterion, score in zip(criteria, scores, strict=True):
        data[f"score_{criterion.pk}"] = score
        data[f"comment_{criterion.pk}"] = comment if score != "" else ""
    return data


def test_two_assessors_score_separately_and_the_case_page_shows_each_and_the_average(
    secretariat_client, secretariat_user, second_assessor, in_review
):
    from tests.conftest import logged_in_client

    fit, regional, cofinancing = criteria_of(in_review)
    case_page = secretariat_client.get(change_url(in_review))
    assert "Vurder mot kriteriene" in page_text(case_page)

    first = secretariat_client.post(
        assessment_url(in_review),
        scoring([fit, regional, cofinancing], "5", "4", "", comment=COMMENT),
    )
    second = logged_in_client(second_assessor).post(
        assessment_url(in_review), scoring([fit, regional, cofinancing], "2", "", "3")
    )

    assert first.status_code == 302 and first.url.endswith("#vurdering")
    assert second.status_code == 302
    stored = {(s.criterion.title, s.assessor.username, s.score) for s in Score.objects.all()}
    assert stored == {
        ("Samsvar med satsingsområdet", "sekretaer", 5),
        ("Regional effekt", "sekretaer", 4),
        ("Samsvar med satsingsområdet", "sekretaer2", 2),
        ("Medfinansiering", "sekretaer2", 3),
    }
    section = element_text(secretariat_client.get(change_url(in_review)), "vurdering")
    assert "Per Vurderer" in section
    assert COMMENT in section
    assert "3,5" in section  # the average of 5 and 2 on the first criterion
    assert "Ikke vurdert ennå" not in section


def test_an_assessor_changes_and_clears_their_own_scores_and_the_history_keeps_each(
    secretariat_client, secretariat_user, in_review
):
    fit, regional, cofinancing = criteria_of(in_review)
    url = assessment_url(in_review)
    secretariat_client.post(url, scoring([fit, regional, cofinancing], "3", "", ""))

    page = secretariat_client.get(url)
    assert page.context["form"][f"score_{fit.pk}"].value() == 3
    secretariat_client.post(
        url, scoring([fit, regional, cofinancing], "6", "", "", comment="Bedre")
    )

    score = Score.objects.get()
    assert (score.score, score.comment) == (6, "Bedre")
    assert [h.score for h in score.history.order_by("history_date")] == [3, 6]
    assert {h.history_user for h in score.history.all()} == {secretariat_user}

    secretariat_client.post(url, scoring([fit, regional, cofinancing], "", "", ""))

    assert not Score.objects.exists()
    assert Score.history.filter(history_type="-").count() == 1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("7", "Poengene må være et helt tall fra 1 til 6."),
        ("0", "Poengene må være et helt tall fra 1 til 6."),
        ("-3", "Poengene må være et helt tall fra 1 til 6."),
        ("fem", "Oppgi et heltall."),
        ("99999999999999999999", "Poengene må være et helt tall fra 1 til 6."),
    ],
)
def test_a_score_off_the_scale_is_refused_at_its_field_and_changes_nothing(
    secretariat_client, in_review, typed, message
):
    fit, regional, cofinancing = criteria_of(in_review)

    response = secretariat_client.post(
        assessment_url(in_review), scoring([fit, regional, cofinancing], "4", typed, "5")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {f"score_{regional.pk}": [message]}
    assert message in element_text(response, f"kriterium-{regional.pk}")
    assert not Score.objects.exists()


def test_a_comment_without_a_score_is_refused(secretariat_client, in_review):
    fit, *_others = criteria_of(in_review)

    response = secretariat_client.post(
        assessment_url(in_review), {f"score_{fit.pk}": "", f"comment_{fit.pk}": "Uten poeng"}
    )

    assert response.status_code == 200
    assert "Gi poeng når du skriver en kommentar." in element_text(response, f"kriterium-{fit.pk}")
    assert not Score.objects.exists()


def test_a_criterion_of_another_call_is_refused(secretariat_client, secretariat_user, in_review):
    other = AssessmentCriterion.objects.create(
        funding_call=FundingCallFactory(title="En annen utlysning"), title="Annet kriterium"
    )
    fit, *_others = criteria_of(in_review)

    with pytest.raises(ValidationError) as refused:
        assessment_score(
            application=in_review,
            assessor=secretariat_user,
            scores={fit.pk: (4, ""), other.pk: (5, "")},
        )
    posted = secretariat_client.post(
        assessment_url(in_review), {f"score_{other.pk}": "5", f"score_{fit.pk}": "4"}
    )

    assert "Kriteriet hører ikke til utlysningen" in " ".join(refused.value.messages)
    assert posted.status_code == 302
    assert list(Score.objects.values_list("criterion", flat=True)) == [fit.pk]


@pytest.mark.parametrize("state", [State.SUBMITTED, State.APPROVED, State.REJECTED])
def test_scoring_is_refused_before_the_review_and_after_the_decision(
    secretariat_client, secretariat_user, make_case, state
):
    application = make_case(state)
    fit, *_others = funding_call_add_standard_criteria(funding_call=application.funding_call)

    page = secretariat_client.get(assessment_url(application))
    posted = secretariat_client.post(assessment_url(application), {f"score_{fit.pk}": "4"})
    case_page = secretariat_client.get(change_url(application))

    assert page.status_code == 302 and page.url == change_url(application)
    assert posted.status_code == 302
    assert "kan vurderes mot kriteriene under behandling" in page_text(case_page)
    assert "Vurder mot kriteriene" not in page_text(case_page).replace(
        "kan vurderes mot kriteriene", ""
    )
    with pytest.raises(ValidationError):
        assessment_score(
            application=application, assessor=secretariat_user, scores={fit.pk: (4, "")}
        )
    assert not Score.objects.exists()


def test_after_the_recommendation_a_second_assessor_still_scores(secretariat_client, make_case):
    application = make_case(State.RECOMMENDED)
    fit, *_others = funding_call_add_standard_criteria(funding_call=application.funding_call)

    response = secretariat_client.post(assessment_url(application), {f"score_{fit.pk}": "4"})

    assert response.status_code == 302
    assert Score.objects.get().score == 4


def test_a_council_member_reads_the_scores_and_cannot_score(
    council_client, council_user, secretariat_user, make_case
):
    application = make_case(State.RECOMMENDED)
    fit, *_others = funding_call_add_standard_criteria(funding_call=application.funding_call)
    assessment_score(
        application=application, assessor=secretariat_user, scores={fit.pk: (5, COMMENT)}
    )

    case_page = council_client.get(change_url(application))
    page = council_client.get(assessment_url(application))
    posted = council_client.post(assessment_url(application), {f"score_{fit.pk}": "1"})

    assert COMMENT in element_text(case_page, "vurdering")
    assert "Vurder mot kriteriene" not in page_text(case_page).replace(
        "Vurdering mot kriteriene", ""
    )
    assert (page.status_code, posted.status_code) == (403, 403)
    with pytest.raises(PermissionDenied):
        assessment_score(application=application, assessor=council_user, scores={fit.pk: (1, "")})
    assert Score.objects.get().score == 5


def test_the_applicant_never_sees_the_scores(hamar_client, secretariat_user, make_case):
    from projects.services import application_decide

    application = make_case(State.RECOMMENDED)
    fit, *_others = funding_call_add_standard_criteria(funding_call=application.funding_call)
    assessment_score(
        application=application, assessor=secretariat_user, scores={fit.pk: (2, COMMENT)}
    )
    pages = [
        reverse("projects:my-applications"),
        reverse("projects:application-detail", args=[application.pk]),
    ]
    before = [page_text(hamar_client.get(url)) for url in pages]
    application_decide(
        application=application,
        user=secretariat_user,
        outcome="rejected",
        granted_amount=0,
        decided_on=application.submitted_at.date(),
        case_number="26/00043",
        decision_text="Regionrådet avslår søknaden.",
    )
    after = [page_text(hamar_client.get(url)) for url in pages]
    letter = CaseDocument.objects.get(
        application=application, kind=CaseDocument.Kind.DECISION_LETTER
    )

    for text in [*before, *after, letter.html]:
        assert COMMENT not in text
        assert "Samsvar med satsingsområdet" not in text
    assert hamar_client.get(assessment_url(application)).status_code == 302  # to admin login
    assert "Avslått" in after[1]


def test_the_recommendation_and_the_decision_are_written_with_the_points_in_view(
    secretariat_client, secretariat_user, in_review
):
    fit, *_others = criteria_of(in_review)
    assessment_score(
        application=in_review, assessor=secretariat_user, scores={fit.pk: (5, COMMENT)}
    )

    def transition_page(action):
        url = reverse("admin:projects_application_transition", args=[in_review.pk, action])
        return element_text(secretariat_client.get(url), "content-main")

    recommend = transition_page("recommend")
    secretariat_client.post(
        reverse("admin:projects_application_transition", args=[in_review.pk, "recommend"]),
        {"assessment": "Anbefales.", "recommended_amount": "1000"},
    )
    approve = transition_page("approve")

    for text in (recommend, approve):
        assert "Vurdering mot kriteriene" in text
        assert COMMENT in text


def test_a_funded_projects_public_pages_and_open_data_show_no_points(
    client, hamar_client, secretariat_user, make_case
):
    from projects.services import application_decide

    application = make_case(State.RECOMMENDED, title="Reiseliv rundt Mjøsa")
    fit, *_others = funding_call_add_standard_criteria(funding_call=application.funding_call)
    assessment_score(
        application=application, assessor=secretariat_user, scores={fit.pk: (6, COMMENT)}
    )
    application_decide(
        application=application,
        user=secretariat_user,
        outcome="approved",
        granted_amount=application.amount_applied(),
        decided_on=application.submitted_at.date(),
        case_number="26/00044",
        decision_text="Regionrådet innvilger søknaden.",
        conditions="Ingen særlige.",
        report_due_on=application.submitted_at.date().replace(year=2099),
    )
    pages = [
        (hamar_client, reverse("projects:application-detail", args=[application.pk])),
        (client, reverse("publication:project-detail", args=[application.pk])),
        (client, reverse("publication:project-list")),
        (client, reverse("publication:opendata-csv", args=["prosjekter"])),
        (client, reverse("publication:opendata-json", args=["prosjekter"])),
    ]

    for visitor, url in pages:
        response = visitor.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        assert "Reiseliv rundt Mjøsa".encode() in body, url  # the project is there
        assert COMMENT.encode() not in body, url
        assert "Samsvar med satsingsområdet".encode() not in body, url
