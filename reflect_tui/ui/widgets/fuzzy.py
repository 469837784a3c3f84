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
