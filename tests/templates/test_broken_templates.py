"""Each kind of broken template file gives a FILE:LINE: message with a fix, exit 1, and no
traceback, both from the library API and from `reflect templates validate`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from template_files import BROKEN, run_reflect

from reflect_tui.templates import TemplateError, load_template_file

# file -> (line the problem is reported on, words the message must contain)
EXPECTED: dict[str, tuple[int, str]] = {
    "empty.md": (1, "the file is empty"),
    "whitespace-only.md": (1, "the file is empty"),
    "binary-garbage.md": (1, "binary data, not text"),
    "windows-1252.md": (3, "not valid UTF-8"),
    "utf-16.md": (1, "saved as UTF-16"),
    "no-metadata.md": (1, "must start with a metadata block"),
    "unclosed-metadata.md": (1, "never closed"),
    "missing-title.md": (1, "the metadata has no 'title'"),
    "empty-title.md": (3, "the title is empty"),
    "bad-kind.md": (4, "kind 'banana' is not one of team, one-to-one, individual"),
    "bad-duration.md": (6, "'duration' is -5, outside the allowed range"),
    "bad-confidentiality.md": (6, "confidentiality 'secret' is not one of shared, confidential"),
    "bad-template-id.md": (2, "template id 'My Template' is not a valid id"),
    "unknown-metadata-key.md": (6, "unknown metadata key 'author'"),
    "unknown-field-kind.md": (14, "field kind 'textarea' is not one of"),
    "duplicate-step-id.md": (18, "step id 'only-step' is used twice (first on line 8"),
    "duplicate-field-id.md": (21, "field id 'notes' is used twice (first on line 13"),
    "scale-min-over-max.md": (17, "min must be below max"),
    "rating-label-off-scale.md": (20, "label point 9 is outside the scale 1 to 5"),
    "step-without-fields.md": (18, "has no field block"),
    "no-steps.md": (7, "the template has no steps"),
    "choice-without-options.md": (12, "needs at least 2 options"),
    "choice-with-one-option.md": (16, "needs at least 2 different options"),
    "checklist-without-items.md": (12, "needs at least 1 item"),
    "options-on-text-field.md": (16, "'options' only applies to choice fields"),
    "missing-field-label.md": (12, "has no 'label'"),
    "bad-yes-no.md": (16, "'private' must be yes or no"),
    "unclosed-field-block.md": (12, "this field block is never closed"),
    "field-before-first-step.md": (8, "comes before the first step"),
    "bad-timebox.md": (8, "timebox 'soon' is not a whole number"),
    "not-key-value.md": (16, "expected 'key: value'"),
}
PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>[1-9]\d*): .+ \(.+\)$")


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_library_api_names_the_line_and_the_fault(name: str) -> None:
    line, words = EXPECTED[name]
    with pytest.raises(TemplateError) as caught:
        load_template_file(BROKEN / name)
    problems = caught.value.problems
    assert [(p.file, p.line) for p in problems] == [(str(BROKEN / name), line)]
    assert words in problems[0].message
    assert PROBLEM_LINE.match(str(problems[0]))


def test_validate_prints_one_line_per_problem_and_exits_1(tmp_path: Path) -> None:
    result = run_reflect(
        ["templates", "validate", *sorted(str(p) for p in BROKEN.iterdir())], tmp_path
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    *problems, summary = result.stdout.splitlines()
    assert all(PROBLEM_LINE.match(p) for p in problems), problems
    reported = {
        (Path(m["file"]).name, int(m["line"])) for p in problems if (m := PROBLEM_LINE.match(p))
    }
    assert reported == {(name, line) for name, (line, _words) in EXPECTED.items()}
    assert (
        summary == f"{len(EXPECTED)} problems in {len(EXPECTED)} of {len(EXPECTED)} files; 0 valid."
    )
