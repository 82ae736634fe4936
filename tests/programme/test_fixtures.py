"""The fixtures hold the 2022–2023 programme and the 17 goals exactly as published."""

import pytest
from django.core.management import call_command

from programme.models import (
    FocusArea,
    NarrativeSection,
    Programme,
    SubTheme,
    SustainableDevelopmentGoal,
    Theme,
)
from tests.programme.expected import (
    FOCUS_AREA_SLUGS,
    GOALS,
    PROGRAMME_SLUG,
    SOURCE_TEXT,
    TABLE,
    VISION,
)

MODELS = [Programme, FocusArea, Theme, SubTheme, NarrativeSection, SustainableDevelopmentGoal]


def stored_rows():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def test_the_expected_table_is_the_councils_table():
    """Guards the expected values in expected.py against the source document."""
    lines = SOURCE_TEXT.read_text(encoding="utf-8").splitlines()
    table_start = lines.index(VISION + "\t\t\t")
    heading, focus_areas, columns = lines[table_start + 1 : table_start + 4]

    assert heading.strip() == "Satsningsområder"
    assert focus_areas.split("\t") == list(TABLE)
    assert columns.split("\t") == [
        f'{theme} <ul style="list-style-type: none">{"".join(sub_themes)}'
        for theme, sub_themes in TABLE.values()
    ]


@pytest.mark.django_db
def test_loading_the_fixtures_gives_one_programme_with_its_whole_table(programme_fixture):
    assert Programme.objects.count() == 1
    assert FocusArea.objects.count() == 4
    assert Theme.objects.count() == 4
    assert SubTheme.objects.count() == 15
    assert NarrativeSection.objects.count() == 4
    assert SustainableDevelopmentGoal.objects.count() == 17


@pytest.mark.django_db
def test_the_programme_is_the_published_2022_2023_period(programme_fixture):
    programme = Programme.objects.get()

    assert programme.slug == PROGRAMME_SLUG
    assert programme.title == "Handlingsprogram 2022 - 2023"
    assert (programme.start_year, programme.end_year) == (2022, 2023)
    assert programme.vision == VISION
    assert programme.focus_areas_heading == "Satsningsområder"
    assert programme.status == Programme.Status.PUBLISHED
    assert Programme.objects.current() == programme


@pytest.mark.django_db
def test_focus_areas_themes_and_sub_themes_have_the_names_and_order_of_the_table(
    programme_fixture,
):
    programme = Programme.objects.get()
    stored = {
        focus_area.name: [
            (theme.name, [sub_theme.name for sub_theme in theme.sub_themes.order_by("order")])
            for theme in focus_area.themes.order_by("order")
        ]
        for focus_area in programme.focus_areas.order_by("order")
    }

    assert list(stored) == list(TABLE)
    assert stored == {name: [theme] for name, theme in TABLE.items()}
    assert list(programme.focus_areas.values_list("slug", flat=True)) == FOCUS_AREA_SLUGS


@pytest.mark.django_db
def test_the_17_goals_have_their_norwegian_names(programme_fixture):
    assert dict(SustainableDevelopmentGoal.objects.values_list("number", "name")) == GOALS
    assert list(SustainableDevelopmentGoal.objects.values_list("number", flat=True)) == list(
        range(1, 18)
    )


@pytest.mark.django_db
def test_loading_the_fixtures_twice_changes_nothing(programme_fixture):
    before = stored_rows()

    call_command("loaddata", "barekraftsmal", "handlingsprogram-2022-2023", verbosity=0)

    assert stored_rows() == before
    assert [len(pks) for pks in before.values()] == [1, 4, 4, 15, 4, 17]


@pytest.mark.django_db
def test_the_goals_fixture_loads_on_its_own(no_programme):
    call_command("loaddata", "barekraftsmal", verbosity=0)

    assert SustainableDevelopmentGoal.objects.count() == 17
    assert not Programme.objects.exists()
