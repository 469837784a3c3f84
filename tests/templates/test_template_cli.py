"""`reflect templates` through a real subprocess: list, show, validate, and --templates DIR."""

from __future__ import annotations

import re
from pathlib import Path

from template_files import BUILT_IN_IDS, SESSION_IDS, SESSIONS, run_reflect, small_template, write

LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<message>.+\(.+\))$")


def test_the_listing_shows_each_built_in_with_kind_duration_and_source(tmp_path: Path) -> None:
    result = run_reflect(["templates"], tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "KIND", "MINUTES", "SOURCE"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert sorted(rows) == list(SESSION_IDS)
    assert set(BUILT_IN_IDS) <= set(rows)
    assert re.search(r"Decompression session\s+individual\s+120\s+built-in$", rows["decompression"])
    assert result.stderr == ""


def test_a_templates_folder_overrides_a_built_in_and_the_listing_says_which_wins(
    tmp_path: Path,
) -> None:
    mine = write(tmp_path / "mine", "ours.md", small_template("team-reflection", "Our reflection"))
    write(tmp_path / "mine", "extra.md", small_template())
    result = run_reflect(["templates", "--templates", str(tmp_path / "mine")], tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert rows["team-reflection"].endswith(f"{mine} (overrides built-in)")
    assert "Our reflection" in rows["team-reflection"]
    assert "my-check-in" in rows and len(rows) == len(SESSION_IDS) + 1


def test_the_templates_option_also_works_before_the_command(tmp_path: Path) -> None:
    write(tmp_path / "mine", "extra.md", small_template())
    result = run_reflect(["--templates", str(tmp_path / "mine"), "templates"], tmp_path)
    assert "my-check-in" in result.stdout


def test_a_broken_user_template_is_a_warning_and_the_listing_goes_on(tmp_path: Path) -> None:
    bad = write(tmp_path / "mine", "bad.md", small_template().replace("max: 5", "max: 0"))
    result = run_reflect(["templates", "--templates", str(tmp_path / "mine")], tmp_path)
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == len(SESSION_IDS) + 1
    assert result.stderr.startswith(f"reflect: warning: {bad}:")
    assert "min must be below max" in result.stderr and "Traceback" not in result.stderr


def test_show_prints_the_steps_guidance_and_fields_as_an_outline(tmp_path: Path) -> None:
    result = run_reflect(["templates", "show", "pre-visit-risk"], tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Pre-visit risk analysis (pre-visit-risk, version 1)")
    assert "Source: built-in" in out
    assert re.search(r"^\d+\. Lone-working controls \[lone-working, 10 min\]$", out, re.M)
    assert "[decision: choice, required]" in out
    assert "options: go / go with controls / do not go" in out
    assert "     | " in out  # guidance is shown, indented


def test_show_marks_private_fields(tmp_path: Path) -> None:
    result = run_reflect(["templates", "show", "decompression"], tmp_path)
    assert "[risk-agreed: text, PRIVATE]" in result.stdout


def test_show_of_an_unknown_id_is_a_clean_error(tmp_path: Path) -> None:
    result = run_reflect(["templates", "show", "supervison"], tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("reflect: no template with id 'supervison'")
    assert "Traceback" not in result.stderr


def test_validate_passes_the_built_in_sessions_folder_with_a_summary(tmp_path: Path) -> None:
    result = run_reflect(["templates", "validate", str(SESSIONS)], tmp_path)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{len(SESSION_IDS)} templates valid")


def test_validate_reports_every_problem_as_file_line_message(tmp_path: Path) -> None:
    text = small_template().replace("kind: team", "kind: banana").replace("max: 5", "max: 0")
    path = write(tmp_path, "bad.md", text)
    good = write(tmp_path, "good.md", small_template("good"))
    result = run_reflect(["templates", "validate", str(path), str(good)], tmp_path)
    assert result.returncode == 1
    *problems, summary = result.stdout.splitlines()
    assert [LINE.match(p) is not None for p in problems] == [True, True]
    lines = text.split("\n")
    kind_line, max_line = lines.index("kind: banana") + 1, lines.index("max: 0") + 1
    assert problems[0].startswith(f"{path}:{kind_line}: kind 'banana'")
    assert problems[1].startswith(f"{path}:{max_line}: the scale runs from min 1 to max 0")
    assert summary == "2 problems in 1 of 2 files; 1 valid."


def test_validate_of_a_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    result = run_reflect(["templates", "validate", str(tmp_path / "nope.md")], tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{tmp_path / 'nope.md'}: no such file (check the path and the spelling)"
    )


def test_validate_flags_two_files_that_share_an_id(tmp_path: Path) -> None:
    write(tmp_path / "t", "a.md", small_template("same"))
    second = write(tmp_path / "t", "b.md", small_template("same"))
    result = run_reflect(["templates", "validate", str(tmp_path / "t")], tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{second}:1: id 'same' is also used by")


def test_templates_are_listed_from_any_working_directory(tmp_path: Path) -> None:
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    result = run_reflect(["templates"], tmp_path, cwd=elsewhere)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == len(SESSION_IDS) + 1


def test_show_markdown_prints_the_file_to_start_your_own_from(tmp_path: Path) -> None:
    result = run_reflect(["templates", "show", "decompression", "--markdown"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (SESSIONS / "decompression.md").read_text(encoding="utf-8")
    mine = write(tmp_path / "mine", "ours.md", result.stdout.replace("version: 1", "version: 2"))
    listing = run_reflect(["templates", "--templates", str(tmp_path / "mine")], tmp_path)
    assert f"{mine} (overrides built-in)" in listing.stdout


def test_a_terminal_that_cannot_show_accents_gets_no_traceback(tmp_path: Path) -> None:
    write(tmp_path / "mine", "cafe.md", small_template("cafe", "Café check-in"))
    result = run_reflect(
        ["templates", "--templates", str(tmp_path / "mine")],
        tmp_path,
        extra_env={"PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0, result.stderr
    assert "Caf? check-in" in result.stdout
