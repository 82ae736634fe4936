"""What the visitor searches for: the form, the words, and the pattern that highlights them."""

import re
from dataclasses import dataclass

from django import forms
from django.db import connections
from django.utils.translation import gettext_lazy as _

from .matching import SEARCH_MAX_LENGTH, WORD

NOTHING = re.compile(r"(?!)")
# The usual endings of Norwegian words, longest first. PostgreSQL stems «gründere» to «gründer»
# and finds «gründerne»; highlighting the stem shows the visitor why such a hit was found.
ENDINGS = ("hetene", "heten", "ende", "ane", "ene", "ens", "ers", "ets", "het")
ENDINGS += ("en", "ar", "er", "et", "as", "es", "a", "e")
SHORTEST_STEM = 3


class SiteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søk i nettstedet"),
        required=False,
        # The catalogue's limit too, so that «see all projects» always carries a valid search.
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": _("Søket kan være høyst %(limit_value)d tegn.")},
    )

    def clean_q(self):
        text = " ".join(self.cleaned_data["q"].split())
        if text and not WORD.search(text):
            raise forms.ValidationError(
                _("Skriv minst ett ord med bokstaver eller tall."), code="no_words"
            )
        return text


@dataclass(frozen=True)
class Query:
    """The words searched for and the pattern that highlights them."""

    words: tuple[str, ...]
    pattern: re.Pattern

    @property
    def text(self) -> str:
        return " ".join(self.words)


def make_query(text: str, *, using: str = "default") -> Query:
    """Signs and quotes are left out: the search is for words (runs of letters and digits).
    A single letter is searched for but not highlighted: it occurs in nearly every word."""
    words = tuple(WORD.findall(text))
    marked = [word for word in words if len(word) > 1]
    if not marked:
        pattern = NOTHING
    elif connections[using].vendor == "postgresql":
        pattern = stem_pattern(marked)
    else:
        pattern = substring_pattern(marked)
    return Query(words=words, pattern=pattern)


def substring_pattern(words) -> re.Pattern:
    """SQLite finds a word anywhere, also inside a longer one: so does the highlighting."""
    alternatives = sorted({re.escape(word) for word in words}, key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def stem_pattern(words) -> re.Pattern:
    """PostgreSQL finds whole words that start with the searched word's stem: so many are
    highlighted."""
    alternatives = sorted({re.escape(stem(word)) for word in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\w*", re.IGNORECASE)


def stem(word: str) -> str:
    folded = word.casefold()
    for ending in ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= SHORTEST_STEM:
            return folded[: -len(ending)]
    return folded
