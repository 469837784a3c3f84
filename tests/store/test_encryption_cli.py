"""`reflect init --encrypt`, `reflect encrypt`, `reflect passphrase`, as people use them."""

from __future__ import annotations

import getpass
import io
import re
from pathlib import Path

import pytest
from store_samples import NOW, make_session
from test_encryption import CANARY, FAST, canary_files, hashes

from reflect_tui import cli
from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store, crypto, encrypt_folder
from reflect_tui.store.unlock import ENV_PASSPHRASE, KEYS_NAME, MAGIC, PENDING_NAME

PASS = "a quiet room upstairs"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "PASSPHRASE_KDF", FAST)
    monkeypatch.delenv(ENV_PASSPHRASE, raising=False)
    monkeypatch.delenv("REFLECT_NEW_PASSPHRASE", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def recovery_in(out: str) -> str:
    match = re.search(r"\b([A-Z2-7]{4}(?:-[A-Z2-7]{4}){7})\b", out)
    assert match, out
    return match.group(1)


def at_a_terminal(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    """stdin is a terminal and getpass returns ``answers`` in turn; returns the prompts."""
    prompts: list[str] = []
    replies = iter(answers)

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(replies)

    tty = io.StringIO()
    tty.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", tty)
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    return prompts


def plaintext_folder(data_dir: Path, clock: FixedClock) -> None:
    """A used plaintext folder: store, backups, a journal, minutes, a file set aside."""
    with Store.open(data_dir, clock) as store:
        session = make_session(f"Team {CANARY}")
        store.save_session(session)
    with Store.open(data_dir, clock) as store:
        store.save_session(session)  # leaves a backup (a hard link to the old file)
        draft = make_session("Draft")
        draft.answers["notes"] = f"draft {CANARY}"
        store._journal_write(draft)
        store._release()  # killed: the journal stays behind
    (data_dir / "minutes").mkdir(mode=0o700)
    (data_dir / "minutes" / "team.md").write_text(f"# Team {CANARY}\n")
    (data_dir / "reflect.before-restore-20260101-090000.json").write_bytes(
        (data_dir / "reflect.json").read_bytes()
    )
    assert len(canary_files(data_dir)) >= 5


def test_init_encrypt_at_a_terminal_shows_the_recovery_key_once(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts = at_a_terminal(monkeypatch, [PASS, PASS, PASS])
    code, out, err = run(capsys, "init", "--encrypt", "--data", str(data_dir))
    assert code == 0, err
    assert prompts == ["Choose a passphrase: ", "Type it again: "]
    recovery = recovery_in(out)
    assert "shown only this once" in out
    assert (data_dir / KEYS_NAME).stat().st_mode & 0o777 == 0o600
    assert (data_dir / "reflect.json").read_bytes().startswith(MAGIC)
    # Every later command asks for the passphrase on the terminal.
    code, out, err = run(capsys, "list", "--data", str(data_dir))
    assert code == 0, err
    assert prompts[-1] == f"Passphrase for {data_dir}: "
    assert recovery not in out


def test_two_different_new_passphrases_change_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    at_a_terminal(monkeypatch, [PASS, PASS + "!"])
    code, _, err = run(capsys, "init", "--encrypt", "--data", str(data_dir))
    assert code == 1
    assert "differ; nothing was changed" in err
    assert not data_dir.exists()


def test_a_passphrase_on_the_command_line_is_not_accepted(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["init", "--encrypt", "--passphrase", PASS, "--data", str(data_dir)])
    assert stop.value.code == 2
    assert not data_dir.exists()


def test_scripts_use_the_environment_and_a_wrong_one_is_named(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_PASSPHRASE, PASS)
    assert run(capsys, "init", "--encrypt", "--data", str(data_dir))[0] == 0
    assert run(capsys, "demo", "--sessions", "3", "--data", str(data_dir))[0] == 0
    code, out, _ = run(capsys, "list", "--data", str(data_dir))
    assert code == 0 and "ID" in out
    monkeypatch.setenv(ENV_PASSPHRASE, "not the passphrase")
    before = hashes(data_dir)
    code, out, err = run(capsys, "list", "--data", str(data_dir))
    assert code == 1
    assert f"The passphrase in {ENV_PASSPHRASE} does not unlock" in err
    assert "Traceback" not in err
    assert hashes(data_dir) == before


def test_without_a_terminal_or_the_variable_the_folder_stays_shut(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_PASSPHRASE, PASS)
    assert run(capsys, "init", "--encrypt", "--data", str(data_dir))[0] == 0
    monkeypatch.delenv(ENV_PASSPHRASE)
    code, _, err = run(capsys, "list", "--data", str(data_dir))
    assert code == 1
    assert "encrypted and no passphrase was given" in err
    assert ENV_PASSPHRASE in err


def test_encrypt_rewrites_every_file_and_leaves_no_plaintext(
    data_dir: Path,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plaintext_folder(data_dir, clock)
    monkeypatch.setenv(ENV_PASSPHRASE, PASS)
    code, out, err = run(capsys, "encrypt", "--data", str(data_dir))
    assert code == 0, err
    recovery = recovery_in(out)
    assert canary_files(data_dir) == []
    for path in data_dir.rglob("*"):
        if path.is_file() and not path.name.startswith("reflect.lock") and path.name != KEYS_NAME:
            assert path.read_bytes().startswith(MAGIC), path
    # The drafts, the backups and restore all still work, now encrypted.
    with Store.open(data_dir, clock, unlock=recovery) as store:
        titles = sorted(s.title for s in store.list_sessions())
    assert titles == ["Draft", f"Team {CANARY}"]
    code, out, err = run(capsys, "restore", "--data", str(data_dir))
    assert code == 0, err
    assert canary_files(data_dir) == []
    assert run(capsys, "encrypt", "--data", str(data_dir))[0] == 1  # already encrypted


def test_an_interrupted_encrypt_is_finished_by_running_it_again(
    data_dir: Path,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plaintext_folder(data_dir, clock)
    real = encrypt_folder._encrypt_inode
    done: list[int] = []

    def dies_after_two(folder: Path, paths: list[Path], codec: crypto.EnvelopeCodec) -> int:
        if len(done) == 2:
            raise KeyboardInterrupt
        done.append(1)
        return real(folder, paths, codec)

    monkeypatch.setattr(encrypt_folder, "_encrypt_inode", dies_after_two)
    monkeypatch.setenv(ENV_PASSPHRASE, PASS)
    assert run(capsys, "encrypt", "--data", str(data_dir))[0] == 130
    assert (data_dir / PENDING_NAME).exists()
    code, _, err = run(capsys, "list", "--data", str(data_dir))
    assert code == 1 and "was interrupted" in err
    monkeypatch.setenv(ENV_PASSPHRASE, "another passphrase")
    code, _, err = run(capsys, "encrypt", "--data", str(data_dir))
    assert code == 1 and "same passphrase" in err
    monkeypatch.setattr(encrypt_folder, "_encrypt_inode", real)
    monkeypatch.setenv(ENV_PASSPHRASE, PASS)
    code, out, err = run(capsys, "encrypt", "--data", str(data_dir))
    assert code == 0, err
    assert not (data_dir / PENDING_NAME).exists()
    assert canary_files(data_dir) == []
    with Store.open(data_dir, clock, unlock=recovery_in(out)) as store:
        assert store.session_count() == 2


def test_passphrase_change_keeps_the_data_and_only_rewrites_the_key_file(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_PASSPHRASE, PASS)
    assert run(capsys, "init", "--encrypt", "--data", str(data_dir))[0] == 0
    assert run(capsys, "demo", "--sessions", "2", "--data", str(data_dir))[0] == 0
    before = hashes(data_dir)
    monkeypatch.setenv("REFLECT_NEW_PASSPHRASE", "the new passphrase")
    code, out, err = run(capsys, "passphrase", "--data", str(data_dir))
    assert code == 0, err
    assert "recovery key still works" in out
    after = hashes(data_dir)
    assert {k for k in after if after[k] != before[k]} == {KEYS_NAME}
    monkeypatch.setenv(ENV_PASSPHRASE, "the new passphrase")
    code, out, _ = run(capsys, "list", "--confidential", "--data", str(data_dir))
    assert code == 0 and out.count("\n") >= 3  # the header and both sessions


def test_passphrase_on_a_plaintext_folder_says_what_to_do(
    data_dir: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(data_dir, clock).close()
    code, _, err = run(capsys, "passphrase", "--data", str(data_dir))
    assert code == 1 and "reflect encrypt" in err


def test_an_export_from_an_encrypted_folder_says_it_is_plaintext(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_PASSPHRASE, PASS)
    assert run(capsys, "init", "--encrypt", "--data", str(data_dir))[0] == 0
    with Store.open(data_dir, FixedClock(NOW), unlock=PASS) as store:
        session = make_session("Shared check-in")
        store.save_session(session)
    code, out, err = run(
        capsys, "export", session.id, "-o", str(tmp_path / "out.md"), "--data", str(data_dir)
    )
    assert code == 0, err
    assert "This export is not encrypted" in out
    assert (tmp_path / "out.md").read_text().startswith("---")
