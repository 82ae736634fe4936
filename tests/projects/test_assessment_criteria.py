"""A call's assessment criteria: the programme's standard criteria on every new call and, by data
migration, on the calls made before; the secretariat adds the call's own, inline on the call, and
edits or removes a criterion only while no application has been scored on it."""

import importlib

import pytest
from django.apps import apps
from django.test import override_settings
from django.urls import reverse

from projects.models import AssessmentCriterion, FundingCall
from projects.services.assessment import assessment_score, funding_call_add_standard_criteria
from projects.workflow import State
from tests.admin_forms import admin_form_data
from tests.factories import FocusAreaFactory, FundingCallFactory
from tests.html import page_text

pytestmark = pytest.mark.django_db

STANDARD = ["Samsvar med satsingsområdet", "Regional effekt", "Medfinansiering"]
PREFIX = "assessment_criteria"


def call_form_data(page, **changes):
    """The call's change page posted back as shown (the admin's split date and time too)."""
    form = page.context["adminform"].form
    values = {}
    for name in ("opens_at", "closes_at"):
        value = form[name].value()
        values[f"{name}_0"] = value.strftime("%d.%m.%Y")
        values[f"{name}_1"] = value.strftime("%H:%M")
    return admin_form_data(page, **values, **changes)


def titles(call):
    return list(call.assessment_criteria.order_by("order", "pk").values_list("title", flat=True))


def call_change_url(call):
    return reverse("admin:projects_fundingcall_change", args=[call.pk])


def test_a_new_call_gets_the_standard_criteria_and_its_own(secretariat_client):
    focus_area = FocusAreaFactory()

    response = secretariat_client.post(
        reverse("admin:projects_fundingcall_add"),
        {
            "programme": focus_area.programme.pk,
            "title": "Utviklingsmidler 2099",
            "slug": "utviklingsmidler-2099",
            "opens_at_0": "01.02.2099",
            "opens_at_1": "08:00",
            "closes_at_0": "27.11.2099",
            "closes_at_1": "12:00",
            "budget_frame": "2000000",
            "max_amount": "500000",
            "max_share_percent": "50",
            "focus_areas": [focus_area.pk],
            f"{PREFIX}-TOTAL_FORMS": "1",
            f"{PREFIX}-INITIAL_FORMS": "0",
            f"{PREFIX}-0-order": "10",
            f"{PREFIX}-0-title": "Grønn omstilling",
            f"{PREFIX}-0-description": "Bidrar prosjektet til lavere utslipp?",
        },
    )

    assert response.status_code == 302
    call = FundingCall.objects.get(slug="utviklingsmidler-2099")
    assert titles(call) == [*STANDARD, "Grønn omstilling"]
    assert page_text(secretariat_client.get(call_change_url(call))).count("Regional effekt") >= 1


def test_an_unscored_criterion_is_reworded_and_removed_inline(secretariat_client):
    call = FundingCallFactory()
    fit, regional, cofinancing = funding_call_add_standard_criteria(funding_call=call)
    page = secretariat_client.get(call_change_url(call))
    forms = {
        form.instance.pk: index
        for index, form in enumerate(page.context["inline_admin_formsets"][0].formset.initial_forms)
    }

    response = secretariat_client.post(
        call_change_url(call),
        call_form_data(
            page,
            **{
                f"{PREFIX}-{forms[regional.pk]}-title": "Effekt for hele regionen",
                f"{PREFIX}-{forms[cofinancing.pk]}-DELETE": "on",
            },
        ),
    )

    assert response.status_code == 302, page_text(response)
    assert titles(call) == ["Samsvar med satsingsområdet", "Effekt for hele regionen"]


@pytest.mark.parametrize(
    "change", [{"DELETE": "on"}, {"title": "Noe annet"}], ids=["removed", "reworded"]
)
def test_a_scored_criterion_is_neither_removed_nor_reworded(
    secretariat_client, secretariat_user, make_case, change
):
    application = make_case(State.IN_REVIEW)
    call = application.funding_call
    fit, regional, _cofinancing = funding_call_add_standard_criteria(funding_call=call)
    assessment_score(application=application, assessor=secretariat_user, scores={fit.pk: (4, "")})
    page = secretariat_client.get(call_change_url(call))
    index = next(
        index
        for index, form in enumerate(page.context["inline_admin_formsets"][0].formset.initial_forms)
        if form.instance.pk == fit.pk
    )
    changes = {f"{PREFIX}-{index}-{field}": value for field, value in change.items()}

    response = secretariat_client.post(call_change_url(call), call_form_data(page, **changes))

    assert response.status_code == 200
    assert (
        "Kriteriet «Samsvar med satsingsområdet» kan ikke fjernes eller endres: søknader har fått "
        "poeng på det." in page_text(response)
    )
    assert titles(call) == STANDARD
    # An unscored criterion of the same call may still go.
    page = secretariat_client.get(call_change_url(call))
    forms = page.context["inline_admin_formsets"][0].formset.initial_forms
    index = next(i for i, form in enumerate(forms) if form.instance.pk == regional.pk)
    removed = secretariat_client.post(
        call_change_url(call), call_form_data(page, **{f"{PREFIX}-{index}-DELETE": "on"})
    )
    assert removed.status_code == 302
    assert titles(call) == ["Samsvar med satsingsområdet", "Medfinansiering"]


def test_the_data_migration_gives_each_existing_call_the_standard_criteria_once():
    migration = importlib.import_module("projects.migrations.0017_standard_assessment_criteria")
    before = FundingCallFactory(title="Utviklingsmidler 2025")
    kept = FundingCallFactory(title="Med egne kriterier")
    AssessmentCriterion.objects.create(funding_call=kept, title="Eget kriterium")

    # The migration's own models keep no history by themselves: here the live ones must not.
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        migration.add_standard_criteria(apps, None)

    assert titles(before) == STANDARD
    assert titles(kept) == ["Eget kriterium"]
    history = AssessmentCriterion.history.filter(funding_call=before)
    assert sorted(history.values_list("title", flat=True)) == sorted(STANDARD)

    migration.remove_standard_criteria(apps, None)

    assert titles(before) == []
    assert titles(kept) == ["Eget kriterium"]


def test_the_secretariat_may_keep_the_criteria(secretariat_user):
    assert all(
        secretariat_user.has_perm(f"projects.{action}_assessmentcriterion")
        for action in ("add", "change", "delete", "view")
    )
