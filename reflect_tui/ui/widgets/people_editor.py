"""People present (or owed apologies): names with suggestions from those the store knows."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.suggester import SuggestFromList
from textual.widgets import Input

from reflect_tui.domain.answers import Value, people_of
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.rows_editor import EditorRow, RowsEditor


class Name:
    """A mutable holder for one name, so rows can edit it in place."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Name) and other.text == self.text

    __hash__ = None  # type: ignore[assignment]


class PeopleEditor(RowsEditor):
    """The value is ``list[str]`` (trimmed names, in the order given)."""

    DEFAULT_CSS = css_beside(__file__, "people_editor.tcss")
    ROW_NOUN = "name"

    def normalise(self, value: Value) -> Value:
        return list(people_of(value))

    def row_item(self, entry: Any) -> Name:
        return Name(str(entry))

    def blank_item(self) -> Name:
        return Name("")

    def is_blank(self, item: Any) -> bool:
        return not item.text.strip()

    def export(self, item: Any) -> Any:
        return " ".join(item.text.split())

    def compose_row(self, row: EditorRow) -> ComposeResult:
        with HorizontalGroup(classes="row-line"):
            yield self.row_input(
                "Add a name",
                row.item.text,
                classes="person-name",
                suggester=SuggestFromList(self.people, case_sensitive=False),
            )
            yield self.remove_button()

    def apply_input(self, row: EditorRow, field_input: Input) -> None:
        row.item.text = field_input.value

    def after_change(self) -> None:
        names = [name.casefold() for name in people_of(self._value)]
        repeated = sorted({n for n in names if names.count(n) > 1})
        self.set_problem(
            "repeated",
            f"Listed more than once: {', '.join(repeated)} (remove one with ctrl+delete)."
            if repeated
            else None,
        )

    def read_only_text(self) -> Text:
        return Text(", ".join(people_of(self._value)) or self.EMPTY_TEXT)
