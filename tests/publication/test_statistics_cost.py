"""The statistics page's sums are worked out once per content version and language
(publication/statistics.py), not per request: rendering the page again sums nothing until the
content changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import funded_project

pytestmark = pytest.mark.django_db

# Every public period: the factories' calls are in archived ones.
URL = "/statistikk/?programme=alle"


def test_the_figures_are_summed_once_per_content_version(client, settings, hamar):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # every request renders the page
    first_project = funded_project(lead_municipality=hamar, granted_amount=400_000)

    def visit():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL)
        sums = [query for query in captured if "SUM(" in query["sql"]]
        return response.context["totals"].amount, sums

    amount, first_sums = visit()
    again, second_sums = visit()
    funded_project(
        funding_call=first_project.funding_call, lead_municipality=hamar, granted_amount=123_000
    )
    changed, third_sums = visit()

    assert first_sums and not second_sums
    assert again == amount == 400_000
    assert third_sums and changed == amount + 123_000
