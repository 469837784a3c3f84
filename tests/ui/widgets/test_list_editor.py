"""The list editor: add items with Enter, edit, reorder, delete, tag with themes."""

from __future__ import annotations

from typing import Any

from host_app import SIZES, HostApp
from samples import LIST, THEMES, sample_value
from textual.widgets import Input

from reflect_tui.domain.answers import ListItem, list_items
from reflect_tui.domain.template import Field, FieldKind
from reflect_tui.ui.widgets.suggest import CommaListSuggester

PLAIN = Field(id="change", kind=FieldKind.LIST, label="What would you change?")


def texts(app: HostApp) -> list[str]:
    return [item.text for item in list_items(app.editor.value)]


async def test_typing_adds_items_and_enter_moves_to_a_new_one() -> None:
    app = HostApp(PLAIN, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Earlier briefing", "enter", *"Shorter", "enter")
        await pilot.pause()
        assert texts(app) == ["Earlier briefing", "Shorter"]
        assert app.changes == ["change"] * len("Earlier briefing" + "Shorter")
        assert isinstance(app.screen.focused, Input) and app.screen.focused.value == ""
        # Enter on the empty new row adds nothing.
        await pilot.press("enter")
        assert texts(app) == ["Earlier briefing", "Shorter"]


async def test_edit_reorder_and_delete_with_keys() -> None:
    app = HostApp(PLAIN, [ListItem("one"), ListItem("two"), ListItem("three")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end", "!")  # focus starts in the first item
        assert texts(app) == ["one!", "two", "three"]
        await pilot.press("ctrl+down", "ctrl+down")
        await pilot.pause()
        assert texts(app) == ["two", "three", "one!"]
        await pilot.press("ctrl+down")  # already last: stays put
        assert texts(app) == ["two", "three", "one!"]
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert texts(app) == ["two", "one!", "three"]
        changes = len(app.changes)
        await pilot.press("ctrl+delete")
        await pilot.pause()
        assert texts(app) == ["two", "three"]
        assert len(app.changes) == changes + 1
        # The cursor lands on the row that took its place.
        assert isinstance(app.screen.focused, Input) and app.screen.focused.value == "three"


async def test_clearing_an_item_drops_it_from_the_value_without_losing_the_others() -> None:
    app = HostApp(PLAIN, [ListItem("one"), ListItem("two")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end", "backspace", "backspace", "backspace")
        assert texts(app) == ["two"]


async def test_clicking_the_cross_removes_a_row() -> None:
    app = HostApp(PLAIN, [ListItem("one"), ListItem("two")])
    async with app.run_test(size=(80, 24)) as pilot:
        crosses = app.editor.query(".row-remove")
        await pilot.click(crosses[1])
        await pilot.pause()
        assert texts(app) == ["one"]


async def test_theme_tags_complete_from_known_themes_and_accept_new_ones() -> None:
    app = HostApp(LIST, [], themes=THEMES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Good handover", "tab", *"wor", "right", *", lone", "right")
        await pilot.press(*", car parking")
        await pilot.pause()
        assert app.editor.value == [
            ListItem("Good handover", ["Workload", "Lone working", "car parking"])
        ]


async def test_theme_column_only_when_the_field_asks_for_themes() -> None:
    app = HostApp(PLAIN, [ListItem("one")], themes=THEMES)
    async with app.run_test(size=(80, 24)):
        assert not app.editor.query(".list-themes")


@SIZES
def test_snapshot_list_with_themes(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HostApp(LIST, sample_value(LIST), themes=THEMES), terminal_size=size)


@SIZES
def test_snapshot_list_room_mode(snap_compare: Any, size: tuple[int, int]) -> None:
    app = HostApp(LIST, sample_value(LIST), themes=THEMES, room_mode=True)
    assert snap_compare(app, terminal_size=size)


async def test_comma_list_suggester_completes_the_last_entry_only() -> None:
    suggester = CommaListSuggester(["Workload", "Wellbeing", "Training"])
    assert await suggester.get_suggestion("w") == "Workload"
    assert await suggester.get_suggestion("Workload, w") == "Workload, Wellbeing"
    assert await suggester.get_suggestion("Workload, ") is None
    assert await suggester.get_suggestion("x") is None
