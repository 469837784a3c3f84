"""Finding what was said: a phrase searched in session titles and answers.

``search(sessions, text)`` returns a ``Hit`` per field (or title) the phrase
appears in, newest session first. Matching ignores case and accents ("cafe"
finds "Café", "CASELOAD" finds "caseload"); the phrase must appear as typed,
with spaces collapsed. Private fields are skipped unless ``include_private``;
confidential sessions are searched (this is the person's own machine) and
every hit says whether its session is confidential, so a screen or a script
can mark it. Plain Python, no I/O: the caller reads the store.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from reflect_tui.domain import answers
from reflect_tui.domain.answers import Value
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Field, FieldKind

SNIPPET_CONTEXT = 40  # characters either side of the match
TITLE_FIELD = "title"


@dataclass(frozen=True)
class Hit:
    session_id: str
    session_title: str
    session_date: date
    template_id: str
    confidential: bool
    step_id: str  # "" for the title
    step_title: str
    field_id: str  # "title" for the title
    field_label: str
    private: bool
    snippet: str  # the text around the first match, on one line
    start: int  # where the match is in the snippet
    end: int

    def to_json(self) -> dict[str, object]:
        return {
            "session": self.session_id,
            "title": self.session_title,
            "date": self.session_date.isoformat(),
            "template": self.template_id,
            "confidential": self.confidential,
            "step": self.step_id,
            "step_title": self.step_title,
            "field": self.field_id,
            "field_label": self.field_label,
            "private": self.private,
            "snippet": self.snippet,
            "match": [self.start, self.end],
        }


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` without case or accents, whitespace runs as one space, and for each
    character of the result the index of the character of ``text`` it came from."""
    out: list[str] = []
    origin: list[int] = []
    last_space = False
    for i, char in enumerate(text):
        if char.isspace():
            if not last_space:
                out.append(" ")
                origin.append(i)
            last_space = True
            continue
        last_space = False
        for c in _fold_char(char):
            out.append(c)
            origin.append(i)
    return "".join(out), origin


def normalise_query(text: str) -> str:
    return fold(" ".join(text.split()))[0]


def texts_of(f: Field, value: Value) -> Iterator[str]:
    """Every piece of text a person typed into one field."""
    if value in (None, "", []):
        return
    kind = f.kind
    if kind in (FieldKind.TEXT, FieldKind.CHOICE, FieldKind.DATETIME):
        yield str(value)
    elif kind is FieldKind.LIST:
        for item in answers.list_items(value):
            yield item.text
            yield from item.themes
    elif kind is FieldKind.ACTIONS:
        for a in answers.action_items(value):
            yield from (a.what, a.owner, a.note)
    elif kind is FieldKind.CHECKLIST:
        yield from (e.note for e in answers.checklist_entries(value))
    elif kind is FieldKind.RISKS:
        for r in answers.risk_rows(value):
            yield from (r.hazard, r.controls)
    elif kind is FieldKind.PEOPLE:
        yield from answers.people_of(value)


def snippet(text: str, start: int, end: int) -> tuple[str, int, int]:
    """One line around ``text[start:end]``, with the match's place in it."""
    left = max(start - SNIPPET_CONTEXT, 0)
    right = min(end + SNIPPET_CONTEXT, len(text))
    before = " ".join(text[left:start].split())
    match = " ".join(text[start:end].split())
    after = " ".join(text[end:right].split())
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    head = prefix + before + (" " if before and text[start - 1].isspace() else "")
    tail = (" " if after and text[end].isspace() else "") + after + suffix
    return head + match + tail, len(head), len(head) + len(match)


def find(text: str, folded_query: str) -> tuple[int, int] | None:
    """Where the folded phrase is in ``text`` (indices into ``text``), or None."""
    if not folded_query or not text:
        return None
    folded, origin = fold(text)
    at = folded.find(folded_query)
    if at < 0:
        return None
    last = origin[at + len(folded_query) - 1]
    return origin[at], last + 1


@dataclass(frozen=True)
class _Place:
    step_id: str
    step_title: str
    field_id: str
    field_label: str
    private: bool


_TITLE = _Place("", "", TITLE_FIELD, "Title", False)


def _hit(session: Session, text: str, where: tuple[int, int], place: _Place) -> Hit:
    line, start, end = snippet(text, *where)
    return Hit(
        session_id=session.id,
        session_title=session.title,
        session_date=session.date,
        template_id=session.template.id,
        confidential=session.is_confidential,
        step_id=place.step_id,
        step_title=place.step_title,
        field_id=place.field_id,
        field_label=place.field_label,
        private=place.private,
        snippet=line,
        start=start,
        end=end,
    )


def search_session(session: Session, query: str, *, include_private: bool = False) -> list[Hit]:
    folded = normalise_query(query)
    hits: list[Hit] = []
    where = find(session.title, folded)
    if where:
        hits.append(_hit(session, session.title, where, _TITLE))
    for step in session.template.steps:
        for f in step.fields:
            if f.private and not include_private:
                continue
            for text in texts_of(f, session.answers.get(f.id)):
                where = find(text, folded)
                if where:
                    place = _Place(step.id, step.title, f.id, f.label, f.private)
                    hits.append(_hit(session, text, where, place))
                    break  # one hit per field
    return hits


def search(sessions: Iterable[Session], query: str, *, include_private: bool = False) -> list[Hit]:
    """Every hit, newest session first, in the order of each session's steps."""
    if not normalise_query(query).strip():
        return []
    ordered = sorted(sessions, key=lambda s: (s.date, s.id), reverse=True)
    return [h for s in ordered for h in search_session(s, query, include_private=include_private)]
