"""Bokmål by default, English as the second language of the interface, and a language switch
that keeps the visitor on the page they were reading."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tests.factories import FundingCallFactory
from tests.html import page_text, start_tags
from tests.programme.expected import PROGRAMME_SLUG, VISION

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PROGRAMME_PATH = f"/handlingsprogram/{PROGRAMME_SLUG}/"


def html_lang(response) -> str:
    return start_tags(response, "html")[0][1].get("lang")


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: flags, msgid, msgid_plural and the msgstr (or msgstr[n])."""
    entries, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry = None
            continue
        entry = entry or {"flags": [], "msgid": "", "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif match := re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line):
            field = match.group(1)
            value = ast.literal_eval(match.group(2))
            if field.startswith("msgstr"):
                entry["msgstr"][field] = value
            else:
                entry[field] = value
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field.startswith("msgstr"):
                entry["msgstr"][field] += value
            else:
                entry[field] += value
    return [entry for entry in entries if entry["msgid"]]


@pytest.fixture(scope="module")
def po_entries():
    return read_po(LOCALE / "django.po")


# --- Which language a visitor gets ---------------------------------------------------------


def test_a_visitor_without_accept_language_gets_bokmal(client, programme_fixture):
    response = client.get(reverse("programme:home"))

    assert html_lang(response) == "nb"
    assert "Hopp til hovedinnhold" in page_text(response)


@pytest.mark.parametrize("accept_language", ["nb", "no", "nn", "nb-NO,nb;q=0.9,en;q=0.5", "de"])
def test_a_norwegian_or_unsupported_browser_gets_bokmal(client, programme_fixture, accept_language):
    response = client.get(reverse("programme:home"), HTTP_ACCEPT_LANGUAGE=accept_language)

    assert html_lang(response) == "nb"
    assert "Handlingsprogram" in page_text(response)


@pytest.mark.parametrize("accept_language", ["en", "en-GB", "en-US,en;q=0.9,nb;q=0.5"])
def test_an_english_browser_gets_english_with_lang_en(client, programme_fixture, accept_language):
    response = client.get(reverse("programme:home"), HTTP_ACCEPT_LANGUAGE=accept_language)

    assert html_lang(response) == "en"
    text = page_text(response)
    assert "Skip to main content" in text
    assert "Action programme" in text
    assert "Hopp til hovedinnhold" not in text


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/handlingsprogram/",
        PROGRAMME_PATH,
        "/barekraftsmal/",
        "/barekraftsmal/3/",
        "/utlysninger/",
        "/prosjekter/",
        "/konto/logg-inn/",
        "/tilgjengelighet/",
        "/personvern/",
    ],
)
def test_every_public_page_says_the_language_it_is_written_in(client, programme_fixture, path):
    norwegian = client.get(path)
    english = client.get(path, HTTP_ACCEPT_LANGUAGE="en")

    assert (html_lang(norwegian), html_lang(english)) == ("nb", "en")
    assert "Hopp til hovedinnhold" in page_text(norwegian)
    assert "Skip to main content" in page_text(english)


# --- The council's own text stays Norwegian and says so ------------------------------------


def test_english_pages_mark_the_councils_norwegian_text_with_lang_nb(client, programme_fixture):
    response = client.get(PROGRAMME_PATH, HTTP_ACCEPT_LANGUAGE="en")

    marked = [attrs for _, attrs in start_tags(response) if attrs.get("lang") == "nb"]
    # The title, the introduction, the vision, the table and each focus area's heading and text.
    assert len(marked) >= 8
    assert "Introduction" in page_text(response)
    assert VISION in page_text(response)


def test_the_vision_on_the_english_front_page_is_marked_as_norwegian(client, programme_fixture):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    (h1,) = start_tags(response, "h1")
    assert h1[1].get("lang") == "nb"


def test_norwegian_pages_do_not_repeat_lang_on_the_content(client, programme_fixture):
    response = client.get(PROGRAMME_PATH)

    langs = [attrs["lang"] for tag, attrs in start_tags(response) if "lang" in attrs]
    # <html lang="nb"> and the two options of the language switch, nothing else.
    assert langs == ["nb", "nb", "en"]


def test_a_funding_calls_description_is_marked_as_norwegian_in_english(client):
    call = FundingCallFactory()

    response = client.get(call.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    assert html_lang(response) == "en"
    assert "<strong>utviklingsmidler</strong>" in response.content.decode()
    assert any(attrs.get("lang") == "nb" and tag == "div" for tag, attrs in start_tags(response))


# --- The language switch ------------------------------------------------------------------


def test_the_footer_has_a_labelled_language_switch_that_works_without_javascript(
    client, programme_fixture
):
    response = client.get("/prosjekter/?q=skole&page=2")

    (form,) = [
        attrs
        for _, attrs in start_tags(response, "form")
        if "language-switch" in attrs.get("class", "")
    ]
    assert form["method"] == "post"
    assert form["action"] == reverse("set_language")
    hidden = {attrs["name"]: attrs.get("value") for _, attrs in start_tags(response, "input")}
    assert hidden["next"] == "/prosjekter/?q=skole&page=2"
    # No visitor's token in a page that is cached for everyone; the switch needs none.
    assert "csrfmiddlewaretoken" not in hidden
    (select,) = [
        attrs for _, attrs in start_tags(response, "select") if attrs["name"] == "language"
    ]
    labels = [attrs.get("for") for _, attrs in start_tags(response, "label")]
    assert select["id"] in labels
    options = [attrs for _, attrs in start_tags(response, "option") if "lang" in attrs]
    assert [(attrs["value"], attrs["lang"]) for attrs in options] == [("nb", "nb"), ("en", "en")]
    assert any(attrs.get("type") == "submit" for _, attrs in start_tags(response, "button"))
    assert "Norsk (bokmål)" in page_text(response)
    assert "English" in page_text(response)


def test_switching_to_english_keeps_the_page_and_translates_it(client, programme_fixture):
    response = client.post(reverse("set_language"), {"language": "en", "next": PROGRAMME_PATH})

    assert response.status_code == 302
    assert response["Location"] == PROGRAMME_PATH
    page = client.get(PROGRAMME_PATH)
    assert html_lang(page) == "en"
    assert "Introduction" in page_text(page)
    assert "Innledning" not in page_text(page)


def test_switching_back_to_bokmal_keeps_the_page(client, programme_fixture):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.post(
        reverse("set_language"), {"language": "nb", "next": "/utlysninger/"}, follow=True
    )

    assert response.redirect_chain == [("/utlysninger/", 302)]
    assert html_lang(response) == "nb"
    assert "Utlysninger" in page_text(response)


def test_a_chosen_language_wins_over_the_browsers(client, programme_fixture):
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert html_lang(response) == "nb"


def test_the_switch_does_not_redirect_to_another_host(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example.com/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_logged_in_applicant_keeps_the_session_when_switching(hamar_client):
    response = hamar_client.post(
        reverse("set_language"), {"language": "en", "next": "/mine-soknader/"}, follow=True
    )

    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "My applications" in page_text(response)


# --- The translations themselves ----------------------------------------------------------


def test_english_is_offered_and_bokmal_stays_the_default():
    assert settings.LANGUAGE_CODE == "nb"
    assert [code for code, _ in settings.LANGUAGES] == ["nb", "en"]


def test_every_message_has_an_english_translation_and_none_is_fuzzy(po_entries):
    assert len(po_entries) > 700
    untranslated = [e["msgid"] for e in po_entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in po_entries if "fuzzy" in e["flags"]]
    plural_without_both = [
        e["msgid"] for e in po_entries if e["msgid_plural"] and len(e["msgstr"]) != 2
    ]
    assert (untranslated, fuzzy, plural_without_both) == ([], [], [])


def test_every_translation_keeps_the_placeholders_of_its_message(po_entries):
    placeholder = re.compile(r"%\(\w+\)[sd]|%%")
    broken = [
        (e["msgid"], text)
        for e in po_entries
        for text in e["msgstr"].values()
        if sorted(placeholder.findall(text))
        != sorted(placeholder.findall(e["msgid_plural"] or e["msgid"]))
    ]
    assert broken == []


def test_the_compiled_catalogue_holds_every_translation_in_the_po_file(po_entries):
    """A .po edited without running compilemessages would leave the site partly Norwegian."""
    with (LOCALE / "django.mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)

    stale = []
    for entry in po_entries:
        if entry["msgid_plural"]:
            compiled = [
                catalogue.ngettext(entry["msgid"], entry["msgid_plural"], n) for n in (1, 2)
            ]
            expected = [entry["msgstr"]["msgstr[0]"], entry["msgstr"]["msgstr[1]"]]
        else:
            compiled, expected = catalogue.gettext(entry["msgid"]), entry["msgstr"]["msgstr"]
        if compiled != expected:
            stale.append(entry["msgid"])
    assert stale == []


@pytest.mark.parametrize(
    ("norwegian", "english"),
    [
        ("Hopp til hovedinnhold", "Skip to main content"),  # templates/base.html
        ("Side %(number)s av %(total)s", "Page %(number)s of %(total)s"),  # templates/includes
        ("Alle handlingsprogram", "All action programmes"),  # templates/programme
        ("Send inn søknaden", "Submit the application"),  # templates/projects
        ("Glemt passordet?", "Forgotten your password?"),  # templates/registration
        ("Fant ikke siden", "Page not found"),  # templates/404.html
        ("Tilgjengelighetserklæring", "Accessibility statement"),  # templates/pages
        ("Sendt tilbake for endring", "Returned for revision"),  # projects/workflow.py
        ("satsingsområde", "focus area"),  # programme/models.py
        ("Beløpet kan ikke være negativt.", "The amount cannot be negative."),  # projects/admin
    ],
)
def test_strings_from_each_part_of_the_portal_are_translated(norwegian, english):
    with translation.override("en"):
        assert translation.gettext(norwegian) == english
    with translation.override("nb"):
        assert translation.gettext(norwegian) == norwegian


def test_plural_messages_are_translated_in_both_forms():
    with translation.override("en"):
        assert (
            translation.ngettext("%(counter)s prosjekt", "%(counter)s prosjekter", 1)
            % {"counter": 1}
            == "1 project"
        )
        assert (
            translation.ngettext("%(counter)s prosjekt", "%(counter)s prosjekter", 3)
            % {"counter": 3}
            == "3 projects"
        )


@pytest.mark.parametrize(
    ("language", "heading"), [("nb", "Noe gikk galt"), ("en", "Something went wrong")]
)
def test_the_server_error_page_says_the_language_it_is_written_in(language, heading):
    with translation.override(language):
        content = render_to_string("500.html")

    assert f'<html lang="{language}">' in content
    assert f"<h1>{heading}</h1>" in content
    # In the portal's look, with the way to reach the secretariat.
    assert "css/site.css" in content
    assert "favicon.svg" in content
    assert 'href="mailto:sekretariat@' in content
