"""Forgiving filters: "Ruth" finds Ruth Amadi, "zoe" finds Zoë, "rth am" finds her too.

Textual's own fuzzy matcher (the one behind the command palette) on text folded to
plain lower-case letters, so accents and case never stop a match.
"""

from __future__ import annotations

import unicodedata

from textual.fuzzy import Matcher


def fold(text: str) -> str:
    """Lower case without accents: "Zoë Ångström" -> "zoe angstrom"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matches(query: str, text: str) -> bool:
    """Whether every word of ``query`` is found, in order, in ``text`` (folded, fuzzily)."""
    words = fold(query).split()
    if not words:
        return True
    return Matcher(" ".join(words)).match(fold(text)) > 0


def every_word_found(query: str, text: str) -> bool:
    """Each word of ``query`` is in ``text`` (folded), or, from three letters on, spelt
    loosely within one of its words ("nrth" finds North, "amdi" finds Amadi).

    Looser than a plain substring, stricter than one fuzzy match over the whole text,
    which would find a short query in almost any long line of titles and names.
    """
    hay = fold(text)
    tokens = hay.split()
    for word in fold(query).split():
        if word in hay:
            continue
        if len(word) < 3:
            return False
        matcher = Matcher(word)
        if not any(t[0] == word[0] and matcher.match(t) > 0 for t in tokens):
            return False
    return True
