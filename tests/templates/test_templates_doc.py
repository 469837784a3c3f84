"""docs/templates.md is enough to write a template: its worked example is a valid template,
and it documents every metadata key, field key and field kind the parser accepts."""

from __future__ import annotations

import re
from pathlib import Path

from reflect_tui.domain.template import FieldKind
from reflect_tui.templates import parse_template
from reflect_tui.templates.fields import ALL_KEYS
from reflect_tui.templates.parser import METADATA_KEYS

DOC = Path(__file__).parents[2] / "docs" / "templates.md"


def section(title: str, to_end: bool = False) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = -1 if to_end else text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_the_worked_example_is_a_complete_valid_template() -> None:
    match = re.search(
        r"^````markdown\n(.*?)^````$",
        section("A complete worked example", to_end=True),
        re.M | re.S,
    )
    assert match is not None
    template = parse_template(match.group(1), "docs/templates.md example")
    assert template.id == "caseload-review"
    assert len({f.kind for f in template.all_fields()}) >= 7
    assert any(f.private for f in template.all_fields())
    assert all(step.guidance for step in template.steps)


def test_every_field_kind_is_documented_with_an_example() -> None:
    kinds = section("The field kinds")
    for kind in FieldKind:
        assert f"| `{kind.value}` |" in kinds
        assert f"### {kind.value}\n" in kinds
        assert f"kind: {kind.value}\n" in kinds


def test_every_key_is_documented() -> None:
    metadata = section("The metadata block")
    assert all(f"| `{key}` |" in metadata for key in METADATA_KEYS)
    fields = section("Fields") + section("The field kinds")
    assert all(f"`{key}`" in fields for key in ALL_KEYS)
