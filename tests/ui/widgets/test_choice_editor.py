"""The choice editor: one of the field's options."""

from __future__ import annotations

from typing import Any

import pytest
from host_app import SIZES, HostApp
from samples import CHOICE, sample_value
from textual.widgets import RadioButton

from reflect_tui.domain.template import Field, FieldKind


async def test_arrows_and_enter_pick_an_option() -> None:
    app = HostApp(CHOICE, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert app.editor.value == CHOICE.options[0]
        await pilot.press("down", "down", "enter")
        assert app.editor.value == CHOICE.options[2]
        assert app.changes == ["decision", "decision"]


async def test_clicking_an_option_picks_it() -> None:
    app = HostApp(CHOICE, CHOICE.options[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click(app.editor.query(RadioButton)[1])
        assert app.editor.value == CHOICE.options[1]


async def test_a_stored_answer_that_is_no_longer_an_option_is_kept() -> None:
    app = HostApp(CHOICE, "Postpone")
    async with app.run_test(size=(80, 24)):
        assert app.editor.value == "Postpone"
        assert [str(b.label) for b in app.editor.query(RadioButton)][-1] == "Postpone"


@SIZES
def test_snapshot_choice(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HostApp(CHOICE, sample_value(CHOICE)), terminal_size=size)


@pytest.mark.parametrize("width", range(50, 58))
async def test_a_long_option_wraps_instead_of_being_cut_short(width: int) -> None:
    long = "Meet at an office or other safer place instead of the home visit"
    edge = "Meet at an office or other safer place instead"
    field = Field(id="where", kind=FieldKind.CHOICE, label="Where?", options=(long, edge))
    app = HostApp(field, None)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        assert app.editor.query(RadioButton)[0].region.height >= 2
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "home visit" in shown and "…" not in shown
