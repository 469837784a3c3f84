"""Every listing can be scripted (--json) and opened in a spreadsheet (--format csv)."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from cli_samples import TODAY, action, build_store, make_session, run
from rich.cells import cell_len

from reflect_tui.commands import output


def _read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith(output.BOM), "a spreadsheet needs the BOM to read UTF-8"
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text.removeprefix(output.BOM), newline="")))


def _store_with_actions(tmp_path: Path) -> Path:
    team = make_session("team-reflection", "Monthly reflection", TODAY, team="North")
    team.answers["actions"] = [
        action("=cmd|' /C calc'!A0", "王小明", TODAY + timedelta(days=3), team),
        action("Book the room, then tell everyone", "Alex Rowe", None, team),
    ]
    return build_store(tmp_path, team)


def test_people_listing_as_json_csv_and_a_table_that_stays_aligned_with_cjk_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = build_store(tmp_path)
    code, out, _ = run(capsys, data, "people", "--json")
    assert code == 0
    assert {p["name"] for p in json.loads(out)} >= {"王小明", "Alex Rowe"}
    code, out2, _ = run(capsys, data, "people", "list", "--json")
    assert json.loads(out2) == json.loads(out)

    code, out, _ = run(capsys, data, "people", "--format", "csv")
    rows = _read_csv(out)
    by_role = {r["role"]: r for r in rows}
    assert by_role["社工"]["name"] == "王小明"
    # a name a spreadsheet would run as a formula is shown as typed instead
    assert by_role["Practitioner"]["name"] == '\'=HYPERLINK("http://x")'
    assert by_role["Psychologist"]["facilitator"] == "yes"

    code, out, _ = run(capsys, data, "people")
    lines = out.splitlines()
    header = lines[0]
    cjk = next(line for line in lines if line.startswith("王小明"))
    plain = next(line for line in lines if line.startswith("Alex Rowe"))
    # the ROLE column starts at the same screen column on every line
    col = header.index("ROLE")
    assert cell_len(cjk[: cjk.index("社工")]) == col
    assert plain[col:].startswith("Team Manager")


def test_actions_csv_is_read_back_and_formulas_are_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _store_with_actions(tmp_path)
    code, out, _ = run(capsys, data, "actions", "--format", "csv")
    assert code == 0
    rows = _read_csv(out)
    assert [r["what"] for r in rows] == [
        "'=cmd|' /C calc'!A0",
        "Book the room, then tell everyone",
    ]
    assert rows[0]["owner"] == "王小明" and rows[0]["status"] == "open"
    assert rows[1]["due"] == "" and rows[1]["team"] == "North"
    # what a spreadsheet would run: nothing starts with a formula character
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r"))
    code, out, _ = run(capsys, data, "actions", "--json")
    assert json.loads(out)[0]["what"] == "=cmd|' /C calc'!A0"  # JSON keeps the text exactly


def test_due_csv_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = build_store(tmp_path)
    code, out, _ = run(capsys, data, "due", "--format", "csv")
    assert code == 0
    rows = _read_csv(out)
    assert {r["person"] for r in rows} >= {"王小明"}
    assert all(r["state"] in ("overdue", "never had one", "due soon") for r in rows)
    code, out, _ = run(capsys, data, "due", "--json")
    assert set(json.loads(out)) == {"cadence", "today", "due"}


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44 7700", "'+44 7700"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3", "-3"),
        ("plain", "plain"),
    ],
)
def test_csv_cells_that_start_like_a_formula_are_made_inert(cell: str, safe: str) -> None:
    assert output.csv_cell(cell) == safe


def test_templates_themes_and_backups_list_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = build_store(tmp_path)
    code, out, _ = run(capsys, data, "templates", "--json")
    listed = json.loads(out)
    assert code == 0
    assert {"id", "title", "kind", "version", "source", "overrides"} <= set(listed[0])
    assert "pre-visit-risk" in {t["id"] for t in listed}
    code, out, _ = run(capsys, data, "templates", "show", "pre-visit-risk", "--json")
    shown = json.loads(out)
    assert shown["id"] == "pre-visit-risk"
    assert any(s["id"] for s in shown["template"]["steps"])
    code, out, _ = run(capsys, data, "themes", "--json")
    assert "workload" in json.loads(out)
    code, out, _ = run(capsys, data, "themes", "list", "--json")
    assert "workload" in json.loads(out)
    code, out, _ = run(capsys, data, "restore", "--list", "--json")
    assert code == 0 and isinstance(json.loads(out), list)


def test_report_as_json_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = build_store(tmp_path)
    code, out, _ = run(capsys, data, "report", "--json")
    assert code == 0
    report = json.loads(out)
    assert {"period", "previous", "min_count", "themes"} <= set(report)
    first = report["themes"][0]
    assert first["people"]["value"] is None and first["people"]["shown"] == "fewer"
    code, out, _ = run(capsys, data, "report", "--format", "csv")
    rows = _read_csv(out)
    assert rows[0]["people"] == "fewer than 5"


def test_export_check_findings_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = make_session(
        "team-reflection",
        "Reflection",
        TODAY,
        team="North",
        answers={"what-happened": "Ring me on 07700 900123 or a.b@example.org"},
    )
    data = build_store(tmp_path, team)
    code, out, _ = run(capsys, data, "export", team.id, "--check", "--json")
    assert code == 3
    found = json.loads(out)
    assert found["session"] == team.id and found["flagged"] == len(found["findings"]) >= 2
    assert {f["kind"] for f in found["findings"]} >= {"e-mail address", "phone number"}


def test_templates_validate_reads_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    good = (Path(__file__).parents[2] / "sessions" / "team-reflection.md").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(good)))
    code, out, _ = run(capsys, tmp_path, "templates", "validate", "-")
    assert code == 0 and "team-reflection" in out
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"# no front matter\n")))
    code, out, _ = run(capsys, tmp_path, "templates", "validate", "-")
    assert code == 1 and out.startswith("<stdin>:")


def test_sessions_list_as_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _store_with_actions(tmp_path)
    code, out, _ = run(capsys, data, "list", "--format", "csv")
    [row] = _read_csv(out)
    assert code == 0
    assert (row["title"], row["template"], row["team"]) == (
        "Monthly reflection",
        "team-reflection",
        "North",
    )


def test_list_shows_the_newest_fifty_and_says_how_to_see_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reflect_tui.commands.store import LIST_LIMIT

    sessions = [
        make_session("team-reflection", f"Meeting {n:03d}", TODAY - timedelta(days=n))
        for n in range(LIST_LIMIT + 7)
    ]
    sessions.append(
        make_session("decompression", "Private", TODAY, subject="Eve Stone", confidential=True)
    )
    data = build_store(tmp_path, *sessions)
    code, out, err = run(capsys, data, "list", "--json")
    titles = [row["title"] for row in json.loads(out)]
    assert code == 0
    assert titles == [f"Meeting {n:03d}" for n in range(LIST_LIMIT)]  # newest first
    assert "1 confidential sessions are not listed" in err
    assert "7 older sessions are not listed" in err and "--all" in err

    code, out, err = run(capsys, data, "list", "--all", "--json")
    assert code == 0 and len(json.loads(out)) == LIST_LIMIT + 7
    assert "older sessions" not in err

    code, out, err = run(capsys, data, "list", "--all", "--confidential", "--json")
    assert code == 0 and len(json.loads(out)) == LIST_LIMIT + 8 and not err
