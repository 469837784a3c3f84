"""`reflect report` and `reflect themes` as a person runs them."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest
from report_factory import DECOMPRESSION, SUPERVISION, TEAM, session

from reflect_tui import cli
from reflect_tui.domain.session import Session
from reflect_tui.store import Store

PERIOD = ["--since", "2026-01-01", "--until", "2026-12-31"]


def make_store(folder: Path, prefix: str, raised: int, others: int) -> Path:
    sessions: list[Session] = [
        session(DECOMPRESSION, date(2026, 3, 1), ["workload"], subject=f"{prefix} raiser {i}")
        for i in range(raised)
    ]
    sessions += [
        session(SUPERVISION, date(2026, 3, 2), [], subject=f"{prefix} other {i}")
        for i in range(others)
    ]
    sessions += [
        session(TEAM, date(2026, 4, d), ["rota changes"], team=f"{prefix} team")
        for d in range(1, 6)
    ]
    with Store.open(folder) as store:
        store.save_sessions(sessions)
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_on_one_store_prints_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_store(tmp_path / "a", "Quokka", raised=3, others=7)
    code, out, err = run(capsys, "report", "--data", str(data), *PERIOD, "--min-count", "3")
    assert code == 0, err
    assert out.startswith("---\n")
    assert "| workload | 3 | 3 |" in out
    assert "quokka" not in out.casefold()


def test_two_stores_combine_and_hidden_counts_can_appear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = make_store(tmp_path / "a", "Same", raised=3, others=4)
    b = make_store(tmp_path / "b", "Same", raised=3, others=4)
    c = make_store(tmp_path / "c", "Same", raised=3, others=4)
    code, alone, _ = run(capsys, "report", "--data", str(c), *PERIOD)
    assert code == 0 and "| workload | fewer than 5 |" in alone
    code, both, _ = run(capsys, "report", "--data", str(a), "--data", str(b), *PERIOD)
    assert code == 0
    assert "2 stores combined" in both
    assert "| workload | 6 | 6 |" in both  # the same names in two stores are different people


def test_html_goes_to_an_owner_only_file_that_is_never_overwritten_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_store(tmp_path / "a", "A", raised=6, others=6)
    target = tmp_path / "report.html"
    code, out, err = run(
        capsys, "report", "--data", str(data), *PERIOD, "--format", "html", "-o", str(target)
    )
    assert code == 0, err
    assert f"Wrote {target}" in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("<!DOCTYPE html>")
    target.write_text("keep me")
    code, _, err = run(capsys, "report", "--data", str(data), *PERIOD, "-o", str(target))
    assert code == 1 and "already exists" in err and "--force" in err
    assert target.read_text() == "keep me"
    code, _, _ = run(capsys, "report", "--data", str(data), *PERIOD, "-o", str(target), "--force")
    assert code == 0 and target.read_text().startswith("---\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--min-count", "2"], "--min-count 2 is too low"),
        (["--since", "2026-06-01", "--until", "2026-05-01"], "give --since before --until"),
    ],
)
def test_bad_options_are_refused_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    data = make_store(tmp_path / "a", "A", raised=1, others=1)
    code, out, err = run(capsys, "report", "--data", str(data), *argv)
    assert code == 1 and out == ""
    assert err.startswith("reflect: ") and message in err
    assert "Traceback" not in err


def test_a_bad_date_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["report", "--data", str(tmp_path), "--since", "1st April"])
    assert exit_info.value.code == 2
    assert "write it as DD/MM/YYYY or YYYY-MM-DD" in capsys.readouterr().err


def test_a_folder_without_data_or_given_twice_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "report", "--data", str(tmp_path / "nothing"), *PERIOD)
    assert code == 1 and "no reflect data in" in err
    assert not (tmp_path / "nothing").exists()
    data = make_store(tmp_path / "a", "A", raised=1, others=1)
    code, _, err = run(capsys, "report", "--data", str(data), "--data", str(data), *PERIOD)
    assert code == 1 and "given twice" in err


def test_themes_can_be_listed_added_removed_and_reset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_store(tmp_path / "a", "A", raised=6, others=6)
    d = ["--data", str(data)]
    code, out, _ = run(capsys, "themes", *d)
    assert code == 0 and out.splitlines()[0] == "workload" and "rota changes" not in out
    code, out, _ = run(capsys, "report", *d, *PERIOD)
    assert "rota changes" not in out  # a tag outside the vocabulary is never reported
    code, out, _ = run(capsys, "themes", "add", "Rota  changes", "workload", *d)
    assert code == 0 and "Added: Rota changes." in out
    code, out, _ = run(capsys, "themes", "list", *d)
    assert out.splitlines()[-1] == "Rota changes"
    code, out, _ = run(capsys, "report", *d, *PERIOD)
    # All five team sessions discussed it: "all or nearly all", never the exact 5.
    assert "| Rota changes | fewer than 5 | all or nearly all | fewer than 5 | not shown |" in out
    code, _, err = run(capsys, "themes", "remove", "no such theme", *d)
    assert code == 1 and "no theme called 'no such theme'" in err
    code, out, _ = run(capsys, "themes", "remove", "WORKLOAD", *d)
    assert code == 0 and "Removed: workload." in out
    code, out, _ = run(capsys, "themes", *d)
    assert "workload" not in out.splitlines()
    code, out, _ = run(capsys, "themes", "reset", *d)
    code, out, _ = run(capsys, "themes", *d)
    assert out.splitlines()[0] == "workload" and "Rota changes" not in out


def test_only_finished_sessions_in_the_two_periods_are_read(tmp_path: Path) -> None:
    from reflect_tui.report import Period, report_sessions

    wanted = [
        session(SUPERVISION, date(2026, 6, 1), [], subject="now"),
        session(SUPERVISION, date(2025, 1, 1), [], subject="before"),
    ]
    unwanted = [
        session(SUPERVISION, date(2026, 6, 2), [], subject="draft", complete=False),
        session(SUPERVISION, date(2024, 12, 31), [], subject="too early"),
        session(SUPERVISION, date(2027, 1, 1), [], subject="too late"),
    ]
    with Store.open(tmp_path) as store:
        store.save_sessions(wanted + unwanted)
        found = report_sessions(store, Period(date(2026, 1, 1), date(2026, 12, 31)))
    assert sorted(s.subject for s in found) == ["before", "now"]


def test_report_dates_can_be_typed_day_first_and_are_said_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(tmp_path):
        pass
    code = cli.main(
        [
            "report",
            "--data",
            str(tmp_path),
            "--since",
            "1/4/2026",
            "--until",
            "31/03/2027",
            "--json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert "1/4/2026 is 1 April 2026" in err and "31/03/2027 is 31 March 2027" in err
    assert json.loads(out)["period"] == {"since": "2026-04-01", "until": "2027-03-31"}
