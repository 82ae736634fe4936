"""The council's Norwegian text on pages in any language (hamarregion.content_language):

{{ programme|translated:"vision" }}     the English version on an English page, if written
<h1{% lang_of programme "vision" %}>    lang="nb" where the text shown is Norwegian and the
                                        page is not; `{% lang_of %}` for text only ever
                                        written in Norwegian (a project's title)
{% norwegian_only_note programme "introduction" %}
                                        «Bare tilgjengelig på norsk» where a text that may
                                        have an English version has none; takes several
                                        object–field pairs, and a list of objects for one
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from hamarregion.content_language import (
    ORIGINAL_LANGUAGE,
    page_language,
    shown_in_original_only,
    shown_language,
    shown_text,
)

register = template.Library()


@register.filter
def translated(obj, field):
    return shown_text(obj, field)


@register.simple_tag
def lang_of(obj=None, field=None):
    if obj is None:
        written_in = ORIGINAL_LANGUAGE
    elif field is None:
        written_in = getattr(obj, "language", page_language())
    else:
        written_in = shown_language(obj, field)
    if written_in == page_language():
        return ""
    return format_html(' lang="{}"', written_in)


@register.simple_tag
def norwegian_only_note(*pairs):
    if len(pairs) % 2:
        raise template.TemplateSyntaxError("norwegian_only_note takes object–field pairs.")
    for objects, field in zip(pairs[::2], pairs[1::2], strict=True):
        many = (
            objects if hasattr(objects, "__iter__") and not isinstance(objects, str) else [objects]
        )
        if any(shown_in_original_only(obj, field) for obj in many if obj is not None):
            return format_html(
                '<p class="norwegian-only small text-body-secondary mb-2">{}</p>',
                _("Bare tilgjengelig på norsk"),
            )
    return ""
