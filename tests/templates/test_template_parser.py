"""A supervisor writes a template in Markdown; the parser turns it into steps and fields,
or says exactly which line is wrong and how to fix it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reflect_tui.domain.template import Confidentiality, FieldKind, Scale, SessionKind
from reflect_tui.errors import UserError
from reflect_tui.templates import Problem, TemplateError, load_template_file, parse_template

EXAMPLE = textwrap.dedent(
    """\
    ---
    id: home-visit            # a comment after a value is ignored
    title: Home visit check
    description: A short check before a home visit.
    kind: individual
    confidentiality: confidential
    duration: 30
    version: 2.1
    ---

    # Home visit check

    Notes for template authors before the first step are ignored.

    ## Before you go {#before timebox=10}

    Talk it through with a colleague.

    - Check the record.
    - Check the address.

    ```field
    id: where
    kind: text
    label: Where is the visit?
    help: Address, and what kind of building.
    required: yes
    ```

    More guidance between fields is kept too.

    ```field
    id: signs
    kind: checklist
    label: Warning signs
    items:
      - Threats towards staff
      - Dogs at the address
    ```

    ```field
    id: decision
    kind: choice
    label: Decision
    options:
      - go
      - go with controls
      - do not go
    ```

    ## How are you? {timebox=5}

    ```field
    id: wellbeing
    kind: rating
    label: Wellbeing
    min: 1
    max: 10
    labels:
      - 1: Running on empty
      - 10: Thriving
    private: yes
    ```

    ```field
    id: themes
    kind: list
    label: Themes
    themes: yes
    ```
    """
)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding the n-th occurrence of ``needle``."""
    numbers = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    return numbers[occurrence - 1]


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(TemplateError) as caught:
        parse_template(text, "t.md")
    return caught.value.problems


def only_problem(text: str) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


def test_metadata_is_read_from_the_front_matter() -> None:
    template = parse_template(EXAMPLE, "example.md")
    assert template.id == "home-visit"
    assert template.title == "Home visit check"
    assert template.description == "A short check before a home visit."
    assert template.kind is SessionKind.INDIVIDUAL
    assert template.confidentiality is Confidentiality.CONFIDENTIAL
    assert template.duration_minutes == 30
    assert template.version == "2.1"
    assert template.source == "example.md"


def test_each_level_two_heading_is_a_step_with_its_id_and_timebox() -> None:
    template = parse_template(EXAMPLE)
    assert [(s.id, s.title, s.timebox_minutes) for s in template.steps] == [
        ("before", "Before you go", 10),
        ("how-are-you", "How are you?", 5),
    ]


def test_guidance_is_the_step_markdown_without_its_field_blocks() -> None:
    guidance = parse_template(EXAMPLE).steps[0].guidance
    assert guidance.startswith("Talk it through with a colleague.")
    assert "- Check the address." in guidance
    assert "More guidance between fields is kept too." in guidance
    assert "```" not in guidance and "kind:" not in guidance
    assert "Notes for template authors" not in guidance


def test_field_blocks_become_fields_of_every_kind_with_their_options() -> None:
    template = parse_template(EXAMPLE)
    where = template.field_by_id("where")
    assert where is not None
    assert (where.kind, where.label, where.required) == (
        FieldKind.TEXT,
        "Where is the visit?",
        True,
    )
    assert where.help == "Address, and what kind of building."
    signs = template.field_by_id("signs")
    assert signs is not None and signs.options == ("Threats towards staff", "Dogs at the address")
    decision = template.field_by_id("decision")
    assert decision is not None and decision.options == ("go", "go with controls", "do not go")
    wellbeing = template.field_by_id("wellbeing")
    assert wellbeing is not None and wellbeing.private
    assert wellbeing.scale == Scale(1, 10, ((1, "Running on empty"), (10, "Thriving")))
    themes = template.field_by_id("themes")
    assert themes is not None and themes.themes and themes.kind is FieldKind.LIST


def test_defaults_when_optional_metadata_is_left_out() -> None:
    text = EXAMPLE.replace("confidentiality: confidential\n", "").replace("duration: 30\n", "")
    template = parse_template(text)
    assert template.confidentiality is Confidentiality.SHARED
    assert template.duration_minutes == 60


def test_a_parsed_template_survives_the_session_snapshot_round_trip() -> None:
    template = parse_template(EXAMPLE)
    assert type(template).from_dict(template.to_dict()) == template


def test_windows_line_endings_and_a_byte_order_mark_are_accepted() -> None:
    template = parse_template("\ufeff" + EXAMPLE.replace("\n", "\r\n"))
    assert template.field_by_id("signs") is not None
    assert parse_template(EXAMPLE.replace("\n", "\r\n")).steps[0].guidance == (
        parse_template(EXAMPLE).steps[0].guidance
    )


def test_quoted_values_keep_hashes_and_colons() -> None:
    text = EXAMPLE.replace("title: Home visit check", 'title: "Visit #3: the flat"')
    assert parse_template(text).title == "Visit #3: the flat"


def test_long_values_may_continue_on_indented_lines() -> None:
    text = EXAMPLE.replace(
        "help: Address, and what kind of building.",
        "help: Address, and what kind\n  of building.",
    )
    where = parse_template(text).field_by_id("where")
    assert where is not None and where.help == "Address, and what kind of building."


# (what the author wrote instead, the text of the line it is reported on, words in the message)
SINGLE_FAULTS = [
    (("kind: checklist", "kind: tickbox"), "kind: tickbox", "not one of text, list, actions"),
    (("## How are you? {timebox=5}", "## Later {#before}"), "## Later", "step id 'before' is used"),
    (("help: Address", "hlep: Address"), "hlep", "did you mean 'help'?"),
    (("{#before timebox=10}", "{#before time=10}"), "time=10", "unknown step setting 'time=10'"),
    (("## How are you? {timebox=5}", "## How are you? {timebox=0}"), "timebox=0", "1 to 600"),
    (("kind: individual", "kind: Team member"), "Team member", "kind 'Team member' is not one"),
    (("private: yes", "private: maybe"), "private: maybe", "must be yes or no"),
    (("min: 1\n", "min: one\n"), "min: one", "must be a whole number"),
    (("  - 10: Thriving", "  - 10 Thriving"), "10 Thriving", "a label must be a point and words"),
    (("  - Dogs at the address", "  - threats towards staff"), "threats towards", "listed twice"),
    (("id: where", "id: Where Is It"), "Where Is It", "for example 'where-is-it'"),
    (
        ("options:\n  - go\n  - go with controls\n  - do not go", "options: go"),
        "options: go",
        "'options' is a list",
    ),
]


@pytest.mark.parametrize(("change", "anchor", "words"), SINGLE_FAULTS)
def test_a_single_fault_is_reported_on_its_own_line(
    change: tuple[str, str], anchor: str, words: str
) -> None:
    assert change[0] in EXAMPLE
    text = EXAMPLE.replace(*change)
    problem = only_problem(text)
    assert problem.line == line_of(text, anchor)
    assert words in problem.message
    assert str(problem) == f"t.md:{problem.line}: {problem.message}"
    assert problem.message.endswith(")"), "every message ends with a hint in brackets"


def test_every_problem_in_a_file_is_reported_at_once_in_line_order() -> None:
    text = EXAMPLE.replace("kind: individual", "kind: solo").replace("max: 10", "max: 0")
    problems = problems_of(text)
    assert [p.line for p in problems] == [line_of(text, "kind: solo"), line_of(text, "max: 0")]
    assert "min must be below max" in problems[1].message


def test_problems_are_user_errors_whose_message_lists_each_line() -> None:
    text = EXAMPLE.replace("kind: individual", "kind: solo")
    with pytest.raises(UserError) as caught:
        parse_template(text, "mine.md")
    assert str(caught.value).startswith(f"mine.md:{line_of(text, 'solo')}: kind 'solo' is not")


def test_duplicate_field_ids_point_at_the_second_one() -> None:
    text = EXAMPLE.replace("id: themes", "id: where")
    problem = only_problem(text)
    assert problem.line == line_of(text, "id: where", 2)
    assert f"'where' is used twice (first on line {line_of(text, 'id: where')};" in problem.message


def test_a_key_given_twice_names_both_lines() -> None:
    text = EXAMPLE.replace("required: yes", "required: yes\nlabel: Again")
    problem = only_problem(text)
    assert problem.line == line_of(text, "label: Again")
    assert f"first on line {line_of(text, 'label: Where')}" in problem.message


def test_a_field_block_inside_a_list_is_not_silently_ignored() -> None:
    nested = "- item\n\n  ```field\n  id: x\n  kind: text\n  label: X\n  ```\n"
    text = EXAMPLE + "\n" + nested
    problem = only_problem(text)
    assert "inside a list or quote" in problem.message
    assert problem.line == line_of(text, "```field", 6)


def test_other_code_blocks_are_guidance_not_fields() -> None:
    text = EXAMPLE.replace("Talk it through", "```\nid: not-a-field\n```\n\nTalk it through")
    template = parse_template(text)
    assert "id: not-a-field" in template.steps[0].guidance
    assert template.field_by_id("not-a-field") is None


def test_load_template_file_reports_the_path_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    text = EXAMPLE.replace("kind: individual", "kind: solo")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template_file(path)
    assert str(caught.value.problems[0]) == (
        f"{path}:{line_of(text, 'kind: solo')}: kind 'solo' is not one of team, one-to-one, "
        f"individual (write one of them)"
    )


def test_load_template_file_reads_a_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_bytes(EXAMPLE.encode("utf-8"))
    assert load_template_file(path).source == str(path)


def test_a_missing_file_is_a_clean_error_without_a_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        load_template_file(tmp_path / "nope.md")
    assert (
        str(caught.value)
        == f"{tmp_path / 'nope.md'}: no such file (check the path and the spelling)"
    )
