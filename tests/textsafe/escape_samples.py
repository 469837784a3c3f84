"""A store whose every kind of stored text carries terminal escapes (OSC 52, title, CSI, C1).

Written through the store's API, as a hostile import or a pasted note could
leave them, so the actions mirror, people and settings all hold them too.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path

from reflect_tui.domain.answers import ActionItem, ChecklistEntry, ListItem, RiskRow
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import FieldKind, Step, Template
from reflect_tui.store import Store, demo
from reflect_tui.templates import TemplateLibrary

NOW = datetime(2026, 3, 2, 9, 30)
# A clipboard write, a window title, clear screen, and the same as C1 bytes.
EVIL = "\x1b]52;c;SGVsbG8=\x07\x1b]0;pwned\x07\x1b[2J\x9b31m\x9d2;t\x9c\x07\x08\r\x00"


def bad(text: str) -> str:
    return f"{text}{EVIL}!"


def _poison(session: Session) -> None:
    session.title = bad(session.title)
    session.team = bad(session.team or "Team")
    session.subject = bad(session.subject or "Subject")
    session.facilitator = bad(session.facilitator or "Facilitator")
    session.participants = [bad(p) for p in session.participants] or [bad("Someone")]
    session.apologies = [bad("Away")]
    session.next_session = bad("next week")
    template = session.template
    steps = tuple(
        Step(s.id, bad(s.title), bad(s.guidance), s.timebox_minutes, s.fields)
        for s in template.steps
    )
    session.template = Template(
        template.id,
        bad(template.title),
        bad(template.description),
        template.kind,
        template.confidentiality,
        template.duration_minutes,
        template.version,
        steps,
    )
    for f in template.all_fields():
        if f.kind is FieldKind.TEXT:
            session.answers[f.id] = bad("an answer")
        elif f.kind is FieldKind.LIST:
            session.answers[f.id] = [ListItem(bad("an item"), [bad("theme")])]
        elif f.kind is FieldKind.ACTIONS:
            session.answers[f.id] = [
                ActionItem(bad("do it"), owner=bad("Sam"), due=date(2026, 3, 1), note=bad("n"))
            ]
        elif f.kind is FieldKind.RISKS:
            session.answers[f.id] = [RiskRow(bad("a dog"), 4, 4, bad("stay outside"), 2, 2)]
        elif f.kind is FieldKind.CHECKLIST:
            session.answers[f.id] = [ChecklistEntry(o, None, bad("note")) for o in f.options]
        elif f.kind is FieldKind.PEOPLE:
            session.answers[f.id] = [bad("Robin")]


def escape_store(data_dir: Path) -> list[Session]:
    """One poisoned session per built-in template, poisoned people and themes."""
    clock = FixedClock(NOW)
    rng, ids = random.Random(1), random.Random(2)
    roster = demo.roster(random.Random(3))
    sessions = []
    for n, template in enumerate(TemplateLibrary.from_dirs([]).templates()):
        session = demo.make_session(template, rng, ids, roster, NOW.date(), n % 2 == 0)
        _poison(session)
        sessions.append(session)
    with Store.open(data_dir, clock) as store:
        store.save_sessions(sessions)
        store.save_people(
            [
                Person(bad("Alex Rowe"), bad("Manager"), bad("North"), bad("Sam"), id="p1"),
                Person(bad("Eve Stone"), bad("Psychologist"), "", "", True, id="p2"),
            ]
        )
        store.set_setting("themes", [bad("workload"), "rota"])
    return sessions


def escapes_in(text: str) -> list[str]:
    """Every character of ``text`` that could drive a terminal (ESC, BEL, C1, other C0)."""
    return [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
