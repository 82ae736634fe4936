"""The scores on the case page and the scoring page are read in a fixed number of queries,
however many criteria the call has and however many assessors have scored."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import AssessmentCriterion
from projects.services.assessment import assessment_score, funding_call_add_standard_criteria
from projects.workflow import State
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def scored_by(application, assessors, criteria):
    for number, assessor in enumerate(assessors, start=1):
        assessment_score(
            application=application,
            assessor=assessor,
            scores={
                criterion.pk: (number % 6 + 1, f"Kommentar {number}") for criterion in criteria
            },
        )


def test_the_case_page_and_the_scoring_page_do_not_grow_with_the_scores(
    secretariat_client,
    secretariat_user,
    secretariat_group,
    make_case,
    django_assert_max_num_queries,
):
    application = make_case(State.IN_REVIEW)
    call = application.funding_call
    criteria = funding_call_add_standard_criteria(funding_call=call)
    scored_by(application, [secretariat_user], criteria[:1])
    pages = [
        reverse("admin:projects_application_change", args=[application.pk]),
        reverse("admin:projects_application_assessment", args=[application.pk]),
    ]
    few = [queries(secretariat_client, url) for url in pages]

    criteria += [
        AssessmentCriterion.objects.create(funding_call=call, title=f"Eget kriterium {n}")
        for n in range(5)
    ]
    others = [
        UserFactory(username=f"vurderer{n}", is_staff=True, groups=[secretariat_group])
        for n in range(4)
    ]
    scored_by(application, [secretariat_user, *others], criteria)

    for url, budget in zip(pages, few, strict=True):
        with django_assert_max_num_queries(budget):
            assert secretariat_client.get(url).status_code == 200
