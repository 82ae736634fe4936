"""Markdown that the secretariat writes, rendered to HTML that is safe to show the public."""

from functools import lru_cache

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol",
    "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Texts whose HTML each process keeps: the programme's sections, themes and commitments, the
# calls and the meetings, with room to spare. A text of a few kilobytes costs about twice that.
RENDERED_TEXTS_KEPT = 1024


def render_markdown(text: str) -> SafeString:
    """Render Markdown and keep only a small set of tags: no script, style or event handler
    typed into admin can reach a public page."""
    # nh3 has sanitised the HTML (in rendered_html); this is the one place where it becomes safe.
    return mark_safe(rendered_html(text or ""))  # noqa: S308  # nosec B308, B703


@lru_cache(maxsize=RENDERED_TEXTS_KEPT)
def rendered_html(text: str) -> str:
    """The sanitised HTML of `text`. It depends on the text alone (the options above are
    constants), so it is kept by text: an edited text is a new key, and no change needs to
    invalidate anything. Rendering and sanitising cost about a millisecond per text, on every
    page that shows one. lru_cache is safe to share between the threads of a worker."""
    html = markdown_lib.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
