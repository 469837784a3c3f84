"""Table columns that fit the terminal: secondary columns shorten, then go, before the main one.

At 80 columns a table of actions used to give the action itself no room at all.
Each column says how wide it would like to be, how narrow it may get and in which
order it may be dropped; the main column (the action, the hazard, the name) gets
what is left and is never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable

#: DataTable pads each cell with one space either side.
CELL_PADDING = 2


@dataclass(frozen=True)
class Column:
    label: str
    width: int  # as wide as it would like to be
    least: int  # as narrow as it may get
    drop: int = 0  # dropped in this order when even the least widths do not fit (1 first); 0 never
    main: bool = False  # takes the room that is left


def fit(columns: Sequence[Column], available: int) -> list[int | None]:
    """The width of each column in ``available`` cells, or None for a dropped one."""
    main = next((n for n, c in enumerate(columns) if c.main), len(columns) - 1)
    kept = list(range(len(columns)))

    def plan(widths: dict[int, int]) -> list[int | None] | None:
        used = sum(widths[n] for n in kept if n != main) + CELL_PADDING * len(kept)
        rest = available - used
        if rest < columns[main].least:
            return None
        out: list[int | None] = [None] * len(columns)
        for n in kept:
            out[n] = rest if n == main else widths[n]
        return out

    natural = {n: c.width for n, c in enumerate(columns)}
    least = {n: c.least for n, c in enumerate(columns)}
    for_drop = sorted((c.drop, n) for n, c in enumerate(columns) if c.drop and n != main)
    while True:
        found = plan(natural)
        if found is not None:
            return found
        found = plan(least)
        if found is not None:
            return _give_back(columns, found, main)
        if not for_drop:
            out: list[int | None] = [None] * len(columns)
            for n in kept:
                out[n] = least[n]
            out[main] = max(
                columns[main].least, available - sum(least[n] for n in kept) + least[main]
            )
            return out
        kept.remove(for_drop.pop(0)[1])


def _give_back(columns: Sequence[Column], widths: list[int | None], main: int) -> list[int | None]:
    """Share the main column's room beyond its natural width with the shortened ones."""
    out = list(widths)
    spare = (out[main] or 0) - columns[main].width
    # The columns dropped last matter most: they get their room back first.
    order = sorted(
        (n for n, w in enumerate(out) if w is not None and n != main),
        key=lambda n: -columns[n].drop if columns[n].drop else -1000,
    )
    for n in order:
        if spare <= 0:
            break
        width = out[n] or 0
        extra = min(spare, columns[n].width - width)
        if extra > 0:
            out[n] = width + extra
            out[main] = (out[main] or 0) - extra
            spare -= extra
    return out


def table_width(table: DataTable[Text | str]) -> int:
    """The cells' room in ``table``: its width less the border, padding and a scrollbar."""
    width = table.size.width or table.app.size.width
    return max(10, width - table.styles.gutter.width - table.styles.scrollbar_size_vertical)


def set_columns(table: DataTable[Text | str], columns: Sequence[Column]) -> list[int]:
    """Replace ``table``'s columns with those that fit; the indices of the ones kept."""
    widths = fit(columns, table_width(table))
    table.clear(columns=True)
    kept: list[int] = []
    for n, (column, width) in enumerate(zip(columns, widths, strict=True)):
        if width is not None:
            table.add_column(column.label, width=width, key=str(n))
            kept.append(n)
    return kept


def cell(value: Text | str) -> Text:
    """A one-line cell that ends in … when it is cut short."""
    text = value.copy() if isinstance(value, Text) else Text(value)
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text
