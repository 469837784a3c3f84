"""Shared machinery for editors made of rows: list items, actions, risks, people.

There is always one blank row at the end; typing into it makes it a real row
at once (so nothing typed is ever outside ``editor.value``) and a fresh blank
row appears below. Enter moves to the next row, ctrl+up/ctrl+down move a row,
ctrl+delete removes it (or click its ✕).
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup
from textual.widget import Widget
from textual.widgets import Button, Input

from reflect_tui.domain.answers import Value, new_id
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.editor_base import FieldEditor


class EditorRow(VerticalGroup):
    """One row of a rows editor; ``item`` is the domain object it edits in place."""

    def __init__(self, editor: RowsEditor, item: Any) -> None:
        super().__init__(classes="editor-row")
        self.editor = editor
        self.item = item
        self.key = new_id()
        self.set_class(editor.is_blank(item), "-blank")

    def compose(self) -> ComposeResult:
        yield from self.editor.compose_row(self)

    @property
    def inputs(self) -> list[Input]:
        return list(self.query(Input))


class RowsEditor(FieldEditor):
    """A list of rows; subclasses say what a row holds and how it is drawn."""

    DEFAULT_CSS = css_beside(__file__, "rows_editor.tcss")

    # Not in the footer: at 80 columns they pushed out the step keys. F1 lists them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+up", "move(-1)", "Move up", key_display="^↑", id="field.rows.move_up", show=False
        ),
        Binding(
            "ctrl+down",
            "move(1)",
            "Move down",
            key_display="^↓",
            id="field.rows.move_down",
            show=False,
        ),
        Binding(
            "ctrl+delete",
            "remove",
            "Remove row",
            key_display="^del",
            id="field.rows.remove",
            show=False,
        ),
    ]

    #: What one row is called in messages ("item", "action", "hazard", "name").
    ROW_NOUN: ClassVar[str] = "item"

    # --------------------------------------------------------- for subclasses

    def blank_item(self) -> Any:
        raise NotImplementedError

    def is_blank(self, item: Any) -> bool:
        raise NotImplementedError

    def compose_row(self, row: EditorRow) -> ComposeResult:
        raise NotImplementedError

    def apply_input(self, row: EditorRow, field_input: Input) -> None:
        """Copy ``field_input``'s text into ``row.item`` (and flag problems)."""
        raise NotImplementedError

    def is_unstored(self, row: EditorRow, field_input: Input) -> bool:
        """Whether ``field_input`` holds text the row's item cannot hold (a bad date)."""
        return False

    def compose_header(self) -> ComposeResult:
        yield from ()

    def compose_footer(self) -> ComposeResult:
        yield from ()

    def after_change(self) -> None:
        """Hook run after every change to the rows (the value is already up to date)."""

    def row_text(self, item: Any) -> Text:
        """One row, for read-only display."""
        return Text(str(item))

    def export(self, item: Any) -> Any:
        """The value kept for a row (``people`` keeps plain names)."""
        return item

    def row_item(self, entry: Any) -> Any:
        """The row object editing one entry of the value (the inverse of ``export``)."""
        return entry

    # --------------------------------------------------------------- framing

    def normalise(self, value: Value) -> Value:
        return copy.deepcopy(value) if isinstance(value, list) else []

    @property
    def entries(self) -> list[object]:
        """The value's rows (whatever this editor's kind holds)."""
        return list(self._value) if isinstance(self._value, list) else []

    def compose_body(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalGroup(classes="rows"):
            for entry in self.entries:
                yield EditorRow(self, self.row_item(entry))
            yield EditorRow(self, self.blank_item())
        yield from self.compose_footer()

    def read_only_text(self) -> Text:
        if not self._value:
            return Text(self.EMPTY_TEXT)
        return Text("\n").join(self.row_text(entry) for entry in self.entries)

    def row_input(self, placeholder: str, value: str, *, classes: str, **kwargs: Any) -> Input:
        """A compact input for one column of a row."""
        return self.quiet(
            # No select-all on focus: a key typed after Tab adds to the text, never replaces it.
            Input(
                value,
                placeholder=placeholder,
                compact=True,
                classes=classes,
                select_on_focus=False,
                **kwargs,
            )
        )

    def remove_button(self) -> Button:
        button = Button("✕", compact=True, classes="row-remove", tooltip="Remove this row")
        button.can_focus = False
        return button

    # ------------------------------------------------------- text not stored yet

    def pending_text(self) -> dict[str, str]:
        pending: dict[str, str] = {}
        for position, row in enumerate(self.rows):
            for column, field_input in enumerate(row.inputs):
                if field_input.value.strip() and self.is_unstored(row, field_input):
                    pending[f"{position}:{column}"] = field_input.value
        return pending

    def restore_pending(self, texts: dict[str, str]) -> None:
        rows = self.rows
        for key, text in texts.items():
            position, _, column = key.partition(":")
            if not (position.isdigit() and column.isdigit()) or int(position) >= len(rows):
                continue
            row = rows[int(position)]
            inputs = row.inputs
            if int(column) < len(inputs):
                field_input = inputs[int(column)]
                field_input.value = text
                self.apply_input(row, field_input)
                self.flag_unstored(row, field_input)

    def flag_unstored(self, row: EditorRow, field_input: Input) -> None:
        """Show the message for restored text at once (subclasses that complain late)."""

    # ------------------------------------------------------------------ rows

    @property
    def rows(self) -> list[EditorRow]:
        return [row for row in self.query_one(".rows").children if isinstance(row, EditorRow)]

    def row_of(self, widget: Widget | None) -> EditorRow | None:
        node = widget
        while node is not None and node is not self:
            if isinstance(node, EditorRow):
                return node
            node = node.parent if isinstance(node.parent, Widget) else None
        return None

    def _focused_row(self) -> EditorRow | None:
        return self.row_of(self.screen.focused)

    def _sync(self) -> None:
        """Rebuild the value from the rows on screen and tell the runner."""
        self._value = [self.export(row.item) for row in self.rows if not self.is_blank(row.item)]
        self.changed()

    def _ensure_blank_row(self) -> None:
        rows = self.rows
        if not rows or not self.is_blank(rows[-1].item):
            self.query_one(".rows").mount(EditorRow(self, self.blank_item()))

    def on_input_changed(self, event: Input.Changed) -> None:
        row = self.row_of(event.input)
        if row is None:
            return
        event.stop()
        before = copy.deepcopy(row.item)
        self.apply_input(row, event.input)
        if row.item == before:
            return  # e.g. the Changed an input posts for the text it started with
        row.set_class(self.is_blank(row.item), "-blank")
        self._ensure_blank_row()
        self._sync()
        self.after_change()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        row = self.row_of(event.input)
        if row is None:
            return
        event.stop()
        rows = self.rows
        index = rows.index(row)
        if index + 1 < len(rows):
            rows[index + 1].inputs[0].focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        row = self.row_of(event.button)
        if row is not None and event.button.has_class("row-remove"):
            event.stop()
            self._remove(row, refocus=False)

    def action_move(self, delta: int) -> None:
        row = self._focused_row()
        if row is None or self.is_blank(row.item):
            return
        rows = [r for r in self.rows if not self.is_blank(r.item) or r is row]
        index = rows.index(row)
        target = index + delta
        if not 0 <= target < len(rows):
            return
        container = self.query_one(".rows")
        if delta < 0:
            container.move_child(row, before=rows[target])
        else:
            container.move_child(row, after=rows[target])
        self._sync()
        self.after_change()
        self.call_after_refresh(self._reveal_row, row)

    def _reveal_row(self, row: EditorRow) -> None:
        row.scroll_visible(animate=False)

    def action_remove(self) -> None:
        row = self._focused_row()
        if row is not None:
            self._remove(row, refocus=True)

    def _remove(self, row: EditorRow, *, refocus: bool) -> None:
        rows = self.rows
        index = rows.index(row)
        column = 0
        focused = self.screen.focused
        if isinstance(focused, Input) and focused in row.inputs:
            column = row.inputs.index(focused)
        for key in [k for k in self._problems if k.startswith(row.key)]:
            self.set_problem(key, None)
        rest = rows[:index] + rows[index + 1 :]
        row.remove()
        if not rest or not self.is_blank(rest[-1].item):
            blank = EditorRow(self, self.blank_item())
            self.query_one(".rows").mount(blank)
            rest.append(blank)
        if refocus:
            neighbour = rest[min(index, len(rest) - 1)]
            self.call_after_refresh(self._focus_column, neighbour, column)
        self._value = [self.export(r.item) for r in rest if not self.is_blank(r.item)]
        self.changed()
        self.after_change()

    def _focus_column(self, row: EditorRow, column: int) -> None:
        inputs = row.inputs
        if inputs:
            inputs[min(column, len(inputs) - 1)].focus()
