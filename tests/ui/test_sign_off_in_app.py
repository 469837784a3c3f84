"""An "agreed by" sign-off on a supervision record, from the record screen (Ctrl+G)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from harness import build_app, new_clock
from test_app_snapshots import SIZES, keys

from reflect_tui import minutes
from reflect_tui.domain.session import Session, Status
from reflect_tui.store import Store
from reflect_tui.store.audit import read
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.dialogs.sign_off import SignOffDialog
from reflect_tui.ui.screens.record import RecordScreen


def with_supervision(data: Path) -> str:
    template = TemplateLibrary.from_dirs([]).get("supervision-one-to-one")
    s = Session.start(
        template, "Supervision, March", new_clock().now(), subject="Ana Cole", facilitator="Jo"
    )
    s.status = Status.COMPLETE
    with Store.open(data, new_clock()) as store:
        store.save_session(s)
    return s.id


async def test_sign_off_records_who_agreed_and_shows_in_the_minutes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    sid = with_supervision(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, SignOffDialog)
        await pilot.press("tab", *"Both happy", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        text = minutes.render_markdown(app.store.get_session(sid), confirmed_confidential=True)
    assert (
        "## Agreed\n\nAgreed by Ana Cole on 02 March 2026 at 09:30.\n\nComments: Both happy" in text
    )
    assert [(e.event, e.record) for e in read(data)] == [("sign-off", sid)]


async def test_team_records_offer_no_sign_off(tmp_path: Path) -> None:
    from test_app_snapshots import with_session

    data = tmp_path / "data"
    with_session(data, "team-reflection", complete=True)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sign_off_dialog_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    data = tmp_path / "data"
    with_supervision(data)
    assert snap_compare(build_app(data), terminal_size=size, run_before=keys("enter", "ctrl+g"))
