"""List items (what worked, what to change…), optionally tagged with themes."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Input, Label

from reflect_tui.domain.answers import ListItem
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.rows_editor import EditorRow, RowsEditor
from reflect_tui.ui.widgets.suggest import CommaListSuggester


def parse_themes(text: str, known: list[str]) -> list[str]:
    """Comma-separated tags, trimmed, de-duplicated, spelt as the known theme if one matches."""
    spelling = {theme.casefold(): theme for theme in known}
    tags: list[str] = []
    for part in text.split(","):
        tag = " ".join(part.split())
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(spelling.get(tag.casefold(), tag))
    return tags


class ListEditor(RowsEditor):
    """The value is ``list[ListItem]``; theme tags only when ``field.themes``."""

    DEFAULT_CSS = css_beside(__file__, "list_editor.tcss")
    ROW_NOUN = "item"

    def blank_item(self) -> ListItem:
        return ListItem(text="")

    def is_blank(self, item: Any) -> bool:
        return not item.text.strip() and not item.themes

    def compose_header(self) -> ComposeResult:
        if self.field.themes:
            with HorizontalGroup(classes="row-header list-header"):
                yield Label("", classes="list-bullet")
                yield Label("Item", classes="list-text")
                yield Label("Themes", classes="list-themes")

    def compose_row(self, row: EditorRow) -> ComposeResult:
        item: ListItem = row.item
        with HorizontalGroup(classes="row-line"):
            yield Label("•", classes="list-bullet")
            yield self.row_input("Add an item", item.text, classes="list-text")
            if self.field.themes:
                yield self.row_input(
                    "tags, commas between",
                    ", ".join(item.themes),
                    classes="list-themes",
                    suggester=CommaListSuggester(self.themes),
                )
            yield self.remove_button()

    def apply_input(self, row: EditorRow, field_input: Input) -> None:
        item: ListItem = row.item
        if field_input.has_class("list-themes"):
            item.themes = parse_themes(field_input.value, self.themes)
        else:
            item.text = field_input.value

    def row_text(self, item: Any) -> Text:
        text = Text(f"• {item.text}")
        if self.field.themes and item.themes:
            text.append(f"  [{', '.join(item.themes)}]", style="italic")
        return text
