"""Reading pages as a visitor does: their text, and the tags they are built of."""

import html
import re
from html.parser import HTMLParser

TAG = re.compile(r"<[^>]*>")
INVISIBLE = re.compile(r"<(script|style|title)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


def in_english(path: str) -> str:
    """The English address of a page (hamarregion/languages.py: English under /en/)."""
    return f"/en{path}"


def normalise(text: str) -> str:
    return " ".join(text.split())


def page_text(response) -> str:
    """The text of the page body, entities decoded and whitespace collapsed to single spaces."""
    content = response.content.decode()
    content = INVISIBLE.sub(" ", content)
    return normalise(html.unescape(TAG.sub(" ", content)))


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def start_tags(response, name=None) -> list[tuple[str, dict]]:
    """(tag, attributes) for every start tag in the page, or only those named `name`."""
    collector = _TagCollector()
    collector.feed(response.content.decode())
    return [(tag, attrs) for tag, attrs in collector.tags if name is None or tag == name]


class _ElementText(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, element_id):
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.depth = 0
        self.found = False
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id and not self.found:
            self.found = True
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def element_text(response, element_id) -> str:
    """The text inside the element with this id, whitespace collapsed; fails if there is none."""
    parser = _ElementText(element_id)
    parser.feed(response.content.decode())
    assert parser.found, f"no element with id={element_id!r} in the page"
    return normalise(" ".join(parser.parts))


class _TextLanguage(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.found = text, [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            inherited = self.stack[-1][1] if self.stack else None
            self.stack.append((tag, dict(attrs).get("lang", inherited)))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        in_body = any(tag == "body" for tag, _ in self.stack)
        if in_body and self.text in " ".join(data.split()):
            self.found.append(self.stack[-1][1])


def languages_of_text(response, text) -> list[str | None]:
    """The language the page declares for each text in its body that holds `text`: the lang of
    the nearest element around it that has one, <html lang> at the least."""
    parser = _TextLanguage(text)
    parser.feed(response.content.decode())
    return parser.found


def language_of_text(response, text) -> str | None:
    """The language of the first text in the body that holds `text`; None if none does."""
    return next(iter(languages_of_text(response, text)), None)
