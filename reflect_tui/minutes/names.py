"""Finding names without a list, and matching the do-not-share list sensibly.

Names are the identifiers that matter most in social-care notes and the
hardest to find. Three ways in, each cheap:

- a title or role before a name: "Mr Okafor", "Ms J. Brennan", "PC Hollis", "Dr Shah";
- a first name from the shipped list (``data/first_names.txt``, public-domain
  US Census and ONS names; see the file's header), with a capitalised surname
  after it if there is one; a first name that is also a word (Will, Grace,
  May) counts only with a surname or a title;
- two capitalised words together, not at the start of a sentence, neither of
  them a common capitalised word of the trade (Social Services, Youth Court...).

Do-not-share entries match whatever the case, with the surname after initials
("J Smith", "J. Smith"), the first name or surname alone when capitalised, and
a possessive after any of these ("Smith's" is flagged as "Smith").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

TITLES = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "PC", "DC", "DS", "DI", "DCI", "DSU", "PCSO",
    "Sgt", "Insp", "Cllr", "Rev", "Revd", "Fr", "Sr", "Sister", "Nurse", "Judge", "Magistrate",
    "Officer", "Auntie", "Aunt", "Uncle", "Nan", "Grandad",
)  # fmt: skip


# Capitalised words common in this work that are not names (compared case-folded).
def _data(name: str) -> str:
    return resources.files("reflect_tui.minutes").joinpath(f"data/{name}").read_text()


# Capitalised words common in this work that are not names (compared case-folded).
NOT_NAMES = frozenset(
    w.casefold()
    for line in _data("not_names.txt").splitlines()
    if not line.startswith("#")
    for w in line.split()
)

_WORD = r"[A-Z][a-z]+(?:['’-](?!s\b)[A-Z]?[a-z]+)*"
_TITLE_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(TITLES) + r")\.?\s+"
    r"(?:(?:[A-Z]\.\s?)+|[A-Z]\s)?" + _WORD + r"(?:\s+" + _WORD + r")?"
)
_PAIR_RE = re.compile(r"(?<![\w'’-])(" + _WORD + r")\s(" + _WORD + r")(?![\w-])")
_SINGLE_RE = re.compile(r"(?<![\w'’-])(" + _WORD + r")(?![\w-])")
# What ends a sentence or starts a list item (a colon does not: "Present: Jo Smith").
_SENTENCE_END = re.compile(r"(?:^|[.!?\n•*\-–—\"“(]\s*)$")


@cache
def first_names() -> tuple[frozenset[str], frozenset[str]]:
    """(plain first names, first names that are also words), case-folded."""
    text = _data("first_names.txt")
    plain: set[str] = set()
    worded: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("~"):
            worded.add(line[1:].casefold())
        else:
            plain.add(line.casefold())
    return frozenset(plain - NOT_NAMES), frozenset(worded | (plain & NOT_NAMES))


def _first_name(word: str, plain: frozenset[str]) -> bool:
    """On the list, or a hyphenated pair whose first part is (Ellie-May, Mary-Jane)."""
    key = word.casefold()
    if key in plain:
        return True
    head, _, tail = key.partition("-")
    return bool(tail) and head in plain and word.split("-")[1][:1].isupper()


def _sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, start - 3) : start])) or start == 0


def _not_name(word: str) -> bool:
    return word.casefold().rstrip("'’s") in NOT_NAMES or word.casefold() in NOT_NAMES


Span = tuple[int, int, str]  # start, end, reason


def heuristic_names(text: str, ignore: Iterable[str] = ()) -> list[Span]:
    """Name-shaped spans found without any list of names; ``ignore`` are known, fine names."""
    plain, worded = first_names()
    skip = {" ".join(n.split()).casefold() for n in ignore if n.strip()}
    skip |= {w.casefold() for n in ignore for w in n.split()}  # first names and surnames
    found: list[Span] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, reason: str) -> None:
        words = " ".join(text[start:end].split()).casefold()
        if (
            words in skip
            or words.split()[0] in skip
            or any(n.startswith(words + " ") for n in skip)
        ):
            return  # someone in the session, or their first name
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append((start, end, reason))

    for m in _TITLE_RE.finditer(text):
        add(m.start(), m.end(), "a title or role before a name")
    for m in _PAIR_RE.finditer(text):
        first, second = m.group(1), m.group(2)
        key = first.casefold()
        if _not_name(second):
            continue
        if _first_name(first, plain) or key in worded:
            add(m.start(), m.end(), "a first name and a surname")
        elif not _not_name(first) and key not in worded and not _sentence_start(text, m.start()):
            add(m.start(), m.end(), "two capitalised words, shaped like a name")
    for m in _SINGLE_RE.finditer(text):
        word = m.group(1)
        if _first_name(word, plain) and not _not_name(word):
            add(m.start(), m.end(), "a first name")
    return found


_BEFORE_BRACKET = re.compile(r"(" + _WORD + r")\s*$")


def name_before(text: str, start: int) -> tuple[int, int] | None:
    """A capitalised word just before ``start`` (a name before "(12/03/2015)"), if any."""
    m = _BEFORE_BRACKET.search(text[max(0, start - 40) : start])
    if m is None or _not_name(m.group(1)):
        return None
    offset = max(0, start - 40)
    return offset + m.start(1), offset + m.end(1)


def do_not_share_pattern(entry: str) -> re.Pattern[str] | None:
    """Full name whatever the case, initials + surname, and a possessive after either."""
    words = entry.split()
    if not words:
        return None
    full = r"\s+".join(re.escape(w) for w in words)
    forms = [full]
    if len(words) >= 2:
        surname = re.escape(words[-1])
        initials = r"\s*".join(re.escape(w[0]) + r"\.?" for w in words[:-1])
        forms.append(initials + r"\s+" + surname)
    body = "|".join(f"(?:{f})" for f in forms)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?=['’]s\b|['’]|(?![\w-]))", re.IGNORECASE)


def do_not_share_parts(entry: str) -> re.Pattern[str] | None:
    """The first name or surname alone, capitalised as a name is (case-sensitive)."""
    words = [w for w in entry.split() if len(w) >= 3 and w[:1].isupper()]
    if len(entry.split()) < 2 or not words:
        return None
    body = "|".join(re.escape(w) for w in dict.fromkeys([words[0], words[-1]]))
    return re.compile(rf"(?<![\w'’-])(?:{body})(?=['’]s\b|['’]|(?![\w-]))")
