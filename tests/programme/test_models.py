"""Models: names, addresses, natural keys, the questions the site asks, and the invariants the
database keeps."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programme.models import (
    FocusArea,
    NarrativeSection,
    Programme,
    SubTheme,
    SustainableDevelopmentGoal,
    Theme,
)
from tests.factories import (
    FocusAreaFactory,
    NarrativeSectionFactory,
    ProgrammeFactory,
    SubThemeFactory,
    SustainableDevelopmentGoalFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_programme")]

Status = Programme.Status


def test_str_is_the_name_a_person_reads():
    sub_theme = SubThemeFactory(
        name="Samferdsel",
        theme__name="Attraktivitet",
        theme__focus_area__name="Befolkningsvekst",
        theme__focus_area__programme__title="Handlingsprogram 2022 - 2023",
    )
    theme = sub_theme.theme
    focus_area = theme.focus_area

    assert str(focus_area.programme) == "Handlingsprogram 2022 - 2023"
    assert str(focus_area) == "Befolkningsvekst"
    assert str(theme) == "Attraktivitet"
    assert str(sub_theme) == "Samferdsel"


def test_str_of_a_narrative_section_is_its_title_or_its_focus_area_and_slug():
    focus_area = FocusAreaFactory(name="Diskusjonsarena")

    titled = NarrativeSectionFactory(focus_area=focus_area, title="Møter", slug="moter")
    untitled = NarrativeSectionFactory(focus_area=focus_area, title="", slug="omtale")

    assert str(titled) == "Møter"
    assert str(untitled) == "Diskusjonsarena: omtale"


def test_str_of_a_goal_has_its_number_and_name():
    goal = SustainableDevelopmentGoalFactory(number=13, name="Stoppe klimaendringene")

    assert str(goal) == "13. Stoppe klimaendringene"


def test_get_absolute_url_gives_the_public_address_of_each_object():
    programme = ProgrammeFactory(slug="2022-2023")
    focus_area = FocusAreaFactory(programme=programme, slug="befolkningsvekst")
    theme = ThemeFactory(focus_area=focus_area, slug="attraktivitet")
    sub_theme = SubThemeFactory(theme=theme, slug="samferdsel")
    section = NarrativeSectionFactory(focus_area=focus_area, slug="omtale")
    goal = SustainableDevelopmentGoalFactory(number=11)

    assert programme.get_absolute_url() == "/handlingsprogram/2022-2023/"
    assert focus_area.get_absolute_url() == "/handlingsprogram/2022-2023/befolkningsvekst/"
    assert theme.get_absolute_url() == (
        "/handlingsprogram/2022-2023/befolkningsvekst/#tema-attraktivitet"
    )
    assert sub_theme.get_absolute_url() == theme.get_absolute_url()
    assert section.get_absolute_url() == (
        "/handlingsprogram/2022-2023/befolkningsvekst/#omtale-omtale"
    )
    assert goal.get_absolute_url() == "/barekraftsmal/11/"


def test_natural_keys_name_an_object_by_slugs_up_to_its_programme():
    sub_theme = SubThemeFactory(
        slug="samferdsel",
        theme__slug="attraktivitet",
        theme__focus_area__slug="befolkningsvekst",
        theme__focus_area__programme__slug="2022-2023",
    )
    section = NarrativeSectionFactory(focus_area=sub_theme.theme.focus_area, slug="omtale")
    goal = SustainableDevelopmentGoalFactory(number=17)

    assert sub_theme.theme.focus_area.programme.natural_key() == ("2022-2023",)
    assert sub_theme.theme.focus_area.natural_key() == ("befolkningsvekst", "2022-2023")
    assert sub_theme.theme.natural_key() == ("attraktivitet", "befolkningsvekst", "2022-2023")
    assert sub_theme.natural_key() == (
        "samferdsel",
        "attraktivitet",
        "befolkningsvekst",
        "2022-2023",
    )
    assert section.natural_key() == ("omtale", "befolkningsvekst", "2022-2023")
    assert goal.natural_key() == (17,)


@pytest.mark.parametrize("factory", [ProgrammeFactory, SustainableDevelopmentGoalFactory])
def test_get_by_natural_key_finds_the_object_again(factory):
    obj, other = factory.create_batch(2)

    assert type(obj).objects.get_by_natural_key(*obj.natural_key()) == obj
    assert type(obj).objects.get_by_natural_key(*other.natural_key()) == other


@pytest.mark.parametrize(
    "factory", [FocusAreaFactory, ThemeFactory, SubThemeFactory, NarrativeSectionFactory]
)
def test_get_by_natural_key_tells_apart_the_same_slug_under_two_programmes(factory):
    """A slug is unique only under its parent: the natural key must name the whole path."""
    first = factory(slug="samarbeid")
    second = factory(slug="samarbeid")
    manager = type(first).objects

    assert manager.get_by_natural_key(*first.natural_key()) == first
    assert manager.get_by_natural_key(*second.natural_key()) == second


def test_natural_key_dependencies_follow_the_hierarchy():
    assert FocusArea.natural_key.dependencies == ["programme.programme"]
    assert Theme.natural_key.dependencies == ["programme.focusarea"]
    assert SubTheme.natural_key.dependencies == ["programme.theme"]
    assert NarrativeSection.natural_key.dependencies == ["programme.focusarea"]


@pytest.mark.parametrize(
    ("start_year", "end_year", "period"),
    [(2022, 2023, "2022–2023"), (2024, 2024, "2024"), (2024, 2027, "2024–2027")],
)
def test_period_joins_the_years_with_an_en_dash_or_shows_one_year(start_year, end_year, period):
    programme = ProgrammeFactory.build(start_year=start_year, end_year=end_year)

    assert programme.period == period


def test_new_programme_is_a_draft_and_not_public():
    programme = Programme.objects.create(
        title="Handlingsprogram 2026", slug="2026", start_year=2026, end_year=2026, vision="V"
    )

    assert programme.status == Status.DRAFT
    assert programme.is_public is False


def test_published_returns_only_the_published_programme():
    published = ProgrammeFactory(status=Status.PUBLISHED)
    ProgrammeFactory(status=Status.DRAFT)
    ProgrammeFactory(status=Status.ARCHIVED)

    assert list(Programme.objects.published()) == [published]


def test_public_returns_published_and_archived_but_not_drafts():
    published = ProgrammeFactory(status=Status.PUBLISHED)
    archived = ProgrammeFactory(status=Status.ARCHIVED)
    ProgrammeFactory(status=Status.DRAFT)

    assert set(Programme.objects.public()) == {published, archived}


def test_visible_to_shows_drafts_only_to_staff_who_may_view_the_programme(secretariat_user):
    published = ProgrammeFactory(status=Status.PUBLISHED)
    archived = ProgrammeFactory(status=Status.ARCHIVED)
    draft = ProgrammeFactory(status=Status.DRAFT)
    member_of_the_public = UserFactory()
    staff_without_permission = UserFactory(is_staff=True)
    inactive_secretary = UserFactory(is_staff=True, is_active=False)
    inactive_secretary.user_permissions.add(Permission.objects.get(codename="view_programme"))

    assert set(Programme.objects.visible_to(secretariat_user)) == {published, archived, draft}
    for user in (
        AnonymousUser(),
        member_of_the_public,
        staff_without_permission,
        inactive_secretary,
    ):
        assert set(Programme.objects.visible_to(user)) == {published, archived}, user


def test_current_is_the_published_programme_or_none():
    ProgrammeFactory(status=Status.ARCHIVED, start_year=2099)
    ProgrammeFactory(status=Status.DRAFT, start_year=2098)

    assert Programme.objects.current() is None

    published = ProgrammeFactory(status=Status.PUBLISHED, start_year=2022)

    assert Programme.objects.current() == published


def test_focus_areas_public_excludes_those_of_draft_programmes():
    public = FocusAreaFactory(programme__status=Status.PUBLISHED)
    archived = FocusAreaFactory(programme__status=Status.ARCHIVED)
    FocusAreaFactory(programme__status=Status.DRAFT)

    assert set(FocusArea.objects.public()) == {public, archived}


def test_programmes_are_ordered_newest_period_first():
    older = ProgrammeFactory(start_year=2022)
    newer = ProgrammeFactory(start_year=2024)

    assert list(Programme.objects.all()) == [newer, older]


def test_database_rejects_end_year_before_start_year():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeFactory(start_year=2024, end_year=2023)

    assert not Programme.objects.exists()


def test_full_clean_rejects_end_year_before_start_year():
    programme = ProgrammeFactory.build(start_year=2024, end_year=2023)

    with pytest.raises(ValidationError) as excinfo:
        programme.full_clean()

    assert "Til år kan ikke være før fra år." in excinfo.value.messages


def test_database_allows_only_one_published_programme():
    ProgrammeFactory(status=Status.PUBLISHED)

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeFactory(status=Status.PUBLISHED)

    assert Programme.objects.published().count() == 1


def test_several_archived_and_draft_programmes_are_allowed():
    ProgrammeFactory.create_batch(2, status=Status.ARCHIVED)
    ProgrammeFactory.create_batch(2, status=Status.DRAFT)

    assert Programme.objects.count() == 4


def test_full_clean_rejects_a_second_published_programme():
    ProgrammeFactory(status=Status.PUBLISHED)
    second = ProgrammeFactory.build(status=Status.PUBLISHED)

    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()

    assert "Bare ett handlingsprogram kan være publisert om gangen." in excinfo.value.messages


def test_database_rejects_two_programmes_with_the_same_slug():
    ProgrammeFactory(slug="2022-2023")

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeFactory(slug="2022-2023")


@pytest.mark.parametrize(
    ("factory", "parent_field"),
    [
        (FocusAreaFactory, "programme"),
        (ThemeFactory, "focus_area"),
        (SubThemeFactory, "theme"),
        (NarrativeSectionFactory, "focus_area"),
    ],
)
def test_database_rejects_a_duplicate_slug_under_the_same_parent(factory, parent_field):
    first = factory(slug="samarbeid")
    parent = getattr(first, parent_field)

    with pytest.raises(IntegrityError), transaction.atomic():
        factory(slug="samarbeid", **{parent_field: parent})

    assert type(first).objects.filter(slug="samarbeid").count() == 1


@pytest.mark.parametrize(
    ("factory", "parent_field"),
    [
        (FocusAreaFactory, "programme"),
        (ThemeFactory, "focus_area"),
        (SubThemeFactory, "theme"),
        (NarrativeSectionFactory, "focus_area"),
    ],
)
def test_the_same_slug_is_allowed_under_two_parents(factory, parent_field):
    factory(slug="samarbeid")
    factory(slug="samarbeid")

    assert factory._meta.model.objects.filter(slug="samarbeid").count() == 2


def test_the_same_focus_area_slug_in_two_programmes_gives_two_addresses():
    first = FocusAreaFactory(slug="diskusjonsarena", programme__slug="2022-2023")
    second = FocusAreaFactory(slug="diskusjonsarena", programme__slug="2024-2025")

    assert first.get_absolute_url() != second.get_absolute_url()


@pytest.mark.parametrize("number", [0, 18, 99])
def test_database_rejects_a_goal_number_outside_1_to_17(number):
    with pytest.raises(IntegrityError), transaction.atomic():
        SustainableDevelopmentGoal.objects.create(number=number, name="Ukjent mål")

    assert not SustainableDevelopmentGoal.objects.filter(number=number).exists()


@pytest.mark.parametrize("number", [0, 18])
def test_full_clean_rejects_a_goal_number_outside_1_to_17(number):
    with pytest.raises(ValidationError) as excinfo:
        SustainableDevelopmentGoal(number=number, name="Ukjent mål").full_clean()

    assert "number" in excinfo.value.message_dict


@pytest.mark.parametrize("number", [1, 17])
def test_goal_numbers_1_and_17_are_accepted(number):
    SustainableDevelopmentGoal.objects.create(number=number, name="Et mål")

    assert SustainableDevelopmentGoal.objects.filter(number=number).exists()


def test_database_rejects_two_goals_with_the_same_number():
    SustainableDevelopmentGoal.objects.create(number=5, name="Likestilling mellom kjønnene")

    with pytest.raises(IntegrityError), transaction.atomic():
        SustainableDevelopmentGoal.objects.create(number=5, name="Et annet mål")
