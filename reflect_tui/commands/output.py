"""How every command prints what it lists: aligned tables, JSON and CSV.

One place for all three, so that what reaches a terminal, a script or a
spreadsheet is shaped (and, where needed, cleaned) the same way everywhere.

- Tables measure each cell by its width on screen (Rich's ``cell_len``), so a
  name in Chinese, Japanese or Korean (two cells per character) keeps the
  columns after it aligned. The last column is never padded.
- JSON: UTF-8, indented by two, keys in the order documented in docs/cli.md.
- CSV: UTF-8 with a byte-order mark (Excel opens it as UTF-8 only with one),
  CRLF line ends (RFC 4180), every row the same length. A text cell that a
  spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) is prefixed with ``'`` so it shows as
  typed; a cell that is just a number (``-3``) is left as it is.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich.cells import cell_len

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")

Row = Sequence[str]


def display(text: str) -> str:
    """Text as it may be shown in a terminal table (the single hook for cleaning it)."""
    return text


def width(text: str) -> int:
    """Cells ``text`` takes on a terminal (a CJK character takes two)."""
    return cell_len(text)


def pad(text: str, size: int) -> str:
    return text + " " * max(size - width(text), 0)


def table_lines(header: Row, rows: Iterable[Row]) -> list[str]:
    """Aligned lines: every column but the last padded to its widest cell, two spaces apart."""
    shown = [[display(c) for c in row] for row in [header, *rows]]
    columns = len(header)
    widths = [max(width(row[i]) for row in shown) for i in range(columns - 1)]
    lines = []
    for row in shown:
        cells = [pad(cell, size) for cell, size in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[columns - 1]]).rstrip())
    return lines


def print_table(header: Row, rows: Iterable[Row], stream: TextIO | None = None) -> None:
    out = stream or sys.stdout
    for line in table_lines(header, rows):
        print(line, file=out)


def print_json(data: object, stream: TextIO | None = None) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False), file=stream or sys.stdout)


def csv_cell(value: object) -> str:
    """One cell made safe for a spreadsheet (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(header: Row, rows: Iterable[Sequence[object]]) -> str:
    """The whole CSV document, BOM first."""
    lines: list[str] = []

    class _Sink:
        def write(self, line: str) -> int:
            lines.append(line)
            return len(line)

    writer = csv.writer(_Sink(), lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(c) for c in row])
    return BOM + "".join(lines)


def write_csv(header: Row, rows: Iterable[Sequence[object]], stream: TextIO | None = None) -> None:
    """Write CSV to ``stream`` (stdout by default) as UTF-8, whatever the terminal's locale."""
    out = stream or sys.stdout
    if out is sys.stdout:
        reconfigure = getattr(out, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    out.write(csv_text(header, rows))
    out.flush()


def add_format_option(
    parser: argparse.ArgumentParser, *, csv_too: bool = True, inherit: bool = False
) -> None:
    """``--format table|json|csv`` on a listing's parser (beside its ``--json``).

    ``inherit``: a sub-parser that keeps what its parent parser already read.
    """
    choices = ("table", "json", "csv") if csv_too else ("table", "json")
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=choices,
        default=argparse.SUPPRESS if inherit else None,
        help="table (default), json"
        + (", or csv (UTF-8 with BOM, for spreadsheets)" if csv_too else ""),
    )


def output_format(args: argparse.Namespace) -> str:
    """``table``, ``json`` or ``csv`` from ``--format`` and ``--json`` (``--json`` wins)."""
    if getattr(args, "json", False):
        return "json"
    return str(getattr(args, "output_format", None) or "table")
