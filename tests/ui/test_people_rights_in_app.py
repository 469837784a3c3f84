"""The People screen: remove someone from the roster, forget them everywhere, export their data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from harness import build_app, new_clock
from test_app_snapshots import SIZES, keys

from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.screens.people import PeopleScreen


def with_people(data: Path) -> str:
    template = TemplateLibrary.from_dirs([]).get("supervision-one-to-one")
    s = Session.start(
        template, "Supervision", new_clock().now(), subject="Ana Canary", facilitator="Jo Lee"
    )
    s.answers["decisions"] = "Ana Canary agreed to take a week of leave"
    with Store.open(data, new_clock()) as store:
        store.save_people(
            [Person("Ana Canary", role="Social worker", team="North"), Person("Jo Lee")]
        )
        store.save_session(s)
    return s.id


async def test_forget_shows_what_will_change_then_removes_the_name(tmp_path: Path) -> None:
    data = tmp_path / "data"
    sid = with_people(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert "Roster: remove Ana Canary (Social worker, North)." in dialog.question
        assert "“Supervision” (2026-03-02): subject, named in 1 answer(s)" in dialog.question
        await pilot.press("y")
        await pilot.pause()
        assert [p.name for p in app.store.people()] == ["Jo Lee"]
        decisions = app.store.get_session(sid).answers["decisions"]
        assert isinstance(decisions, str)  # a TEXT answer
        assert "Ana" not in decisions


async def test_remove_takes_someone_off_the_roster_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    sid = with_people(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("delete", "y")
        await pilot.pause()
        assert [p.name for p in app.store.people()] == ["Jo Lee"]
        assert app.store.get_session(sid).subject == "Ana Canary"


async def test_export_writes_the_bundle_to_the_minutes_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with_people(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("x", "y")
        await pilot.pause()
    bundle = data / "minutes" / "subject-access-ana-canary.md"
    assert b"week of leave" in bundle.read_bytes()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_forget_preview_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    data = tmp_path / "data"
    with_people(data)
    assert snap_compare(build_app(data), terminal_size=size, run_before=keys("p", "f"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_people_screen_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    data = tmp_path / "data"
    with_people(data)
    assert snap_compare(build_app(data), terminal_size=size, run_before=keys("p"))
