"""Deleting and discarding from the app: a question naming the record, the bin, erase for good."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from harness import build_app, new_clock
from test_app_snapshots import SIZES, keys, with_session

from reflect_tui.store import Store, erasure
from reflect_tui.ui.dialogs.choice import ChoiceScreen
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.screens.home import HomeScreen
from reflect_tui.ui.screens.record import RecordScreen


async def test_discarding_a_stray_draft_from_home_moves_it_to_the_bin(tmp_path: Path) -> None:
    data = tmp_path / "data"
    draft = with_session(data, "team-reflection")
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        assert "Discard the draft “Tuesday team reflection”" in dialog.question
        await pilot.press("k")  # keep it
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen.summaries) == 1
        await pilot.press("delete", "b")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.summaries == []
        assert [e.id for e in erasure.bin_entries(app.store)] == [draft.id]


async def test_erasing_a_record_for_good_asks_twice(tmp_path: Path) -> None:
    data = tmp_path / "data"
    record = with_session(data, "team-reflection", complete=True)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("delete")
        await pilot.pause()
        assert "Delete the record “Tuesday team reflection”" in app.screen.question  # type: ignore[attr-defined]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen) and app.store.has_session(record.id)
        await pilot.press("delete", "e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.store.has_session(record.id)
        assert record.id in erasure.erased_ids(app.store)
    assert b"Settling in" not in b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())


async def test_the_bin_is_emptied_of_expired_sessions_when_the_app_opens(tmp_path: Path) -> None:
    data = tmp_path / "data"
    draft = with_session(data, "team-reflection")
    with Store.open(data, new_clock()) as store:
        erasure.move_to_bin(store, draft.id)
    later = new_clock()
    later.advance((erasure.DEFAULT_BIN_DAYS + 1) * 86400)
    app = build_app(data, later)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert erasure.bin_entries(app.store) == []
        assert draft.id in erasure.erased_ids(app.store)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_delete_dialog_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    data = tmp_path / "data"
    with_session(data, "team-reflection", complete=True)
    assert snap_compare(build_app(data), terminal_size=size, run_before=keys("delete"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_erase_confirm_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    data = tmp_path / "data"
    with_session(data, "team-reflection", complete=True)
    steps = keys("enter", "delete", "e")
    assert snap_compare(build_app(data), terminal_size=size, run_before=steps)


async def test_reopening_keeps_the_finished_version_and_the_record_shows_it(
    tmp_path: Path,
) -> None:
    from reflect_tui.dataprotection import history
    from reflect_tui.store.audit import read
    from reflect_tui.ui.screens.runner import RunnerScreen

    data = tmp_path / "data"
    record = with_session(data, "team-reflection", complete=True)
    with Store.open(data, new_clock()) as store:
        s = store.get_session(record.id)
        s.finished_at = new_clock().now()
        store.save_session(s)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "ctrl+r", "y")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        reopened = app.store.get_session(record.id)
        assert [v.finished_at for v in history.versions(reopened)] == [new_clock().now()]
        reopened.status = reopened.status.COMPLETE
        app.store.save_session(reopened)
        app.push_screen(RecordScreen(reopened))
        await pilot.pause()
        from reflect_tui.ui.screens.record import history_text

        assert "Version 1: finished 2026-03-02 09:30; reopened 2026-03-02 09:30" in history_text(
            reopened
        )
    assert [e.event for e in read(data)] == ["reopen"]


def with_old_record(data: Path) -> None:
    from datetime import datetime

    from reflect_tui.domain.session import Session, Status
    from reflect_tui.templates import TemplateLibrary

    template = TemplateLibrary.from_dirs([]).get("pre-visit-risk")
    old = Session.start(template, "Visit to the Elm Street flat", datetime(2019, 5, 2, 9, 0))
    old.status = Status.COMPLETE
    with Store.open(data, new_clock()) as store:
        store.save_session(old)


async def test_home_says_quietly_when_records_are_past_their_retention(tmp_path: Path) -> None:
    from reflect_tui.ui.parts import Banner

    data = tmp_path / "data"
    with_old_record(data)
    with_session(data, "team-reflection")
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = app.screen.query_one(Banner)
        assert banner.has_class("-shown") and not banner.has_class("-error")
        assert "1 record is past the retention period" in str(banner.render())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_retention_notice_snapshot(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    data = tmp_path / "data"
    with_old_record(data)
    with_session(data, "team-reflection")
    assert snap_compare(build_app(data), terminal_size=size, run_before=keys())


async def test_the_bin_puts_a_deleted_draft_back_or_erases_it(tmp_path: Path) -> None:
    from reflect_tui.ui.screens.bin import BinScreen

    data = tmp_path / "data"
    first = with_session(data, "team-reflection")
    second = with_session(data, "learning-from-success")
    with Store.open(data, new_clock()) as store:
        erasure.move_to_bin(store, first.id)
        erasure.move_to_bin(store, second.id)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BinScreen)
        await pilot.press("enter")  # the highlighted one (most recently deleted) goes back
        await pilot.pause()
        back = [s.id for s in app.store.list_sessions()]
        assert len(back) == 1 and len(erasure.bin_entries(app.store)) == 1
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert erasure.bin_entries(app.store) == []
        assert set(erasure.erased_ids(app.store)) == {first.id, second.id} - set(back)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen.summaries) == 1


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_bin_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    data = tmp_path / "data"
    draft = with_session(data, "team-reflection")
    with_session(data, "learning-from-success", complete=True)
    with Store.open(data, new_clock()) as store:
        erasure.move_to_bin(store, draft.id)
    assert snap_compare(build_app(data), terminal_size=size, run_before=keys("b"))
