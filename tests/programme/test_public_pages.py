"""The public site as a visitor meets it: the programme, its focus areas and the goals."""

import re

import pytest
from django.urls import reverse

from programme.models import Programme, SustainableDevelopmentGoal
from tests.factories import (
    FocusAreaFactory,
    NarrativeSectionFactory,
    ProgrammeFactory,
    SubThemeFactory,
    UserFactory,
)
from tests.html import in_english, normalise, page_text, start_tags
from tests.programme.expected import (
    FOCUS_AREA_SLUGS,
    GOALS,
    PROGRAMME_SLUG,
    SOURCE_TEXT,
    TABLE,
    VISION,
)
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

Status = Programme.Status

PUBLIC_PAGES = [
    ("programme:home", {}),
    ("programme:programme-list", {}),
    ("programme:programme-detail", {"slug": PROGRAMME_SLUG}),
    *[
        ("programme:focus-area-detail", {"programme_slug": PROGRAMME_SLUG, "slug": slug})
        for slug in FOCUS_AREA_SLUGS
    ],
    ("programme:goal-list", {}),
    ("programme:goal-detail", {"number": 1}),
    ("programme:goal-detail", {"number": 17}),
]
PAGE_IDS = [f"{name}{list(kwargs.values())}" for name, kwargs in PUBLIC_PAGES]


def source_sentences() -> list[str]:
    """The sentences of the council's prose, leaving out the table (tab-separated lines and the
    HTML list fragments pasted from the original web page)."""
    paragraphs = SOURCE_TEXT.read_text(encoding="utf-8").split("\n\n")
    sentences = []
    for paragraph in paragraphs:
        if "\t" in paragraph or "<ul" in paragraph or not paragraph.strip():
            continue
        sentences += re.split(r"(?<=[.!?»])\s+(?=[«A-ZÆØÅ])", normalise(paragraph))
    return sentences


def get_public_pages(client):
    return [client.get(reverse(name, kwargs=kwargs)) for name, kwargs in PUBLIC_PAGES]


@pytest.mark.parametrize(("url_name", "kwargs"), PUBLIC_PAGES, ids=PAGE_IDS)
def test_public_page_answers_200_to_anyone(client, programme_fixture, url_name, kwargs):
    response = client.get(reverse(url_name, kwargs=kwargs))

    assert response.status_code == 200


def test_front_page_shows_the_vision_and_the_whole_table(client, programme_fixture):
    response = client.get(reverse("programme:home"))
    text = page_text(response)

    assert VISION in text
    assert "Satsningsområder" in text
    positions = []
    for focus_area, (theme, sub_themes) in TABLE.items():
        for name in (focus_area, theme, *sub_themes):
            assert name in text
            positions.append(text.index(name))
    assert positions == sorted(positions), "the table is not shown in the council's order"


def test_front_page_links_to_the_programme_and_each_focus_area(client, programme_fixture):
    response = client.get(reverse("programme:home"))
    links = {attrs.get("href") for _, attrs in start_tags(response, "a")}

    assert reverse("programme:programme-detail", kwargs={"slug": PROGRAMME_SLUG}) in links
    for slug in FOCUS_AREA_SLUGS:
        url = reverse(
            "programme:focus-area-detail", kwargs={"programme_slug": PROGRAMME_SLUG, "slug": slug}
        )
        assert url in links


def test_the_source_sentences_are_split_into_many_sentences():
    """Guards the test below: a split that found nothing would prove nothing."""
    sentences = source_sentences()

    assert len(sentences) > 50
    assert "Stor-Oslo er det området i Norge med størst vekst." in sentences
    assert not any("<ul" in sentence or "\t" in sentence for sentence in sentences)


def test_every_sentence_of_the_councils_text_is_on_the_public_pages(client, programme_fixture):
    site_text = " ".join(page_text(response) for response in get_public_pages(client))

    missing = [sentence for sentence in source_sentences() if sentence not in site_text]

    assert missing == []


def test_programme_page_shows_the_table_heading_focus_areas_themes_and_sub_themes(
    client, programme_fixture
):
    response = client.get(reverse("programme:programme-detail", kwargs={"slug": PROGRAMME_SLUG}))
    text = page_text(response)

    assert "Handlingsprogram 2022 - 2023 – Hamarregionen IPR" in text
    assert "Satsningsområder" in text
    for focus_area, (theme, sub_themes) in TABLE.items():
        assert focus_area in text
        assert theme in text
        for sub_theme in sub_themes:
            assert sub_theme in text
    for name in GOALS.values():
        assert name in text


@pytest.mark.parametrize("slug", FOCUS_AREA_SLUGS)
def test_focus_area_page_shows_its_own_theme_and_sub_themes(client, programme_fixture, slug):
    focus_area, (theme, sub_themes) = list(TABLE.items())[FOCUS_AREA_SLUGS.index(slug)]

    response = client.get(
        reverse(
            "programme:focus-area-detail", kwargs={"programme_slug": PROGRAMME_SLUG, "slug": slug}
        )
    )
    main = page_text(response).split("Satsingsområder i Handlingsprogram")[0]

    assert f"Satsingsområde i Handlingsprogram 2022 - 2023 {focus_area}" in main
    assert theme in main
    for sub_theme in sub_themes:
        assert sub_theme in main
    other_themes = [other for other, _ in TABLE.values() if other != theme]
    for other in other_themes:
        assert other not in main


def test_theme_and_section_addresses_point_at_anchors_on_the_focus_area_page(no_programme, client):
    section = NarrativeSectionFactory(focus_area__programme__status=Status.PUBLISHED)
    sub_theme = SubThemeFactory(theme__focus_area=section.focus_area)

    response = client.get(section.focus_area.get_absolute_url())
    ids = {attrs.get("id") for _, attrs in start_tags(response)}

    assert sub_theme.get_absolute_url().split("#")[1] in ids
    assert section.get_absolute_url().split("#")[1] in ids


def test_goal_list_shows_the_17_goals_in_order(client, programme_fixture):
    response = client.get(reverse("programme:goal-list"))
    items = [attrs for _, attrs in start_tags(response, "li") if "value" in attrs]
    text = page_text(response)

    assert [int(item["value"]) for item in items] == list(range(1, 18))
    for name in GOALS.values():
        assert name in text


@pytest.mark.parametrize("number", [1, 17])
def test_goal_page_shows_the_goal_and_the_focus_areas_that_contribute(
    client, programme_fixture, number
):
    focus_area = Programme.objects.get().focus_areas.get(slug="diskusjonsarena")
    focus_area.sustainable_development_goals.add(
        SustainableDevelopmentGoal.objects.get(number=number)
    )

    response = client.get(reverse("programme:goal-detail", kwargs={"number": number}))
    text = page_text(response)

    assert f"FNs bærekraftsmål nummer {number} {GOALS[number]}" in text
    assert "Diskusjonsarena (Handlingsprogram 2022 - 2023)" in text


def test_goal_page_does_not_list_focus_areas_of_a_draft(client, programme_fixture):
    draft_area = FocusAreaFactory(name="Hemmelig utkast", programme__status=Status.DRAFT)
    draft_area.sustainable_development_goals.add(SustainableDevelopmentGoal.objects.get(number=3))

    response = client.get(reverse("programme:goal-detail", kwargs={"number": 3}))

    assert "Hemmelig utkast" not in page_text(response)
    assert "Ingen satsingsområder er knyttet til dette målet ennå." in page_text(response)


@pytest.mark.parametrize(("url_name", "kwargs"), PUBLIC_PAGES, ids=PAGE_IDS)
def test_no_list_style_from_the_source_leaks_into_a_page(
    client, programme_fixture, url_name, kwargs
):
    content = client.get(reverse(url_name, kwargs=kwargs)).content.decode()

    assert "<ul style" not in content
    assert "list-style-type" not in content
    assert "&lt;ul" not in content


@pytest.mark.parametrize(("url_name", "kwargs"), PUBLIC_PAGES, ids=PAGE_IDS)
def test_page_has_exactly_one_h1(client, programme_fixture, url_name, kwargs):
    response = client.get(reverse(url_name, kwargs=kwargs))

    assert len(start_tags(response, "h1")) == 1


@pytest.mark.parametrize(("url_name", "kwargs"), PUBLIC_PAGES, ids=PAGE_IDS)
def test_page_is_in_norwegian_and_has_a_skip_link_to_the_main_content(
    client, programme_fixture, url_name, kwargs
):
    response = client.get(reverse(url_name, kwargs=kwargs))

    assert start_tags(response, "html")[0][1].get("lang") == "nb"
    assert start_tags(response, "a")[0][1].get("href") == "#hovedinnhold"
    assert [attrs.get("id") for _, attrs in start_tags(response, "main")] == ["hovedinnhold"]


def test_page_is_english_with_lang_en_for_a_browser_that_prefers_english(client, programme_fixture):
    """The lang attribute follows the language of the interface, whichever it is."""
    response = client.get(in_english(reverse("programme:home")))

    assert start_tags(response, "html")[0][1].get("lang") == "en"
    assert "Skip to main content" in page_text(response)
    assert "Hopp til hovedinnhold" not in page_text(response)


@pytest.mark.parametrize(("url_name", "kwargs"), PUBLIC_PAGES, ids=PAGE_IDS)
def test_page_loads_its_assets_from_our_own_static_files(
    client, programme_fixture, url_name, kwargs
):
    response = client.get(reverse(url_name, kwargs=kwargs))
    assets = [
        attrs.get("href") or attrs.get("src")
        for tag, attrs in start_tags(response)
        if tag in {"link", "script", "img"} and attrs.get("rel") != "alternate"
    ]

    assert assets, "a page without its stylesheets"
    for url in assets:
        assert not url.startswith(("http://", "https://", "//")), url
        assert url.startswith("/static/"), url


def test_draft_is_hidden_from_anonymous_visitors(client):
    draft = FocusAreaFactory(programme__status=Status.DRAFT).programme
    focus_area = draft.focus_areas.get()

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(focus_area.get_absolute_url()).status_code == 404
    assert draft.title not in page_text(client.get(reverse("programme:programme-list")))


@pytest.mark.parametrize("is_staff", [False, True], ids=["member", "staff-without-permission"])
def test_draft_is_hidden_from_logged_in_users_who_may_not_edit_the_programme(client, is_staff):
    draft = FocusAreaFactory(programme__status=Status.DRAFT).programme
    focus_area = draft.focus_areas.get()
    log_in(client, UserFactory(is_staff=is_staff))

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(focus_area.get_absolute_url()).status_code == 404
    assert draft.title not in page_text(client.get(reverse("programme:programme-list")))


def test_secretariat_previews_a_draft_with_a_notice(secretariat_client):
    draft = FocusAreaFactory(programme__status=Status.DRAFT).programme
    focus_area = draft.focus_areas.get()

    for url in (draft.get_absolute_url(), focus_area.get_absolute_url()):
        response = secretariat_client.get(url)
        assert response.status_code == 200
        assert "Forhåndsvisning: dette handlingsprogrammet har status «Utkast»" in page_text(
            response
        )
    assert draft.title in page_text(secretariat_client.get(reverse("programme:programme-list")))


def test_published_programme_has_no_preview_notice_for_the_secretariat(
    secretariat_client, programme_fixture
):
    response = secretariat_client.get(
        reverse("programme:programme-detail", kwargs={"slug": PROGRAMME_SLUG})
    )

    assert "Forhåndsvisning" not in page_text(response)


def test_archived_programme_is_public_and_listed(client, programme_fixture):
    archived = FocusAreaFactory(
        programme__status=Status.ARCHIVED,
        programme__title="Handlingsprogram 2020 - 2021",
        programme__start_year=2020,
    ).programme

    detail = client.get(archived.get_absolute_url())
    listing = page_text(client.get(reverse("programme:programme-list")))

    assert detail.status_code == 200
    assert "Dette handlingsprogrammet er arkivert." in page_text(detail)
    assert "Forhåndsvisning" not in page_text(detail)
    assert client.get(archived.focus_areas.get().get_absolute_url()).status_code == 200
    assert "Handlingsprogram 2022 - 2023 Periode 2022–2023 · Gjeldende" in listing
    assert "Handlingsprogram 2020 - 2021 Periode 2020–2021 · Arkivert" in listing
    assert listing.index("2022 - 2023") < listing.index("2020 - 2021")


@pytest.mark.parametrize(
    ("url_name", "kwargs"),
    [
        ("programme:programme-detail", {"slug": "finnes-ikke"}),
        ("programme:focus-area-detail", {"programme_slug": PROGRAMME_SLUG, "slug": "finnes-ikke"}),
        (
            "programme:focus-area-detail",
            {"programme_slug": "finnes-ikke", "slug": "diskusjonsarena"},
        ),
        ("programme:goal-detail", {"number": 99}),
        ("programme:goal-detail", {"number": 0}),
    ],
)
def test_unknown_address_is_404_with_a_way_back(client, programme_fixture, url_name, kwargs):
    response = client.get(reverse(url_name, kwargs=kwargs))

    assert response.status_code == 404
    assert "Fant ikke siden" in page_text(response)
    assert len(start_tags(response, "h1")) == 1
    assert ("a", {"href": reverse("programme:home")}) in start_tags(response, "a")


def test_focus_area_of_another_programme_is_not_found_under_this_one(client, programme_fixture):
    other = FocusAreaFactory(programme__status=Status.ARCHIVED, slug="bare-i-det-andre")

    response = client.get(
        reverse(
            "programme:focus-area-detail",
            kwargs={"programme_slug": PROGRAMME_SLUG, "slug": other.slug},
        )
    )

    assert response.status_code == 404


def test_front_page_without_a_published_programme_says_so(no_programme, client):
    ProgrammeFactory(status=Status.DRAFT, title="Utkast som ikke skal vises")
    ProgrammeFactory(status=Status.ARCHIVED, title="Arkivert program")

    response = client.get(reverse("programme:home"))
    text = page_text(response)

    assert response.status_code == 200
    assert "Ingen handlingsprogram er publisert ennå." in text
    assert "Utkast som ikke skal vises" not in text
    assert len(start_tags(response, "h1")) == 1
