"""Agreed actions: what, who owns it, and when it is due."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from reflect_tui.domain.answers import ActionItem, ActionStatus
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.dates import DATE_HINT, parse_date
from reflect_tui.ui.widgets.rows_editor import EditorRow, RowsEditor


class ActionsEditor(RowsEditor):
    """The value is ``list[ActionItem]``; ids, status and notes of existing actions are kept.

    A due date that is not a real YYYY-MM-DD date stays in its input with a
    message; the action holds no due date until it is fixed.
    """

    DEFAULT_CSS = css_beside(__file__, "actions_editor.tcss")
    ROW_NOUN = "action"

    def blank_item(self) -> ActionItem:
        return ActionItem(what="")

    def is_blank(self, item: Any) -> bool:
        return not (item.what.strip() or item.owner.strip() or item.due or item.note)

    def compose_header(self) -> ComposeResult:
        with HorizontalGroup(classes="row-header"):
            yield Label("What", classes="action-what")
            yield Label("Owner", classes="action-owner")
            yield Label("Due", classes="action-due")

    def compose_row(self, row: EditorRow) -> ComposeResult:
        item: ActionItem = row.item
        with HorizontalGroup(classes="row-line"):
            yield self.row_input("Add an action", item.what, classes="action-what")
            yield self.row_input(
                "owner",
                item.owner,
                classes="action-owner",
                suggester=SuggestFromList(self.people, case_sensitive=False),
            )
            yield self.row_input(
                "YYYY-MM-DD",
                item.due.isoformat() if item.due else "",
                classes="action-due",
            )
            yield self.remove_button()

    def apply_input(self, row: EditorRow, field_input: Input) -> None:
        item: ActionItem = row.item
        text = field_input.value
        if field_input.has_class("action-what"):
            item.what = text
        elif field_input.has_class("action-owner"):
            item.owner = text.strip()
        else:
            item.due = parse_date(text)
            key = f"{row.key}:due"
            if item.due is None and text.strip():
                # Complain once a whole date is typed (or already complained); blur checks too.
                if len(text.strip()) >= len("YYYY-MM-DD") or key in self._problems:
                    self._flag_due(row, text)
            else:
                self.set_problem(key, None)
                field_input.remove_class("-bad")

    def is_unstored(self, row: EditorRow, field_input: Input) -> bool:
        return field_input.has_class("action-due") and parse_date(field_input.value) is None

    def flag_unstored(self, row: EditorRow, field_input: Input) -> None:
        if self.is_unstored(row, field_input) and field_input.value.strip():
            self._flag_due(row, field_input.value)

    def _flag_due(self, row: EditorRow, text: str) -> None:
        what = row.item.what.strip()
        where = f" ({what})" if what else ""
        self.set_problem(
            f"{row.key}:due",
            f'Due date "{text.strip()}"{where} is not a date — {DATE_HINT}. '
            "Your text is kept; no due date is saved until it is fixed.",
        )
        for field_input in row.query(".action-due"):
            field_input.add_class("-bad")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        widget = event.widget
        if isinstance(widget, Input) and widget.has_class("action-due"):
            row = self.row_of(widget)
            if row is not None and widget.value.strip() and parse_date(widget.value) is None:
                self._flag_due(row, widget.value)

    def row_text(self, item: Any) -> Text:
        text = Text(f"• {item.what}")
        details = [d for d in (item.owner, item.due.isoformat() if item.due else "") if d]
        if details:
            text.append(f" — {', '.join(details)}", style="italic")
        if item.status is not ActionStatus.OPEN:
            text.append(f" ({item.status.value})")
        return text
