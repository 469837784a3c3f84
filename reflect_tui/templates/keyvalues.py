"""The small ``key: value`` language used in the metadata block and in field blocks.

Deliberately not YAML (no YAML library at run time, and far fewer ways to go
wrong): one ``key: value`` per line starting in the first column, list values
as ``- item`` lines under a key with nothing after its colon, indented lines
continuing the value above, ``#`` comments. Each value remembers its line so
later checks can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reflect_tui.templates.problems import Problem

_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:(.*)$")
_LIST_LINE = re.compile(r"^\s*[-*](?:\s+(.*)|\s*)$")
# A comment starts at a "#" that begins the value or follows a space, and is
# followed by a space or the end of the line ("Session #3" keeps its "#3").
_COMMENT = re.compile(r"(?:^|\s)#(?:\s.*)?$")


@dataclass
class Item:
    line: int
    text: str


@dataclass
class Entry:
    """One key with either a scalar ``value`` or a list of ``items``."""

    key: str
    line: int
    value: str = ""
    items: list[Item] = field(default_factory=list)

    @property
    def is_list(self) -> bool:
        return bool(self.items)


def clean_value(raw: str) -> tuple[str, str | None]:
    """``(value, error)``: strip a trailing comment and one pair of surrounding quotes."""
    text = raw.strip()
    if text[:1] in ('"', "'"):
        quote = text[0]
        end = text.find(quote, 1)
        if end < 0:
            return text, f"the quote {quote} is never closed (add a closing {quote})"
        rest = text[end + 1 :].strip()
        if rest and not rest.startswith("#"):
            return text, f"unexpected text after the closing quote: {rest!r} (remove it)"
        return text[1:end], None
    match = _COMMENT.search(text)
    if match:
        text = text[: match.start()]
    return text.strip(), None


def parse_block(
    lines: list[tuple[int, str]], source: str, what: str
) -> tuple[list[Entry], list[Problem]]:
    """Parse numbered lines into entries; ``what`` names the block in messages."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    current: Entry | None = None
    continuing = False  # the last line was a scalar value that may wrap

    for number, line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continuing = False if not stripped else continuing
            continue
        list_match = _LIST_LINE.match(line)
        if list_match and (line[:1].isspace() or line.startswith(("-", "*"))):
            if current is None or (current.value and not current.items):
                problems.append(
                    Problem(
                        source,
                        number,
                        f"a list item in the {what} must come under a key with nothing after "
                        f"its colon, such as 'options:' (move it under the key it belongs to)",
                    )
                )
                continue
            text, error = clean_value(list_match.group(1) or "")
            if error:
                problems.append(Problem(source, number, error))
            elif not text:
                problems.append(
                    Problem(source, number, "empty list item (write the item after the '- ')")
                )
            else:
                current.items.append(Item(number, text))
            continuing = False
            continue
        if line[:1].isspace():
            if current is not None and continuing:
                text, error = clean_value(stripped)
                if error:
                    problems.append(Problem(source, number, error))
                current.value = f"{current.value} {text}".strip()
                continue
            problems.append(
                Problem(
                    source,
                    number,
                    f"unexpected indented line in the {what} (start keys in the first column; "
                    f"list items start with '- ')",
                )
            )
            continue
        key_match = _KEY_LINE.match(line)
        if not key_match:
            problems.append(
                Problem(
                    source,
                    number,
                    f"expected 'key: value' in the {what}, found {_shorten(stripped)!r} "
                    f"(write one key per line, such as 'label: What happened?')",
                )
            )
            current = None
            continuing = False
            continue
        key = key_match.group(1).lower()
        value, error = clean_value(key_match.group(2))
        if error:
            problems.append(Problem(source, number, error))
        if key in seen:
            problems.append(
                Problem(
                    source,
                    number,
                    f"'{key}' is given twice in the {what} (first on line {seen[key]}; "
                    f"keep only one)",
                )
            )
            current = Entry(key, number, value)  # collect its items, then drop it
            continuing = bool(value)
            continue
        seen[key] = number
        current = Entry(key, number, value)
        entries.append(current)
        continuing = bool(value)
    return entries, problems


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
