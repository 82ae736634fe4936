"""load_programme (`make run`) links the 2022–2023 focus areas to the UN goals their text serves,
so that the goal pages of a fresh install are not empty; the secretariat's own choice is kept.
With the demo data, a goal's page leads to the demo projects that serve it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from programme.management.commands.load_programme import FOCUS_AREA_GOALS
from programme.models import FocusArea, SustainableDevelopmentGoal
from tests.html import element_text, page_text
from tests.programme.expected import PROGRAMME_SLUG

pytestmark = pytest.mark.django_db


def goals_by_focus_area():
    return {
        area.slug: tuple(area.sustainable_development_goals.values_list("number", flat=True))
        for area in FocusArea.objects.filter(programme__slug=PROGRAMME_SLUG)
    }


def goal_page(client, number):
    return client.get(reverse("programme:goal-detail", kwargs={"number": number}))


def test_load_programme_links_every_focus_area_of_a_new_install_to_two_to_four_goals(
    no_programme,
):
    call_command("load_programme", verbosity=0)

    linked = goals_by_focus_area()
    assert linked == FOCUS_AREA_GOALS[PROGRAMME_SLUG]
    assert all(2 <= len(numbers) <= 4 for numbers in linked.values())


def test_load_programme_links_a_period_loaded_before_the_links_existed(programme_fixture):
    assert set(goals_by_focus_area().values()) == {()}
    out = StringIO()

    call_command("load_programme", stdout=out)

    assert goals_by_focus_area() == FOCUS_AREA_GOALS[PROGRAMME_SLUG]
    assert "Linked 4 focus areas of 2022-2023 to their UN goals." in out.getvalue()


def test_load_programme_keeps_the_goals_the_secretariat_chose(programme_fixture):
    focus_area = FocusArea.objects.get(slug="diskusjonsarena")
    focus_area.sustainable_development_goals.set([SustainableDevelopmentGoal.objects.get(number=5)])

    call_command("load_programme", verbosity=0)

    assert goals_by_focus_area() == {
        "befolkningsvekst": (),
        "kompetanse-og-naeringsutvikling": (),
        "profilering-og-markedsforing": (),
        "diskusjonsarena": (5,),
    }


def test_load_programme_dry_run_links_nothing(programme_fixture):
    out = StringIO()

    call_command("load_programme", "--dry-run", stdout=out)

    assert set(goals_by_focus_area().values()) == {()}
    assert "Would link the focus areas of a period without goals to them." in out.getvalue()


def test_after_load_programme_a_goal_page_shows_focus_areas_sub_themes_and_commitments(
    client, no_programme
):
    call_command("load_programme", verbosity=0)

    response = goal_page(client, 17)
    text = page_text(response)

    assert "2 satsingsområder bidrar til målet." in text
    focus_areas = element_text(response, "satsingsomrader-liste")
    assert "Kompetanse og næringsutvikling" in focus_areas
    assert "Diskusjonsarena" in focus_areas
    assert "Trippel Helix" in element_text(response, "delomrader-liste")
    assert "stortingsbenken" in element_text(response, "forpliktelser-liste")


def test_with_the_demo_data_a_goal_page_leads_to_the_funded_demo_projects(
    client, settings, no_programme
):
    settings.DEBUG = True
    call_command("load_programme", verbosity=0)
    call_command("create_demo_accounts", stdout=StringIO())
    call_command("create_demo_data", stdout=StringIO())
    call_command("create_demo_follow_up", stdout=StringIO())

    response = goal_page(client, 11)
    text = page_text(response)

    assert "Befolkningsvekst" in element_text(response, "satsingsomrader-liste")
    assert "Regionrådet ønsker å bidra til økt tilflytting." in element_text(
        response, "forpliktelser-liste"
    )
    projects = element_text(response, "prosjekter-liste")
    assert "Tilflytterguide for Hamarregionen" in projects
    assert "Felles næringsarealer langs E6" in projects
    # The rejected demo application names goal 11 too: the public never sees it.
    assert "Felles kulturkalender på nett" not in text
