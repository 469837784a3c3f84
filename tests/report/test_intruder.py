"""Motivated-intruder tests: someone who can run the report (and holds one store, or copies
of it) tries to learn one person's themes or consent. Every attack must fail: refused with a
plain reason, or answered with nothing that tells them apart.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from report_factory import DECOMPRESSION, SUPERVISION, TEAM, session

from reflect_tui import cli
from reflect_tui.domain.session import Session
from reflect_tui.report import Period, build_report
from reflect_tui.report.releases import RELEASES_SETTING, STORE_ID_SETTING
from reflect_tui.store import Store

YEAR = ["--since", "2026-01-01", "--until", "2026-12-31"]
H2 = ["--since", "2026-07-01", "--until", "2026-12-31"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def store_with(folder: Path, sessions: list[Session]) -> Path:
    with Store.open(folder) as store:
        store.save_sessions(sessions)
    return folder


def twelve_people(prefix: str = "P", day: date = date(2026, 9, 1)) -> list[Session]:
    return [
        session(SUPERVISION, day, ["workload"] if i < 6 else [], subject=f"{prefix}{i}")
        for i in range(12)
    ]


def test_a_period_one_day_shorter_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = store_with(tmp_path / "s", twelve_people())
    assert run(capsys, "report", "--data", str(data), *YEAR)[0] == 0
    code, out, err = run(capsys, "report", "--data", str(data), "--since", "2026-01-02")
    assert code != 0 and out == "" and "whole calendar period" in err


def test_a_nested_period_that_differs_by_one_person_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Twelve people in the second half; Zed alone in the first, raising "home and personal life".
    sessions = twelve_people()
    sessions.append(
        session(DECOMPRESSION, date(2026, 3, 1), ["home and personal life"], subject="Zed")
    )
    data = store_with(tmp_path / "s", sessions)
    assert run(capsys, "report", "--data", str(data), *YEAR)[0] == 0
    code, out, err = run(capsys, "report", "--data", str(data), *H2)
    assert code != 0 and out == ""
    assert "only 1 people (fewer than 5)" in err and "earlier report" in err


def test_a_late_session_in_a_released_period_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = store_with(tmp_path / "s", twelve_people())
    assert run(capsys, "report", "--data", str(data), *YEAR)[0] == 0
    assert run(capsys, "report", "--data", str(data), *YEAR)[0] == 0  # the same, again: fine
    with Store.open(data) as store:
        store.save_session(
            session(DECOMPRESSION, date(2026, 10, 1), ["physical health"], subject="Zed")
        )
    code, out, err = run(capsys, "report", "--data", str(data), *YEAR)
    assert code != 0 and out == "" and "only 1 people" in err


def test_one_store_against_two_cannot_isolate_the_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = store_with(tmp_path / "a", twelve_people("A"))
    b = store_with(
        tmp_path / "b",
        [session(DECOMPRESSION, date(2026, 5, 1), ["workload", "physical health"], subject="B")],
    )
    assert run(capsys, "report", "--data", str(a), *YEAR)[0] == 0
    code, out, err = run(capsys, "report", "--data", str(a), "--data", str(b), *YEAR)
    assert code != 0 and out == "" and "only 1 people" in err
    # ...and the other way round: both first, then one alone.
    c = store_with(tmp_path / "c", twelve_people("C"))
    d = store_with(tmp_path / "d", twelve_people("D"))
    assert run(capsys, "report", "--data", str(c), "--data", str(d), *YEAR)[0] == 0
    code, out, err = run(capsys, "report", "--data", str(c), *YEAR)
    assert code != 0 and out == "" and "not given now" in err


def test_copies_and_hard_links_of_a_store_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = store_with(tmp_path / "s", twelve_people())
    plain = tmp_path / "copy"
    shutil.copytree(data, plain)  # copied before the store ever had an id
    code, out, err = run(capsys, "report", "--data", str(data), "--data", str(plain), *YEAR)
    assert code != 0 and out == "" and "same sessions" in err
    assert run(capsys, "report", "--data", str(data), *YEAR)[0] == 0  # now it has an id
    linked = tmp_path / "linked"
    linked.mkdir()
    for f in data.iterdir():
        if f.is_file():
            os.link(f, linked / f.name)
    code, out, err = run(capsys, "report", "--data", str(data), "--data", str(linked), *YEAR)
    assert code != 0 and out == "" and "same store" in err
    # Three copies plus invented people: refused before anything is counted.
    copies = [tmp_path / f"c{n}" for n in range(3)]
    for c in copies:
        shutil.copytree(data, c)
    argv = [x for c in copies for x in ("--data", str(c))]
    code, out, _ = run(capsys, "report", *argv, "--min-count", "3", *YEAR)
    assert code != 0 and out == ""


def test_a_team_of_one_or_two_is_never_counted_as_a_team() -> None:
    sessions = [
        session(TEAM, date(2026, 4, 1), ["workload"], team=f"Solo {i}", participants=["Ann"])
        for i in range(12)
    ]
    sessions += [
        session(TEAM, date(2026, 4, 1), ["workload"], team=f"Pair {i}", participants=["A", "B"])
        for i in range(12)
    ]
    rep = build_report([sessions], Period(date(2026, 1, 1), date(2026, 12, 31)), min_count=3)
    assert rep.teams.text == "fewer than 3"
    assert rep.rows[0].teams.text == "fewer than 3"
    assert rep.rows[0].team_sessions.text == "fewer than 3"


def test_all_or_nearly_all_teams_is_never_shown_exactly() -> None:
    sessions = [session(TEAM, date(2026, 4, 1), ["workload"], team=f"T{i}") for i in range(5)]
    sessions += [session(TEAM, date(2026, 4, 1), ["workload"], team=f"U{i}") for i in range(6)]
    rep = build_report([sessions], Period(date(2026, 1, 1), date(2026, 12, 31)), min_count=5)
    row = rep.rows[0]
    assert rep.teams.text == "11"
    assert row.teams.text == "all or nearly all"  # never "11 of 11 teams"
    assert not row.team_sessions.is_exact


def test_lowering_k_is_still_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = store_with(tmp_path / "s", twelve_people())
    code, out, err = run(capsys, "report", "--data", str(data), "--min-count", "2", *YEAR)
    assert code != 0 and out == "" and "too low" in err


def test_every_release_is_recorded_in_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = store_with(tmp_path / "s", twelve_people())
    assert run(capsys, "report", "--data", str(data), *YEAR)[0] == 0
    with Store.open(data, read_only=True) as store:
        log = store.get_setting(RELEASES_SETTING)
        sid = store.get_setting(STORE_ID_SETTING)
    assert len(log) == 1 and log[0]["stores"] == [sid]
    assert (log[0]["since"], log[0]["until"], log[0]["k"]) == ("2026-01-01", "2026-12-31", 5)
    assert log[0]["figures"]["people"] == "12"
    assert "P1" not in json.dumps(log)  # its own people only, as one-way hashes


def test_contributions_hold_counts_only_and_combine_with_the_same_suppression(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = store_with(tmp_path / "a", twelve_people("Alice"))
    b = store_with(tmp_path / "b", twelve_people("Bob", day=date(2026, 10, 2)))
    fa, fb = tmp_path / "a.json", tmp_path / "b.json"
    for folder, f in ((a, fa), (b, fb)):
        code, _, err = run(
            capsys, "report", "--data", str(folder), *YEAR, "--export-contribution", str(f)
        )
        assert code == 0, err
    text = fa.read_text()
    assert "Alice" not in text and "2026-09-01" not in text and "a note" not in text
    assert oct(fa.stat().st_mode & 0o777) == "0o600"
    code, combined, _ = run(capsys, "report", "--contribution", str(fa), "--contribution", str(fb))
    direct = build_report(
        [twelve_people("Alice"), twelve_people("Bob", day=date(2026, 10, 2))],
        Period(date(2026, 1, 1), date(2026, 12, 31)),
    )
    assert code == 0 and "| workload | 12 | 12 |" in combined
    assert direct.rows[0].people.text == "12"
    # The same store's file twice, or files of different periods, are refused.
    code, out, err = run(capsys, "report", "--contribution", str(fa), "--contribution", str(fa))
    assert code != 0 and out == "" and "same store" in err
    # A second contribution that differs by one person from the first is refused at export.
    with Store.open(a) as store:
        store.save_session(session(SUPERVISION, date(2026, 3, 1), ["workload"], subject="Zed"))
    code, _, err = run(
        capsys, "report", "--data", str(a), *YEAR, "--export-contribution", str(tmp_path / "z")
    )
    assert code != 0 and "only 1 people" in err
