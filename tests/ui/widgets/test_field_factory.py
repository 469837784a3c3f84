"""The factory and what every editor shares: contract, read-only mode, 80 columns, bindings."""

from __future__ import annotations

import pytest
from host_app import HostApp
from samples import ACTIONS, ALL_FIELDS, LIST, PEOPLE, RISKS, THEMES, sample_value
from textual.binding import Binding
from textual.widgets import Input, Label, RadioSet, TextArea

from reflect_tui.domain.answers import empty_value, list_items
from reflect_tui.domain.template import Field, FieldKind
from reflect_tui.ui.widgets.fields import EDITORS, FieldEditor, editor_for


def test_every_field_kind_has_an_editor() -> None:
    assert set(EDITORS) == set(FieldKind)
    for field in ALL_FIELDS:
        editor = editor_for(field, sample_value(field), people=PEOPLE, themes=THEMES)
        assert isinstance(editor, FieldEditor)
        assert editor.field is field


@pytest.mark.parametrize("field", ALL_FIELDS, ids=lambda f: f.kind.value)
async def test_editor_starts_with_the_value_it_was_given(field: Field) -> None:
    value = sample_value(field)
    app = HostApp(field, value, people=PEOPLE, themes=THEMES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.editor.value == value
        assert app.changes == []


@pytest.mark.parametrize("field", ALL_FIELDS, ids=lambda f: f.kind.value)
async def test_empty_value_opens_without_error(field: Field) -> None:
    app = HostApp(field, empty_value(field.kind, field.options))
    async with app.run_test(size=(80, 24)):
        assert app.editor.value == empty_value(field.kind, field.options)
        assert app.screen.focused is not None
        assert app.editor in app.screen.focused.ancestors


@pytest.mark.parametrize("field", ALL_FIELDS, ids=lambda f: f.kind.value)
async def test_read_only_shows_the_answer_without_inputs(field: Field) -> None:
    value = sample_value(field)
    app = HostApp(field, value, read_only=True)
    async with app.run_test(size=(80, 24)):
        assert not app.editor.query("Input, TextArea, RadioSet, OptionStrip")
        shown = str(app.editor.query_one(".field-read-only").render())
        assert shown.strip() and "(no answer)" not in shown
        assert app.editor.value == value


@pytest.mark.parametrize("width", [80, 54], ids=["80-columns", "runner-pane-54"])
@pytest.mark.parametrize("field", ALL_FIELDS, ids=lambda f: f.kind.value)
async def test_fits_without_clipping(field: Field, width: int) -> None:
    """At 80 columns, and in the narrower pane the session runner gives fields beside its steps."""
    app = HostApp(field, sample_value(field), people=PEOPLE, themes=THEMES)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        right = app.editor.region.right
        for widget in app.editor.query("*"):
            if widget.display and widget.region.width:
                assert widget.region.right <= right, f"{widget!r} is clipped at {width} columns"
                if isinstance(widget, Label):
                    box = widget.content_region
                    needed = widget.get_content_height(box.size, box.size, box.width)
                    assert box.height >= needed, f"{widget.render()!r} is cut short"
        for widget in app.editor.query("Input, TextArea, RadioSet, OptionStrip"):
            if not all(node.display for node in widget.ancestors_with_self):
                continue
            assert widget.region.width >= 4, f"{widget!r} is squeezed to nothing"


@pytest.mark.parametrize("field", ALL_FIELDS, ids=lambda f: f.kind.value)
async def test_every_binding_has_an_id_and_a_description(field: Field) -> None:
    app = HostApp(field, sample_value(field))
    async with app.run_test(size=(80, 24)):
        own = [app.editor, *app.editor.query("*")]
        for widget in own:
            for cls in type(widget).__mro__:
                if not cls.__module__.startswith("reflect_tui"):
                    continue  # Textual's own widgets keep their own bindings
                for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                    assert binding.id, f"{cls.__name__} binding {binding.key} has no id"
                    assert binding.description, f"{binding.id} has no description"


async def test_focus_first_puts_the_cursor_in_the_first_input() -> None:
    app = HostApp(ALL_FIELDS[2], sample_value(ALL_FIELDS[2]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_focus(None)
        app.editor.focus_first()
        await pilot.pause()
        assert isinstance(app.screen.focused, Input)
        assert app.screen.focused.value == "Share the visit plan template"


@pytest.mark.parametrize("kind", [FieldKind.TEXT, FieldKind.CHOICE], ids=str)
async def test_room_mode_hides_help_but_keeps_the_answer(kind: FieldKind) -> None:
    field = next(f for f in ALL_FIELDS if f.kind is kind)
    field = Field(**{**field.__dict__, "help": "Some guidance"})
    app = HostApp(field, sample_value(field), room_mode=True)
    async with app.run_test(size=(80, 24)):
        assert not app.editor.query_one(".field-help").display
        assert app.editor.query_one(TextArea if kind is FieldKind.TEXT else RadioSet).display
        app.editor.set_room_mode(False)
        assert app.editor.query_one(".field-help").display


async def test_focus_first_moves_focus_at_once_and_says_whether_it_could() -> None:
    app = HostApp(ALL_FIELDS[0], "", read_only=True)
    async with app.run_test(size=(80, 24)):
        assert app.editor.focus_first() is False
    app = HostApp(ALL_FIELDS[2], sample_value(ALL_FIELDS[2]))
    async with app.run_test(size=(80, 24)):
        app.set_focus(None)
        assert app.editor.focus_first() is True
        assert isinstance(app.screen.focused, Input)


@pytest.mark.parametrize("room", [False, True], ids=["normal", "room"])
@pytest.mark.parametrize("width", [54, 80, 160])
@pytest.mark.parametrize("field", [LIST, ACTIONS, RISKS], ids=lambda f: f.kind.value)
async def test_column_headings_sit_over_their_columns(field: Field, width: int, room: bool) -> None:
    app = HostApp(field, sample_value(field), themes=THEMES, room_mode=room)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        headings = [
            label
            for label in app.editor.query(".row-header Label")
            if all(node.display for node in label.ancestors_with_self)
        ]
        if not headings:  # room mode drops the list's headings with its theme column
            return
        cells = app.editor.query(".row-line").first().children
        assert [h.region.x for h in headings] == [c.region.x for c in cells[: len(headings)]]


async def test_value_handed_out_does_not_change_under_the_runner() -> None:
    app = HostApp(LIST, sample_value(LIST), themes=THEMES)
    async with app.run_test(size=(80, 24)) as pilot:
        before = app.editor.value
        await pilot.press("end", *" today")
        assert before == sample_value(LIST)
        assert list_items(app.editor.value)[0].text.endswith(" today")
