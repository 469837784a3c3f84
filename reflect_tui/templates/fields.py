"""One ```field block -> a domain ``Field``, with every problem tied to its line."""

from __future__ import annotations

import re

from reflect_tui.domain.template import Field, FieldKind, Scale
from reflect_tui.templates.keyvalues import Entry, parse_block
from reflect_tui.templates.values import Checker, suggestion

COMMON_KEYS = ("id", "kind", "label", "help", "private", "required")
# Keys that only make sense for one kind of field.
KIND_KEYS: dict[str, FieldKind] = {
    "themes": FieldKind.LIST,
    "options": FieldKind.CHOICE,
    "items": FieldKind.CHECKLIST,
    "min": FieldKind.RATING,
    "max": FieldKind.RATING,
    "labels": FieldKind.RATING,
}
ALL_KEYS = COMMON_KEYS + tuple(KIND_KEYS)

# Ratings are picked from the keyboard one point at a time; keep scales short.
MAX_SCALE_POINTS = 21
_LABEL = re.compile(r"^(-?\d+)\s*:\s*(.*)$")


def parse_field(
    lines: list[tuple[int, str]], opening_line: int, check: Checker
) -> tuple[Field | None, str | None, int]:
    """Build a Field from the numbered content lines of one field block.

    Returns the field (None when it cannot be built; problems go to ``check``),
    its id if readable, and the line of the id, so duplicate ids are caught even
    in fields with other faults.
    """
    entries, problems = parse_block(lines, check.source, "field block")
    check.problems.extend(problems)
    by_key: dict[str, Entry] = {}
    for entry in entries:
        if entry.key not in ALL_KEYS:
            check.add(
                entry.line,
                f"unknown key '{entry.key}' in a field block{suggestion(entry.key, ALL_KEYS)} "
                f"(known keys: {', '.join(ALL_KEYS)})",
            )
            continue
        by_key[entry.key] = entry

    ok = True
    for key in ("id", "kind", "label"):
        if key not in by_key:
            check.add(
                opening_line,
                f"this field block has no '{key}' (add a line '{key}: ...'; "
                f"every field needs id, kind and label)",
            )
            ok = False
    field_id = check.ident(by_key["id"], "field") if "id" in by_key else None
    id_line = by_key["id"].line if "id" in by_key else opening_line
    kind = check.choice(by_key["kind"], FieldKind, "field kind") if "kind" in by_key else None
    label = check.scalar(by_key["label"], "label") if "label" in by_key else None
    if "label" in by_key and label == "":
        check.add(by_key["label"].line, "the label is empty (write the question to show)")
        ok = False
    help_text = check.scalar(by_key["help"], "help") if "help" in by_key else ""
    private = check.flag(by_key["private"]) if "private" in by_key else False
    required = check.flag(by_key["required"]) if "required" in by_key else False

    if kind is not None:
        for key, owner in KIND_KEYS.items():
            if key in by_key and owner is not kind:
                check.add(
                    by_key[key].line,
                    f"'{key}' only applies to {owner.value} fields, not {kind.value} "
                    f"(remove the line, or change the kind)",
                )
                ok = False

    options: tuple[str, ...] = ()
    scale: Scale | None = None
    themes: bool | None = False
    if kind is FieldKind.CHOICE:
        options = _list_of(by_key.get("options"), "options", 2, opening_line, check)
    elif kind is FieldKind.CHECKLIST:
        options = _list_of(by_key.get("items"), "items", 1, opening_line, check)
    elif kind is FieldKind.RATING:
        scale = _scale(by_key, check)
    elif kind is FieldKind.LIST and "themes" in by_key:
        themes = check.flag(by_key["themes"])

    if kind is FieldKind.CHOICE and len(options) < 2:
        ok = False
    if kind is FieldKind.CHECKLIST and not options:
        ok = False
    if kind is FieldKind.RATING and scale is None:
        ok = False
    if (
        not ok
        or field_id is None
        or kind is None
        or not label
        or help_text is None
        or private is None
        or required is None
        or themes is None
    ):
        return None, field_id, id_line
    built = Field(
        id=field_id,
        kind=kind,
        label=label,
        help=help_text,
        private=private,
        required=required,
        options=options,
        scale=scale,
        themes=themes,
    )
    return built, field_id, id_line


def _list_of(
    entry: Entry | None, key: str, minimum: int, opening_line: int, check: Checker
) -> tuple[str, ...]:
    """The ``- item`` lines under ``key``, checked for count and repeats."""
    noun = "option" if key == "options" else "item"
    if entry is None or (not entry.items and not entry.value):
        check.add(
            entry.line if entry else opening_line,
            f"this field needs at least {minimum} {noun}{'s' if minimum > 1 else ''} "
            f"(add '{key}:' and then one '  - {noun}' line each)",
        )
        return ()
    if entry.value and not entry.items:
        check.add(
            entry.line,
            f"'{key}' is a list (write '{key}:' alone, then one '  - {noun}' line for each)",
        )
        return ()
    seen: dict[str, int] = {}
    values: list[str] = []
    for item in entry.items:
        folded = item.text.casefold()
        if folded in seen:
            check.add(
                item.line,
                f"{noun} {item.text!r} is listed twice (first on line {seen[folded]}; remove one)",
            )
            continue
        seen[folded] = item.line
        values.append(item.text)
    if len(values) < minimum:
        check.add(
            entry.line,
            f"this field needs at least {minimum} different {noun}s (add more '  - {noun}' lines)",
        )
    return tuple(values)


def _scale(by_key: dict[str, Entry], check: Checker) -> Scale | None:
    default = Scale()
    minimum = check.whole_number(by_key["min"]) if "min" in by_key else default.minimum
    maximum = check.whole_number(by_key["max"]) if "max" in by_key else default.maximum
    if minimum is None or maximum is None:
        return None
    line = by_key["max"].line if "max" in by_key else by_key.get("min", Entry("", 1)).line
    if minimum >= maximum:
        check.add(
            line,
            f"the scale runs from min {minimum} to max {maximum}; min must be below max "
            f"(swap them, or set max above {minimum})",
        )
        return None
    if maximum - minimum + 1 > MAX_SCALE_POINTS:
        check.add(
            line,
            f"the scale from {minimum} to {maximum} has {maximum - minimum + 1} points; "
            f"at most {MAX_SCALE_POINTS} are allowed (use a shorter scale such as 1 to 10)",
        )
        return None
    labels: list[tuple[int, str]] = []
    entry = by_key.get("labels")
    if entry is not None:
        if entry.value and not entry.items:
            check.add(
                entry.line,
                "'labels' is a list (write 'labels:' alone, then lines such as '  - 1: Low')",
            )
            return None
        seen: set[int] = set()
        for item in entry.items:
            match = _LABEL.match(item.text)
            if not match or not match.group(2).strip():
                check.add(
                    item.line,
                    f"a label must be a point and words, such as '- 1: Running on empty', "
                    f"not {item.text!r} (write 'NUMBER: words')",
                )
                return None
            point = int(match.group(1))
            if not minimum <= point <= maximum:
                check.add(
                    item.line,
                    f"label point {point} is outside the scale {minimum} to {maximum} "
                    f"(use a point within it)",
                )
                return None
            if point in seen:
                check.add(item.line, f"point {point} has two labels (keep one)")
                return None
            seen.add(point)
            labels.append((point, match.group(2).strip()))
    return Scale(minimum=minimum, maximum=maximum, labels=tuple(sorted(labels)))
