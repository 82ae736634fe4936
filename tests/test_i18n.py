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
from tests.html import in_english, page_text, start_tags
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


# --- Which language a visitor gets: the address's ----------------------------------------


def test_a_visitor_without_accept_language_gets_bokmal(client, programme_fixture):
    response = client.get(reverse("programme:home"))

    assert html_lang(response) == "nb"
    assert "Hopp til hovedinnhold" in page_text(response)


@pytest.mark.parametrize(
    "accept_language", ["nb", "no", "nn", "nb-NO,nb;q=0.9,en;q=0.5", "de", "en", "en-GB"]
)
def test_a_bokmal_address_answers_in_bokmal_whatever_the_browser_asks(
    client, programme_fixture, accept_language
):
    response = client.get(reverse("programme:home"), HTTP_ACCEPT_LANGUAGE=accept_language)

    assert html_lang(response) == "nb"
    assert "Handlingsprogram" in page_text(response)
    assert response["Content-Language"] == "nb"


def test_the_english_address_answers_in_english_with_lang_en(client, programme_fixture):
    response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="nb")

    assert html_lang(response) == "en"
    text = page_text(response)
    assert "Skip to main content" in text
    assert "Action programme" in text
    assert "Hopp til hovedinnhold" not in text
    assert response["Content-Language"] == "en"


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
def test_every_public_page_has_an_english_address_and_says_its_language(
    client, programme_fixture, path
):
    norwegian = client.get(path)
    english = client.get(in_english(path))

    assert (norwegian.status_code, english.status_code) == (200, 200)
    assert (html_lang(norwegian), html_lang(english)) == ("nb", "en")
    assert "Hopp til hovedinnhold" in page_text(norwegian)
    assert "Skip to main content" in page_text(english)
    # The address alone decides: a shared cache needs to tell visitors apart by nothing else.
    # (The login form holds a visitor's CSRF token: a private page, kept by no one.)
    for response in (norwegian, english):
        vary = response.get("Vary", "")
        assert "Accept-Language" not in vary
        public = "public" in response["Cache-Control"]
        assert public == (path != "/konto/logg-inn/")
        assert not public or "Cookie" not in vary


def test_links_on_an_english_page_stay_in_english(client, programme_fixture):
    response = client.get(in_english(PROGRAMME_PATH))

    links = {attrs["href"] for _, attrs in start_tags(response, "a") if "href" in attrs}
    assert "/en/handlingsprogram/" in links
    assert "/en/prosjekter/" in links
    assert "/handlingsprogram/" not in links


def test_an_unknown_english_address_is_an_english_page_not_found(client):
    response = client.get("/en/finnes-ikke/")

    assert response.status_code == 404
    assert html_lang(response) == "en"


# --- The council's own text stays Norwegian and says so ------------------------------------


def test_english_pages_mark_the_councils_norwegian_text_with_lang_nb(client, programme_fixture):
    response = client.get(in_english(PROGRAMME_PATH))

    marked = [attrs for _, attrs in start_tags(response) if attrs.get("lang") == "nb"]
    # The title, the introduction, the vision, the table and each focus area's heading and text.
    assert len(marked) >= 8
    assert "Introduction" in page_text(response)
    assert VISION in page_text(response)


def test_the_vision_on_the_english_front_page_is_marked_as_norwegian(client, programme_fixture):
    response = client.get("/en/")

    (h1,) = start_tags(response, "h1")
    assert h1[1].get("lang") == "nb"


def test_norwegian_pages_do_not_repeat_lang_on_the_content(client, programme_fixture):
    response = client.get(PROGRAMME_PATH)

    langs = [attrs["lang"] for tag, attrs in start_tags(response) if "lang" in attrs]
    # <html lang="nb"> and the two entries of the language switch, nothing else.
    assert langs == ["nb", "nb", "en"]


def test_a_funding_calls_description_is_marked_as_norwegian_in_english(client):
    call = FundingCallFactory()

    response = client.get(in_english(call.get_absolute_url()))

    assert html_lang(response) == "en"
    assert "<strong>utviklingsmidler</strong>" in response.content.decode()
    assert any(attrs.get("lang") == "nb" and tag == "div" for tag, attrs in start_tags(response))


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
        elif entry.get("msgctxt"):
            compiled = catalogue.pgettext(entry["msgctxt"], entry["msgid"])
            expected = entry["msgstr"]["msgstr"]
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
