"""Copying a programme to a new period: what the copy holds, what it refuses, and
publishing it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programme.models import (
    Commitment,
    CommitmentUpdate,
    FocusArea,
    NarrativeSection,
    Programme,
    SubTheme,
    Theme,
)
from programme.services import programme_copy
from tests.html import element_text, page_text
from tests.programme.expected import PROGRAMME_SLUG
from tests.programme.period_copies import changelist, content_of

pytestmark = pytest.mark.django_db

Status = Programme.Status


# Each model below a programme, and how its rows are found from the programme.
BELOW = {
    FocusArea: "programme",
    Theme: "focus_area__programme",
    SubTheme: "theme__focus_area__programme",
    NarrativeSection: "focus_area__programme",
    Commitment: "focus_area__programme",
    CommitmentUpdate: "commitment__focus_area__programme",
    FocusArea.sustainable_development_goals.through: "focusarea__programme",
    Commitment.projects.through: "commitment__focus_area__programme",
}
# The objects a copy must repeat (the follow-up is left behind).
TREE = [FocusArea, Theme, SubTheme, NarrativeSection, Commitment]


def rows_under(programme) -> dict:
    """Every stored value of the programme and of each row below it, ids included."""
    snapshot = {"Programme": list(Programme.objects.filter(pk=programme.pk).values())}
    for model, lookup in BELOW.items():
        rows = model.objects.filter(**{lookup: programme}).order_by("pk").values()
        snapshot[model.__name__] = list(rows)
    return snapshot


def pks_under(programme) -> dict:
    return {
        model.__name__: set(
            model.objects.filter(**{BELOW[model]: programme}).values_list("pk", flat=True)
        )
        for model in TREE
    }


def copy_2024(source):
    return programme_copy(
        source=source, start_year=2024, end_year=2025, title="Handlingsprogram 2024 - 2025"
    )


def test_the_copy_repeats_every_focus_area_theme_sub_theme_narrative_and_commitment(
    followed_up_programme,
):
    copy = copy_2024(followed_up_programme)

    assert content_of(copy) == content_of(followed_up_programme)
    counts = {name: len(pks) for name, pks in pks_under(copy).items()}
    assert counts == {
        "FocusArea": 4,
        "Theme": 4,
        "SubTheme": 15,
        "NarrativeSection": 4,
        "Commitment": 17,
    }
    assert copy.vision == followed_up_programme.vision
    assert copy.introduction == followed_up_programme.introduction
    assert copy.focus_areas_heading == followed_up_programme.focus_areas_heading


def test_every_copied_object_is_a_new_row(followed_up_programme):
    original = pks_under(followed_up_programme)

    copy = copy_2024(followed_up_programme)

    assert copy.pk != followed_up_programme.pk
    for name, pks in pks_under(copy).items():
        assert pks, name
        assert not pks & original[name], name


def test_the_copy_is_a_draft_period_of_its_own_years_and_address(followed_up_programme):
    copy = copy_2024(followed_up_programme)

    assert (copy.title, copy.slug) == ("Handlingsprogram 2024 - 2025", "2024-2025")
    assert (copy.start_year, copy.end_year) == (2024, 2025)
    assert copy.status == Status.DRAFT
    assert not copy.is_public
    assert copy not in Programme.objects.public()


def test_commitments_start_over_without_updates_or_projects(followed_up_programme):
    copy = copy_2024(followed_up_programme)

    commitments = Commitment.objects.filter(focus_area__programme=copy)
    assert set(commitments.values_list("status", "progress")) == {
        (Commitment.Status.NOT_STARTED, 0)
    }
    assert not CommitmentUpdate.objects.filter(commitment__in=commitments).exists()
    assert not Commitment.projects.through.objects.filter(commitment__in=commitments).exists()


def test_copying_leaves_the_original_untouched(followed_up_programme):
    before = rows_under(followed_up_programme)
    assert before["CommitmentUpdate"] and before["Commitment_projects"]
    assert before["FocusArea_sustainable_development_goals"]

    copy_2024(followed_up_programme)

    assert rows_under(followed_up_programme) == before


def test_a_single_year_period_gets_the_year_as_its_address(followed_up_programme):
    copy = programme_copy(
        source=followed_up_programme, start_year=2024, end_year=2024, title="Handlingsprogram 2024"
    )

    assert copy.slug == "2024"


@pytest.mark.parametrize(
    ("start_year", "end_year", "title", "field", "code"),
    [
        (2023, 2024, "Overlapper", "start_year", "years_used"),
        (2022, 2023, "Samme år", "start_year", "years_used"),
        (2021, 2022, "Før og under", "start_year", "years_used"),
        (2025, 2024, "Baklengs", "end_year", "end_before_start"),
        (2024, 2025, "  ", "title", "title_missing"),
    ],
)
def test_years_in_use_an_end_before_the_start_or_no_title_are_refused(
    followed_up_programme, start_year, end_year, title, field, code
):
    before = rows_under(followed_up_programme)

    with pytest.raises(ValidationError) as error:
        programme_copy(
            source=followed_up_programme, start_year=start_year, end_year=end_year, title=title
        )

    assert [e.code for e in error.value.error_dict[field]] == [code]
    assert Programme.objects.count() == 1
    assert rows_under(followed_up_programme) == before


def test_an_address_already_taken_is_refused(followed_up_programme):
    Programme.objects.create(
        title="Feilregistrert", slug="2024-2025", start_year=2030, end_year=2030, vision="V"
    )

    with pytest.raises(ValidationError) as error:
        copy_2024(followed_up_programme)

    assert [e.code for e in error.value.error_dict["start_year"]] == ["slug_used"]


def test_publishing_the_copy_archives_the_old_period_which_stays_readable_with_its_projects(
    client, secretariat, followed_up_programme
):
    copy = copy_2024(followed_up_programme)
    secretariat.post(
        changelist(),
        {"action": "make_published", "_selected_action": [copy.pk], "index": 0},
        follow=True,
    )

    followed_up_programme.refresh_from_db()
    copy.refresh_from_db()
    assert (copy.status, followed_up_programme.status) == (Status.PUBLISHED, Status.ARCHIVED)
    old_page = client.get(reverse("programme:programme-detail", args=[PROGRAMME_SLUG]))
    assert old_page.status_code == 200
    assert "Dette handlingsprogrammet er arkivert." in page_text(old_page)
    old_area = client.get(
        reverse("programme:focus-area-detail", args=[PROGRAMME_SLUG, "befolkningsvekst"])
    )
    assert old_area.status_code == 200
    assert "Tilflytterguide for Hamarregionen" in element_text(old_area, "prosjekter-liste")
    assert "Tilflytterguide for Hamarregionen" in element_text(
        old_area, "forpliktelse-okt-tilflytting"
    )
    new_area = client.get(
        reverse("programme:focus-area-detail", args=["2024-2025", "befolkningsvekst"])
    )
    assert new_area.status_code == 200
    assert "Tilflytterguide for Hamarregionen" not in page_text(new_area)
    assert "Visjon i Handlingsprogram 2024 - 2025" in page_text(
        client.get(reverse("programme:home"))
    )


def test_the_draft_copy_is_hidden_from_the_public_and_shown_to_the_secretariat(
    client, secretariat, followed_up_programme
):
    copy = copy_2024(followed_up_programme)
    url = reverse("programme:focus-area-detail", args=[copy.slug, "befolkningsvekst"])

    preview = secretariat.get(url)
    public = client.get(url)

    assert preview.status_code == 200
    assert "er ikke synlig for publikum" in page_text(preview)
    assert public.status_code == 404
    assert client.get(copy.get_absolute_url()).status_code == 404
