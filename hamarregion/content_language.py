"""The council's own text is written in Norwegian bokmål. Some of it may have an English version
that the secretariat writes in the admin, in a field `<name>_en` beside the field `<name>`.

Which of the two a page shows, and which language the shown text is in, so that a page in
English can mark the Norwegian text it shows with lang="nb" (WCAG 3.1.2). Text that has no
English field at all (a project's title, a meeting's description) is Norwegian."""

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

ORIGINAL_LANGUAGE = settings.LANGUAGE_CODE


def english_version(field):
    """An optional English version of the Norwegian text field `field`, of the same kind and
    length, named after it: declare it as `name_en = english_version(name)`."""
    _name, _path, args, kwargs = field.deconstruct()
    kwargs.update(
        blank=True,
        default="",
        verbose_name=format_lazy("{} ({})", field.verbose_name, _("engelsk")),
        help_text=_(
            "Vises på de engelske sidene. Står feltet tomt, viser de den norske teksten og "
            "sier at den bare finnes på norsk."
        ),
    )
    kwargs.pop("unique", None)
    return type(field)(*args, **kwargs)


def page_language() -> str:
    """The language of the page being rendered: the active one, bokmål when none is active."""
    return (get_language() or ORIGINAL_LANGUAGE).split("-")[0].lower()


def shown_language(obj, field: str, language: str | None = None) -> str:
    """The language of the text a page in `language` (the active one) shows of `obj.field`:
    the page's language where obj has a version of the field in it, otherwise Norwegian."""
    language = language or page_language()
    if language != ORIGINAL_LANGUAGE and str(getattr(obj, f"{field}_{language}", "")).strip():
        return language
    return ORIGINAL_LANGUAGE


def shown_text(obj, field: str, language: str | None = None) -> str:
    """The text of `obj.field` a page in `language` (the active one) shows."""
    written_in = shown_language(obj, field, language)
    name = field if written_in == ORIGINAL_LANGUAGE else f"{field}_{written_in}"
    return getattr(obj, name)


class Text(str):
    """A text that knows the language it is written in, for text handed to a template as a
    plain value (a breadcrumb's label): `{% lang_of label %}` marks it."""

    def __new__(cls, value, language: str = ORIGINAL_LANGUAGE):
        text = super().__new__(cls, value)
        text.language = language
        return text


def text_of(obj, field: str) -> Text:
    """The text of `obj.field` the page shows, with its language."""
    return Text(shown_text(obj, field), shown_language(obj, field))


def shown_in_original_only(obj, field: str, language: str | None = None) -> bool:
    """Whether a page in another language than Norwegian shows `obj.field` in Norwegian, for
    want of a version in its own language. Blank text is in no language."""
    language = language or page_language()
    return (
        language != ORIGINAL_LANGUAGE
        and bool(str(getattr(obj, field) or "").strip())
        and shown_language(obj, field, language) == ORIGINAL_LANGUAGE
    )
