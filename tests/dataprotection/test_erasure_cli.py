"""`reflect delete`, `reflect bin` and `reflect audit` as a person (or a script) uses them."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from dp_samples import audit_bytes, files_holding
from followup_samples import open_store, saved, session

from reflect_tui import cli
from reflect_tui.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store_with_one(tmp_path: Path) -> tuple[Path, str]:
    with open_store(tmp_path) as store:
        s = session(
            "team-reflection",
            date(2026, 10, 1),
            team="North",
            title="North October",
            answers={"what-happened": "CANARY-CLI story"},
        )
        saved(store, s)
    return tmp_path / "data", s.id


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_delete_asks_for_a_typed_yes_and_names_the_record(
    store_with_one: tuple[Path, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, sid = store_with_one
    monkeypatch.setattr("sys.stdin", FakeTty("no\n"))
    code, out, err = run(capsys, "delete", sid, "--data", str(data))
    assert code == 1 and "“North October” (Team reflective practice, 2026-10-01" in out
    assert "Nothing was changed" in err
    monkeypatch.setattr("sys.stdin", FakeTty("yes\n"))
    code, out, _ = run(capsys, "delete", sid[:4], "--data", str(data))
    assert code == 0 and "to the bin" in out
    with Store.open(data, read_only=True) as store:
        assert not store.has_session(sid)


def test_a_script_must_say_yes(
    store_with_one: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, sid = store_with_one
    code, _, err = run(capsys, "delete", sid, "--data", str(data))  # stdin is not a terminal
    assert code == 1 and "--yes" in err and "Traceback" not in err
    code, _, err = run(capsys, "delete", "ffffff", "--yes", "--data", str(data))
    assert code == 1 and "No session with id 'ffffff'" in err


def test_bin_lists_puts_back_and_purge_erases_everywhere(
    store_with_one: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, sid = store_with_one
    assert run(capsys, "delete", sid, "--yes", "--data", str(data))[0] == 0
    code, out, _ = run(capsys, "bin", "--data", str(data))
    assert code == 0 and sid in out and "North October" in out
    rows = json.loads(run(capsys, "bin", "list", "--json", "--data", str(data))[1])
    assert [r["id"] for r in rows] == [sid] and rows[0]["erased_on"]
    assert run(capsys, "bin", "restore", sid[:5], "--data", str(data))[0] == 0
    assert json.loads(run(capsys, "bin", "list", "--json", "--data", str(data))[1]) == []
    code, out, _ = run(capsys, "delete", sid, "--purge", "--yes", "--data", str(data))
    assert code == 0 and f"Erased 1 session(s) for good: {sid}" in out
    assert files_holding(data, b"CANARY-CLI") == []
    code, out, _ = run(capsys, "audit", "--data", str(data))
    assert code == 0
    assert [line.split()[1] for line in out.splitlines()[1:]] == [
        "delete",
        "bin-restore",
        "purge",
    ]
    rows = json.loads(run(capsys, "audit", "--json", "--data", str(data))[1])
    assert {r["record"] for r in rows} == {sid} and all(r["user"] for r in rows)
    assert b"CANARY" not in audit_bytes(data) and b"North October" not in audit_bytes(data)


def test_audit_says_when_the_log_was_tampered_with(
    store_with_one: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, sid = store_with_one
    run(capsys, "delete", sid, "--yes", "--data", str(data))
    run(capsys, "bin", "restore", sid, "--data", str(data))
    log = data / "audit.log"
    lines = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(lines[1])  # the first line removed
    code, _, err = run(capsys, "audit", "--data", str(data))
    assert code == 3 and "entry 1" in err
    code, out, _ = run(capsys, "audit", "--data", str(tmp_empty := data.parent / "empty"))
    assert code == 0 and "empty" in out and not tmp_empty.exists()  # nothing created


def test_a_binned_session_is_named_as_such(
    store_with_one: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, sid = store_with_one
    run(capsys, "delete", sid, "--yes", "--data", str(data))
    code, _, err = run(capsys, "delete", sid, "--yes", "--data", str(data))
    assert code == 1 and "already in the bin" in err and "--purge" in err


def test_no_command_puts_content_in_the_audit_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exports (confidential ones confirmed), reports, restores, deletions and purges."""
    data = tmp_path / "data"
    with open_store(tmp_path) as store:
        secret = session(
            "supervision-one-to-one",
            date(2026, 10, 1),
            subject="Bo Lind",
            title="CANARY-TITLE",
            answers={"decisions": "CANARY-ANSWER"},
        )
        saved(store, secret)
    with Store.open(data) as store:  # a second opening makes a backup to restore
        store.set_setting("touched", True)
    out = tmp_path / "out"
    out.mkdir()
    steps = [
        ["export", secret.id, "--confidential", "-o", str(out)],
        ["export", secret.id, "--confidential", "--format", "html", "-o", "-"],
        ["report", "--since", "2026-01-01", "--until", "2026-12-31"],
        ["restore"],
        ["delete", secret.id, "--yes"],
        ["delete", secret.id, "--purge", "--yes"],
    ]
    for argv in steps:
        assert run(capsys, *argv, "--data", str(data))[0] == 0, argv
    events = [
        r["event"] for r in json.loads(run(capsys, "audit", "--json", "--data", str(data))[1])
    ]
    assert events == [
        "export",
        "confidential-confirmed",
        "export",
        "confidential-confirmed",
        "report",
        "restore",
        "delete",
        "purge",
    ]
    log = audit_bytes(data)
    for needle in (b"CANARY", b"Bo Lind", b"Supervision"):
        assert needle not in log
