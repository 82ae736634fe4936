import pytest

from tests.factories.cases import case_in


@pytest.fixture
def make_case(secretariat_user, hamar, hamar_user):
    def make(state, **fields):
        return case_in(
            state,
            secretariat=secretariat_user,
            lead_municipality=hamar,
            created_by=hamar_user,
            **fields,
        )

    return make
