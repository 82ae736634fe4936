"""Reading pages as a visitor does: their text, and the tags they are built of."""

import html
import re
from html.parser import HTMLParser

TAG = re.compile(r"<[^>]*>")
INVISIBLE = re.compile(r"<(script|style|title)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


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
