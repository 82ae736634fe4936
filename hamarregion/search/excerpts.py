"""A hit as the search page shows it: its title and an excerpt, the searched words marked.

The text is escaped piece by piece and only the <mark> tags are added: nothing typed into a
project title or the search box reaches the page as HTML."""

import html
from dataclasses import dataclass

from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString

from ..markdown import render_markdown
from .query import Query

# An excerpt: this many characters of context before the first match, this many in all.
EXCERPT_LEAD = 60
EXCERPT_LENGTH = 220


def highlight(text: str, query: Query) -> SafeString:
    """The text, escaped, with every match wrapped in <mark>."""
    result = SafeString("")
    position = 0
    for match in query.pattern.finditer(text):
        if match.end() == match.start():
            continue
        result += format_html("{}<mark>{}</mark>", text[position : match.start()], match.group())
        position = match.end()
    return result + escape(text[position:])


def excerpt(text: str, query: Query) -> SafeString | None:
    """A few lines of `text` around its first match, highlighted; None if nothing matches."""
    match = query.pattern.search(text)
    if match is None:
        return None
    start = max(0, match.start() - EXCERPT_LEAD)
    if start:
        # Begin at a word: after the first space from `start`, but never after the match.
        space = text.find(" ", start, match.start())
        start = space + 1 if space != -1 else start
    end = start + EXCERPT_LENGTH
    if end < len(text):
        space = text.rfind(" ", match.end(), end)
        end = space if space != -1 else end
    result = highlight(text[start:end], query)
    if start:
        result = escape("… ") + result
    if end < len(text):
        result += escape(" …")
    return result


def plain_text(markdown: str) -> str:
    """What a visitor reads of a Markdown text: no markup, entities decoded, one line."""
    return " ".join(html.unescape(strip_tags(render_markdown(markdown))).split())


def first_excerpt(candidates, query: Query):
    """(label, url, excerpt) of the first (label, url, text) whose text matches; or, when none
    does (a stem the highlighting does not know), the beginning of the first text there is."""
    candidates = [(label, url, text) for label, url, text in candidates if text]
    for label, url, text in candidates:
        found = excerpt(text, query)
        if found is not None:
            return label, url, found
    if candidates:
        label, url, text = candidates[0]
        return (
            label,
            url,
            highlight(text[:EXCERPT_LENGTH], query)
            + (escape(" …") if len(text) > EXCERPT_LENGTH else ""),
        )
    return None, None, None


@dataclass(frozen=True)
class Hit:
    """One hit. `title` and `excerpt` are escaped text with the words marked; `url` leads to
    the spot on the page where the words are (an agenda item, the minutes, a commitment)."""

    title: SafeString
    url: str
    context: str
    excerpt: SafeString | None = None
    excerpt_label: str | None = None


def hit_with_excerpt(*, title, url, context, candidates, query) -> Hit:
    label, found_url, found = first_excerpt(candidates, query)
    return Hit(
        title=title,
        url=found_url or url,
        context=context,
        excerpt=found,
        excerpt_label=label,
    )
