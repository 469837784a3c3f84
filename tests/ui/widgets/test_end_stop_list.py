"""Home's session list: its rows are measured once per width, and again when it changes.

The list keeps its measured rows when only its height changes (a start-up cost at
100+ sessions); a person widening the terminal still sees each row redrawn to the
new width at once, and a narrower one cuts them again.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from reflect_tui.ui.widgets.end_stop_list import EndStopOptionList

LONG = "2026-03-02  ✓ complete   Tuesday team reflection on the late visit  Team · North"


class ListApp(App[None]):
    CSS = """
    EndStopOptionList { text-wrap: nowrap; text-overflow: ellipsis; height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        rows = EndStopOptionList(id="rows")
        rows.add_options(
            [Text(f"{LONG} {n}", no_wrap=True, overflow="ellipsis") for n in range(60)]
        )
        yield rows


def first_row(app: ListApp) -> str:
    return app.query_one(EndStopOptionList).render_line(0).text.rstrip()


async def test_rows_follow_the_width_and_survive_a_height_change() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        narrow = first_row(app)
        assert narrow.endswith("…") and len(narrow) <= 40
        await pilot.resize_terminal(40, 20)  # taller only: the same rows, still whole
        await pilot.pause()
        assert first_row(app) == narrow
        rows = app.query_one(EndStopOptionList)
        assert rows.virtual_size.height == 60
        await pilot.resize_terminal(120, 20)  # wider: the whole title shows
        await pilot.pause()
        assert f"{LONG} 0" in first_row(app)
        assert "…" not in first_row(app)
        await pilot.resize_terminal(40, 12)  # and narrower again cuts it as before
        await pilot.pause()
        assert first_row(app) == narrow


async def test_the_cursor_still_stops_at_the_ends() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 12)) as pilot:
        rows = app.query_one(EndStopOptionList)
        rows.focus()
        rows.highlighted = 0
        await pilot.press("up")
        assert rows.highlighted == 0
        await pilot.press("end", "down")
        assert rows.highlighted == 59
