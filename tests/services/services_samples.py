"""Builders for the application-layer tests: a store, sessions on chosen days, a full disk."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

import pytest

from reflect_tui.domain.answers import ActionItem
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Template
from reflect_tui.store import Store, files
from reflect_tui.templates import TemplateLibrary

TODAY = date(2026, 11, 20)
NOW = datetime.combine(TODAY, time(14, 0))


@cache
def library() -> TemplateLibrary:
    return TemplateLibrary.from_dirs([])


def template(template_id: str) -> Template:
    return library().get(template_id)


def open_store(tmp_path: Path, now: datetime = NOW) -> Store:
    store = Store.open(tmp_path / "data", FixedClock(now))
    store.save_people([Person("Bo Lind", role="Practitioner", team="North")])
    return store


def team_session(
    day: date,
    *,
    team: str = "North",
    title: str = "",
    focus: str = "",
    actions: tuple[str, ...] = (),
    complete: bool = False,
) -> Session:
    s = Session.start(
        template("team-reflection"),
        title or f"North team, {day:%B}",
        datetime.combine(day, time(9, 30)),
        team=team,
        facilitator="Eve Stone",
    )
    if focus:
        s.answers["focus"] = focus
    items = [ActionItem(what=a, owner="Bo Lind") for a in actions]
    for item in items:
        item.created_in = s.id
    if items:
        s.answers["actions"] = items
    if complete:
        s.status = Status.COMPLETE
        s.finished_at = datetime.combine(day, time(11, 0))
    return s


class _FullDisk:
    """Stands in for ``os`` inside the store's file layer: every write finds the disk full."""

    def __init__(self, real: object) -> None:
        self._real = real

    def write(self, fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)


@contextmanager
def disk_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """While inside: the store cannot write a byte (as on a full disk)."""
    with monkeypatch.context() as patch:
        patch.setattr(files, "os", _FullDisk(os))
        yield
