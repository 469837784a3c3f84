"""The people editor: names with suggestions, added with Enter, removed with ctrl+delete."""

from __future__ import annotations

from typing import Any

from host_app import SIZES, HostApp
from samples import PEOPLE, PEOPLE_FIELD, sample_value


async def test_names_are_suggested_added_and_removed() -> None:
    app = HostApp(PEOPLE_FIELD, [], people=PEOPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"sa", "right", "enter", *"JB", "enter", *"pri", "right")
        await pilot.pause()
        assert app.editor.value == ["Sam Okafor", "JB", "Priya Shah"]
        assert set(app.changes) == {"present"}
        await pilot.press("up")  # no effect: rows are moved with ctrl+up
        await pilot.press("shift+tab", "ctrl+delete")
        await pilot.pause()
        assert app.editor.value == ["Sam Okafor", "Priya Shah"]


async def test_a_name_listed_twice_is_pointed_out() -> None:
    app = HostApp(PEOPLE_FIELD, ["Sam Okafor"], people=PEOPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", *"sam okafor")
        assert app.editor.value == ["Sam Okafor", "sam okafor"]
        [problem] = app.editor.problems
        assert "more than once" in problem
        await pilot.press("ctrl+delete")
        await pilot.pause()
        assert app.editor.value == ["Sam Okafor"]
        assert app.editor.problems == []


@SIZES
def test_snapshot_people(snap_compare: Any, size: tuple[int, int]) -> None:
    app = HostApp(PEOPLE_FIELD, sample_value(PEOPLE_FIELD), people=PEOPLE)
    assert snap_compare(app, terminal_size=size)
