"""The text editor: a facilitator types what was said; every keystroke is reported."""

from __future__ import annotations

from typing import Any

from host_app import SIZES, HostApp
from textual.app import App, ComposeResult
from textual.widgets import Button, TextArea

from reflect_tui.domain.template import Field, FieldKind
from reflect_tui.ui.widgets.fields import editor_for

FIELD = Field(id="what", kind=FieldKind.TEXT, label="What happened?", help="In your own words.")
PRIVATE = Field(id="feel", kind=FieldKind.TEXT, label="How did it feel?", private=True)


async def test_typing_updates_value_and_posts_changed_per_key() -> None:
    app = HostApp(FIELD, "")
    async with app.run_test() as pilot:
        await pilot.press(*"Calm", "enter", *"ok")
        await pilot.pause()
        assert app.editor.value == "Calm\nok"
        assert app.changes == ["what"] * 7


async def test_existing_text_is_kept_and_edited() -> None:
    app = HostApp(FIELD, "Draft")
    async with app.run_test() as pilot:
        area = app.query_one(TextArea)
        area.move_cursor(area.document.end)
        await pilot.press("backspace", "!")
        await pilot.pause()
        assert app.editor.value == "Draf!"


async def test_read_only_shows_text_without_inputs() -> None:
    app = HostApp(FIELD, "We kept to time.", read_only=True)
    async with app.run_test():
        assert not app.query(TextArea)
        assert "We kept to time." in str(app.query_one(".field-read-only").render())


async def test_private_field_is_marked_and_hidden_in_room_mode() -> None:
    app = HostApp(PRIVATE, "tired", room_mode=True)
    async with app.run_test():
        assert "private — never exported" in str(app.query_one(".field-label").render())
        assert not app.query_one(".field-body").display
        assert app.query_one(".room-private-note").display


@SIZES
def test_snapshot_text(snap_compare: Any, size: tuple[int, int]) -> None:
    app = HostApp(FIELD, "The visit went ahead.\nWe agreed a check-in time.")
    assert snap_compare(app, terminal_size=size)


@SIZES
def test_snapshot_text_private_room_mode(snap_compare: Any, size: tuple[int, int]) -> None:
    app = HostApp(PRIVATE, "tired", room_mode=True)
    assert snap_compare(app, terminal_size=size)


async def test_room_mode_takes_the_cursor_out_of_a_private_field() -> None:
    app = HostApp(PRIVATE, "tired")
    async with app.run_test() as pilot:
        assert app.screen.focused is app.editor.query_one(TextArea)
        app.editor.set_room_mode(True)
        await pilot.press(*"xyz")
        assert app.editor.value == "tired"
        assert app.screen.focused is None


class EarlyFocusApp(App[None]):
    """A host that asks for the cursor while building the editor, before it is mounted."""

    def compose(self) -> ComposeResult:
        editor = editor_for(FIELD, "")
        editor.focus_first()
        yield Button("elsewhere")
        yield editor


async def test_focus_first_before_mount_takes_effect_once_mounted() -> None:
    app = EarlyFocusApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen.focused, TextArea)
