"""Norwegian text on the English pages says it is Norwegian (lang="nb", WCAG 3.1.2): the text the
municipalities and the secretariat write (projects, meetings, funding calls) and the programme's
where it has no English version. The Norwegian pages carry no lang but the document's."""

import pytest
from django.template import Context, Template
from django.utils import translation

from meetings.services import meeting_publish_minutes
from programme.models import FocusArea
from projects.workflow import State
from tests.factories import AgendaItemFactory, FundingCallFactory, MeetingFactory, funded_project
from tests.factories.projects import COMPLETE_FIELDS
from tests.html import in_english, language_of_text, languages_of_text, start_tags

pytestmark = pytest.mark.django_db

TITLE = COMPLETE_FIELDS["title"]
SUMMARY = COMPLETE_FIELDS["summary"]


def content_langs(response):
    """Every lang attribute on the page but the document's and the language switch's."""
    return [
        attrs["lang"]
        for tag, attrs in start_tags(response)
        if "lang" in attrs
        and tag != "html"
        and "hreflang" not in attrs
        and "language-switch__current" not in attrs.get("class", "")
    ]


@pytest.fixture
def project(programme_fixture):
    return funded_project(status=State.COMPLETED, results="Prosjektet nådde hovedmålet.")


@pytest.fixture
def meeting(project):
    meeting = MeetingFactory(
        title="Regionrådsmøte i mars", place="Hamar rådhus", description="Møtet er åpent."
    )
    AgendaItemFactory(
        meeting=meeting,
        title="Bolyst og boligpolitikk",
        description="Saken gjelder tilskudd.",
        focus_areas=[project.focus_areas.get()],
        applications=[project],
    )
    meeting_publish_minutes(meeting=meeting)
    return meeting


def test_the_english_project_page_marks_what_the_municipality_wrote(client, project):
    response = client.get(in_english(project.get_public_url()))

    for text in (TITLE, SUMMARY, "Flere innbyggere.", "Kartlegge.", "Prosjektet nådde"):
        assert language_of_text(response, text) == "nb", text
    focus_area = project.focus_areas.get()
    assert language_of_text(response, focus_area.name) == "nb"
    assert language_of_text(response, "About the project") == "en"


def test_the_english_project_page_shows_a_focus_areas_english_name_unmarked(client, project):
    FocusArea.objects.filter(pk=project.focus_areas.get().pk).update(name_en="Population growth")

    response = client.get(in_english(project.get_public_url()))

    assert language_of_text(response, "Population growth") == "en"
    assert language_of_text(response, TITLE) == "nb"


def test_the_english_catalogue_marks_the_project_titles_and_summaries(client, project):
    response = client.get(in_english("/prosjekter/"))

    assert language_of_text(response, TITLE) == "nb"
    assert language_of_text(response, SUMMARY) == "nb"
    # On the card; the filter's option for the focus area comes first and is not marked.
    assert languages_of_text(response, project.focus_areas.get().name)[-1] == "nb"


def test_the_english_meeting_page_marks_the_secretariats_text(client, meeting):
    response = client.get(in_english(meeting.get_absolute_url()))

    for text in (
        "Regionrådsmøte i mars",
        "Hamar rådhus",
        "Møtet er åpent.",
        "Bolyst og boligpolitikk",
        "Saken gjelder tilskudd.",
        TITLE,
        "Regionrådet godkjente innkallingen",
    ):
        assert language_of_text(response, text) == "nb", text
    assert language_of_text(response, "Agenda") == "en"


def test_the_english_meeting_list_marks_the_meeting_titles(client, meeting):
    response = client.get(in_english("/moter/"))

    assert language_of_text(response, "Regionrådsmøte i mars") == "nb"
    assert language_of_text(response, "Hamar rådhus") == "nb"


def test_the_english_funding_call_pages_mark_the_calls_title(client):
    call = FundingCallFactory(title="Utviklingsmidler 2027")

    detail = client.get(in_english(call.get_absolute_url()))
    listing = client.get(in_english("/utlysninger/"))

    assert language_of_text(detail, "Utviklingsmidler 2027") == "nb"
    assert language_of_text(listing, "Utviklingsmidler 2027") == "nb"


@pytest.mark.parametrize("page", ["project", "catalogue", "meeting", "meetings"])
def test_the_norwegian_pages_mark_nothing(client, meeting, project, page):
    path, text = {
        "project": (project.get_public_url(), TITLE),
        "catalogue": ("/prosjekter/", TITLE),
        "meeting": (meeting.get_absolute_url(), meeting.title),
        "meetings": ("/moter/", meeting.title),
    }[page]

    response = client.get(path)

    assert content_langs(response) == []
    assert language_of_text(response, text) == "nb"


def test_the_tags_follow_the_active_language():
    template = Template(
        '{% load content_language %}<p{% lang_of area "name" %}>{{ area|translated:"name" }}</p>'
        '<p{% lang_of %}>x</p>{% norwegian_only_note area "name" %}'
    )
    translated = FocusArea(name="Befolkningsvekst", name_en="Population growth")
    untranslated = FocusArea(name="Befolkningsvekst", name_en="  ")

    def render(language, area):
        with translation.override(language):
            return template.render(Context({"area": area}))

    assert render("nb", translated) == "<p>Befolkningsvekst</p><p>x</p>"
    assert render("en", translated) == '<p>Population growth</p><p lang="nb">x</p>'
    english_fallback = render("en", untranslated)
    assert english_fallback.startswith('<p lang="nb">Befolkningsvekst</p><p lang="nb">x</p>')
    assert 'class="norwegian-only' in english_fallback
