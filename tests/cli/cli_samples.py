"""A small store for the "fits in" CLI tests: people (one with a CJK name), sessions, actions."""

from __future__ import annotations

import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest

from reflect_tui import cli
from reflect_tui.domain.answers import ActionItem, Value
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Confidentiality
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary

TODAY = date(2026, 11, 20)
NOW = datetime.combine(TODAY, time(10, 0))

sys.path.insert(0, str(Path(__file__).parent))


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = cli.main([*argv, "--data", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def library() -> TemplateLibrary:
    return TemplateLibrary.from_dirs([])


def make_session(
    template_id: str,
    title: str,
    day: date,
    *,
    subject: str = "",
    team: str = "",
    confidential: bool = False,
    answers: dict[str, Value] | None = None,
    next_session: str = "",
    complete: bool = True,
) -> Session:
    t = library().get(template_id)
    s = Session.start(
        t,
        title,
        datetime.combine(day, time(9, 30)),
        team=team,
        subject=subject,
        facilitator="Eve Stone",
    )
    if confidential:
        s.confidentiality = Confidentiality.CONFIDENTIAL
    s.answers.update(answers or {})
    s.next_session = next_session
    if complete:
        s.status = Status.COMPLETE
    return s


def build_store(tmp_path: Path, *sessions: Session) -> Path:
    data = tmp_path / "data"
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_people(
            [
                Person("王小明", role="社工", team="North", line_manager="Alex Rowe"),
                Person("Alex Rowe", role="Team Manager", team="North"),
                Person('=HYPERLINK("http://x")', role="Practitioner", team="South"),
                Person("Eve Stone", role="Psychologist", facilitator=True),
            ]
        )
        if sessions:
            store.save_sessions(list(sessions))
    return data


def action(what: str, owner: str, due: date | None, session: Session) -> ActionItem:
    item = ActionItem(what=what, owner=owner, due=due)
    item.created_in = session.id
    return item
