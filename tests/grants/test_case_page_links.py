"""The secretariat's case page in admin leads to the grant's follow-up records: its payment
requests, change requests and progress reports, each list showing this case's rows only."""

import pytest
from django.urls import reverse

from tests.factories import change_request, payment_request_for, progress_report, project_under_way
from tests.html import start_tags

pytestmark = pytest.mark.django_db


def test_the_case_page_links_to_this_cases_follow_up_records_only(
    project, secretariat_user, secretariat_client, loten, loten_user
):
    payment_request_for(project, amount=1000)
    change_request(project)
    progress_report(project)
    other = project_under_way(
        secretariat=secretariat_user, lead_municipality=loten, created_by=loten_user
    )
    change_request(other)

    page = secretariat_client.get(reverse("admin:projects_application_change", args=[project.pk]))

    links = {attrs["href"] for _tag, attrs in start_tags(page, "a") if "href" in attrs}
    for model in ("paymentrequest", "changerequest", "progressreport"):
        url = f"{reverse(f'admin:grants_{model}_changelist')}?application__id__exact={project.pk}"
        assert url in links, model
        listed = secretariat_client.get(url)
        assert listed.status_code == 200, model
        assert listed.context["cl"].result_count == 1, model
