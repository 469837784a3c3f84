"""Whatever text a person feeds it, the parser returns a Template or raises TemplateError
whose problems each carry a real line number of that text; nothing else ever escapes."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from template_files import SESSIONS

from reflect_tui.domain.template import Template
from reflect_tui.templates import TemplateError, parse_template
from reflect_tui.templates.decoding import decode_template_bytes

BUILT_IN_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SESSIONS.glob("*.md"))]

# Fragments that touch every part of the grammar, so mutations hit interesting cases.
JUNK = [
    "---",
    "```",
    "```field",
    "~~~field",
    "## ",
    "## Step {#x timebox=0}",
    "## {#}",
    "# Title",
    "id: x",
    "id:",
    "kind: rating",
    "kind: choice",
    "kind: nonsense",
    "min: 9",
    "max: -1",
    "labels:",
    "  - 5: five",
    "  - oops",
    "options:",
    "items:",
    "- ",
    "  continued",
    "private: perhaps",
    "title: 'unclosed",
    "> ```field",
    "- ```field",
    "\t",
    "\x00",
    "\u2028",
    "\r",
    "    indented code",
]

# A few seconds in the normal suite; set REFLECT_FUZZ_EXAMPLES=5000 for a longer hunt.
SETTINGS = settings(
    max_examples=int(os.environ.get("REFLECT_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def check(text: str) -> None:
    line_count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    try:
        template = parse_template(text, "fuzz.md")
    except TemplateError as err:
        assert err.problems, "a TemplateError always lists its problems"
        for problem in err.problems:
            assert problem.file == "fuzz.md"
            assert 1 <= problem.line <= line_count, (problem, line_count)
            assert str(problem).startswith(f"fuzz.md:{problem.line}: ")
    else:
        assert isinstance(template, Template) and template.steps
        assert all(step.fields for step in template.steps)
        assert Template.from_dict(template.to_dict()) == template


@st.composite
def mutated_built_in(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(BUILT_IN_TEXTS)).split("\n")
    junk = st.one_of(st.sampled_from(JUNK), st.text(max_size=20))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        if not lines:
            lines = [""]
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "cut"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "insert":
            lines.insert(i, draw(junk))
        elif action == "replace":
            lines[i] = draw(junk)
        else:
            lines = lines[:i]
    return "\n".join(lines)


@SETTINGS
@given(st.text())
def test_random_text_never_escapes_as_anything_but_template_error(text: str) -> None:
    check(text)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(JUNK), st.text(max_size=15)), max_size=30))
def test_random_template_like_lines_are_handled(lines: list[str]) -> None:
    check("\n".join(["---", "id: t", "title: T", "kind: team", "version: 1", "---", *lines]))


@SETTINGS
@given(mutated_built_in())
def test_mutated_built_in_templates_parse_or_name_a_line(text: str) -> None:
    check(text)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_decode_to_text_or_name_a_line(data: bytes) -> None:
    try:
        text = decode_template_bytes(data, "fuzz.md")
    except TemplateError as err:
        assert all(p.line >= 1 for p in err.problems)
    else:
        check(text)
