"""The programme's own text may have an English version, written in the admin: the English pages
show it where it exists, and the Norwegian text, marked lang="nb" and said to be Norwegian only,
where it does not. The Norwegian pages are as the council wrote them."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from programme.models import Commitment, FocusArea, NarrativeSection, Programme, SubTheme, Theme
from programme.services import programme_copy
from tests.admin_forms import admin_form_data
from tests.factories import CommitmentFactory
from tests.html import in_english, language_of_text, page_text, start_tags
from tests.programme.expected import PROGRAMME_SLUG, VISION

pytestmark = pytest.mark.django_db

# «Only available in Norwegian» once locale/en has it; the msgid until then.
with translation.override("en"):
    ONLY_NORWEGIAN = translation.gettext("Bare tilgjengelig på norsk")
ENGLISH_VISION = "The preferred region to live and work in Innlandet"


def english(client, path):
    return client.get(in_english(path))


def programme():
    return Programme.objects.get(slug=PROGRAMME_SLUG)


def focus_area():
    return programme().focus_areas.get(slug="befolkningsvekst")


def notes(response):
    return [
        attrs
        for tag, attrs in start_tags(response, "p")
        if "norwegian-only" in attrs.get("class", "")
    ]


def test_the_admin_saves_the_english_version_of_the_programme(
    secretariat_client, programme_fixture
):
    change_url = reverse("admin:programme_programme_change", args=[programme().pk])
    form = secretariat_client.get(change_url)
    assert "Engelsk" in page_text(form)

    response = secretariat_client.post(
        change_url,
        admin_form_data(
            form,
            title_en="Action programme 2022–2023",
            vision_en=ENGLISH_VISION,
            introduction_en="The council's **introduction**.",
            focus_areas_heading_en="Focus areas",
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = programme()
    assert (saved.title_en, saved.vision_en, saved.focus_areas_heading_en) == (
        "Action programme 2022–2023",
        ENGLISH_VISION,
        "Focus areas",
    )
    assert saved.vision == VISION


@pytest.mark.parametrize(
    ("model", "field", "english_text"),
    [
        (FocusArea, "name_en", "Population growth"),
        (Theme, "name_en", "Attractiveness"),
        (SubTheme, "name_en", "Transport"),
    ],
)
def test_the_admin_saves_the_english_name_of_a_part_of_the_programme(
    secretariat_client, programme_fixture, model, field, english_text
):
    instance = model.objects.filter(**{f"{field}": ""}).order_by("pk").first()
    change_url = reverse(f"admin:programme_{model._meta.model_name}_change", args=[instance.pk])

    form = secretariat_client.get(change_url)
    response = secretariat_client.post(change_url, admin_form_data(form, **{field: english_text}))

    assert response.status_code == 302, response.context["adminform"].form.errors
    instance.refresh_from_db()
    assert getattr(instance, field) == english_text


def test_the_admin_saves_the_english_version_of_a_narrative_section(
    secretariat_client, programme_fixture
):
    section = NarrativeSection.objects.filter(focus_area=focus_area()).first()
    change_url = reverse("admin:programme_focusarea_change", args=[section.focus_area_id])
    form = secretariat_client.get(change_url)
    (formset,) = [
        inline.formset
        for inline in form.context["inline_admin_formsets"]
        if inline.formset.model is NarrativeSection
    ]
    index = [each.instance.pk for each in formset.initial_forms].index(section.pk)
    prefix = formset.prefix

    response = secretariat_client.post(
        change_url, admin_form_data(form, **{f"{prefix}-{index}-body_en": "Growth in *English*."})
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    section.refresh_from_db()
    assert section.body_en == "Growth in *English*."


def test_the_english_front_page_shows_the_english_vision_when_it_is_written(
    client, programme_fixture
):
    Programme.objects.filter(pk=programme().pk).update(vision_en=ENGLISH_VISION)

    response = english(client, "/")

    (h1,) = start_tags(response, "h1")
    assert "lang" not in h1[1]
    assert language_of_text(response, ENGLISH_VISION) == "en"
    assert VISION not in page_text(response)
    assert not re.search(r"</h1>\s*<p class=\"norwegian-only", response.content.decode())


def test_the_english_front_page_marks_the_norwegian_vision_and_says_it_is_norwegian_only(
    client, programme_fixture
):
    response = english(client, "/")

    assert language_of_text(response, VISION) == "nb"
    assert re.search(r"</h1>\s*<p class=\"norwegian-only", response.content.decode())
    # The note speaks the page's language: it is not part of the Norwegian text.
    assert language_of_text(response, ONLY_NORWEGIAN) == "en"


def test_the_english_programme_page_shows_english_where_written_and_marks_the_rest(
    client, programme_fixture
):
    area = focus_area()
    FocusArea.objects.filter(pk=area.pk).update(name_en="Population growth")
    theme = area.themes.get()
    Theme.objects.filter(pk=theme.pk).update(name_en="Attractiveness")
    Programme.objects.filter(pk=area.programme_id).update(
        introduction_en="An *English* introduction."
    )

    response = english(client, programme().get_absolute_url())

    assert language_of_text(response, "Population growth") == "en"
    assert language_of_text(response, "Attractiveness") == "en"
    assert "<p>An <em>English</em> introduction.</p>" in response.content.decode()
    assert language_of_text(response, "An") == "en"
    # Not written in English: shown in Norwegian, marked as such.
    assert language_of_text(response, VISION) == "nb"
    assert language_of_text(response, "Kompetanse og næringsutvikling") == "nb"
    assert language_of_text(response, "Samferdsel") == "nb"
    assert ONLY_NORWEGIAN in page_text(response)


def test_a_narrative_section_in_english_is_shown_without_a_note(client, programme_fixture):
    area = focus_area()
    FocusArea.objects.filter(pk=area.pk).update(name_en="Population growth")
    area.sections.update(title_en="", body_en="Growth in *English*.")
    Theme.objects.filter(focus_area=area).update(name_en="Attractiveness")
    SubTheme.objects.filter(theme__focus_area=area).update(name_en="A sub-theme")
    Commitment.objects.filter(focus_area=area).update(text_en="A commitment in English.")
    CommitmentFactory(focus_area=area, text="Vi skal vokse.", text_en="We will grow.")

    response = english(client, area.get_absolute_url())

    assert language_of_text(response, "Growth in") == "en"
    assert language_of_text(response, "We will grow.") == "en"
    assert "Vi skal vokse." not in page_text(response)
    assert notes(response) == []


def test_a_commitment_without_english_is_marked_and_noted(client, programme_fixture):
    area = focus_area()
    CommitmentFactory(focus_area=area, text="Vi skal vokse.")

    response = english(client, area.get_absolute_url())

    assert language_of_text(response, "Vi skal vokse.") == "nb"
    assert ONLY_NORWEGIAN in page_text(response)


@pytest.mark.parametrize("path", ["/", f"/handlingsprogram/{PROGRAMME_SLUG}/"])
def test_the_norwegian_pages_keep_the_norwegian_text_even_when_english_is_written(
    client, programme_fixture, path
):
    Programme.objects.filter(pk=programme().pk).update(vision_en=ENGLISH_VISION)
    FocusArea.objects.update(name_en="Some focus area")

    response = client.get(path)

    assert VISION in page_text(response)
    assert ENGLISH_VISION not in page_text(response)
    assert "Some focus area" not in page_text(response)
    assert "Bare tilgjengelig på norsk" not in page_text(response)
    assert [attrs["lang"] for _, attrs in start_tags(response) if "lang" in attrs] == [
        "nb",
        "nb",
        "en",
    ]


def test_copying_a_period_keeps_the_english_versions(programme_fixture):
    Programme.objects.filter(pk=programme().pk).update(vision_en=ENGLISH_VISION)
    FocusArea.objects.filter(pk=focus_area().pk).update(name_en="Population growth")

    copy = programme_copy(source=programme(), start_year=2040, end_year=2041, title="Ny periode")

    assert copy.vision_en == ENGLISH_VISION
    assert copy.focus_areas.get(slug="befolkningsvekst").name_en == "Population growth"
