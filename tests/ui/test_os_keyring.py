"""The optional OS keyring: off by default, on when a person asks, never past auto-lock.

Every test uses an in-memory keyring backend set in-process (``keyring.set_keyring``);
the machine's real keyring is never touched (tests/conftest.py also points
``PYTHON_KEYRING_BACKEND`` at the null backend for everything else).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from harness import new_clock
from keyring.backend import KeyringBackend
from keyring.backends import null
from keyring.errors import PasswordDeleteError
from textual.widgets import Checkbox, Input, Static

from reflect_tui import os_keyring
from reflect_tui.cli import main
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.session import Session
from reflect_tui.store import Store, crypto
from reflect_tui.store.encrypt_folder import init_encrypted
from reflect_tui.store.unlock import set_default_source, set_keyring_lookup
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.app import ReflectApp, make_app
from reflect_tui.ui.screens.home import HomeScreen
from reflect_tui.ui.screens.unlock import UnlockScreen

FAST = crypto.KdfParams(n=2**10, r=8, p=1)
PASS = "kettle on the third floor"
TITLE = "Tuesday team reflection"


def null_keyring() -> KeyringBackend:
    """The keyring that keeps nothing (what the tests go back to)."""
    return null.Keyring()  # type: ignore[no-untyped-call]  # keyring is not annotated


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict: what the tests read instead of the OS's."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring is not annotated
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such entry")


@pytest.fixture(autouse=True)
def quiet_cli() -> Iterator[None]:
    yield
    set_default_source(None)  # main() installs the terminal and keyring sources
    set_keyring_lookup(None)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "PASSPHRASE_KDF", FAST)


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(null_keyring())


@pytest.fixture
def no_keyring() -> Iterator[None]:
    keyring.set_keyring(null_keyring())
    yield


def encrypted_folder(data: Path) -> None:
    init_encrypted(data, PASS, FAST)
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    with Store.open(data, new_clock(), unlock=PASS) as store:
        store.save_session(Session.start(template, TITLE, new_clock().now()))


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def app_for(data: Path, clock: FixedClock | None = None) -> ReflectApp:
    return make_app(data, clock or new_clock(), animations=False, use_keyring=True)


# -- the command ------------------------------------------------------------


def test_keyring_on_keeps_the_data_key_never_the_passphrase_and_off_removes_it(
    tmp_path: Path,
    memory: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)
    assert cli(capsys, "keyring", "--data", str(data)) == (
        0,
        f"Off: the passphrase for {data} is asked at every start.\n",
    )
    assert memory.entries == {}  # never by default, not even after opening the folder

    monkeypatch.setenv("REFLECT_PASSPHRASE", PASS)
    code, shown = cli(capsys, "keyring", "on", "--data", str(data))
    assert code == 0 and "kept in the system keyring" in shown, shown
    ((service, account), entry), *_ = memory.entries.items()
    assert (service, account) == ("reflect-tui", str(data.resolve()))
    assert PASS not in entry and entry.startswith("reflect-data-key/1:")
    keys = crypto.KeyFile.load(data)
    assert os_keyring._parse(entry) == (keys.key_id, keys.unlock(PASS))

    # Commands now open the folder without asking: no passphrase, no terminal.
    monkeypatch.delenv("REFLECT_PASSPHRASE")
    code, shown = cli(capsys, "list", "--data", str(data))
    assert code == 0 and TITLE in shown, shown
    assert cli(capsys, "keyring", "status", "--data", str(data))[1].startswith("On:")

    code, shown = cli(capsys, "keyring", "off", "--data", str(data))
    assert code == 0 and "removed from the system keyring" in shown
    assert memory.entries == {}
    code, shown = cli(capsys, "list", "--data", str(data))
    assert code != 0 and "encrypted and no passphrase was given" in shown
    assert "Traceback" not in shown


def test_a_wrong_passphrase_keeps_nothing(
    tmp_path: Path,
    memory: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)
    monkeypatch.setenv("REFLECT_PASSPHRASE", "not the passphrase")
    code, shown = cli(capsys, "keyring", "on", "--data", str(data))
    assert code != 0 and "does not unlock" in shown
    assert memory.entries == {}


def test_without_a_keyring_the_command_says_so_plainly(
    tmp_path: Path,
    no_keyring: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)
    monkeypatch.setenv("REFLECT_PASSPHRASE", PASS)
    code, shown = cli(capsys, "keyring", "--data", str(data))
    assert code == 0 and "No system keyring was found on this computer" in shown
    code, shown = cli(capsys, "keyring", "on", "--data", str(data))
    assert code == 1 and "No system keyring was found" in shown and "Nothing was changed" in shown
    # Without the optional library, the message names the extra to install.
    monkeypatch.setattr(os_keyring, "installed", lambda: False)
    code, shown = cli(capsys, "keyring", "on", "--data", str(data))
    assert code == 1 and "pip install 'reflect-tui[keyring]'" in shown
    code, shown = cli(capsys, "list", "--data", str(data))  # still works, with the passphrase
    assert code == 0 and TITLE in shown


def test_a_plaintext_folder_has_no_key_to_keep(
    tmp_path: Path, memory: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    Store.open(data).close()
    code, shown = cli(capsys, "keyring", "on", "--data", str(data))
    assert code == 1 and "is not encrypted" in shown
    assert memory.entries == {}


# -- the app -----------------------------------------------------------------


async def test_the_unlock_box_keeps_the_key_only_when_ticked(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)
    app = app_for(data)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        box = app.screen.query_one("#keep-in-keyring", Checkbox)
        assert box.value is False and not box.disabled  # offered, never ticked for you
        app.screen.query_one(Input).value = PASS
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert memory.entries == {}

    app = app_for(data)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#keep-in-keyring", Checkbox).value = True
        app.screen.query_one(Input).value = PASS
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.keyring.kept
    assert len(memory.entries) == 1


async def test_a_kept_key_opens_at_start_but_auto_lock_still_asks_the_passphrase(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)
    with Store.open(data, unlock=PASS) as store:
        os_keyring.remember(data, store.codec)  # type: ignore[arg-type]
    clock = new_clock()
    app = app_for(data, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # no unlock screen at start
        assert app.keyring.opened_by_keyring
        clock.advance(11 * 60)  # left on the meeting-room table
        app.check_auto_lock()
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen) and app.locked
        assert not app.screen.query("#keep-in-keyring")  # the lock screen never offers it
        app.screen.query_one(Input).value = "kettle on the second floor"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)  # the keyring does not open the lock
        app.screen.query_one(Input).value = PASS
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.locked
        # Stopping from the command palette removes the entry.
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Stop keeping the key in the keyring" in titles
        from reflect_tui.ui.keyring_link import forget_key

        forget_key(app)
    assert memory.entries == {}


async def test_a_key_that_no_longer_fits_is_removed_and_the_passphrase_asked(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)
    other = tmp_path / "other"
    init_encrypted(other, PASS, FAST)
    with Store.open(other, unlock=PASS) as store:  # another folder's key, filed under this one
        os_keyring.remember(data, store.codec)  # type: ignore[arg-type]
    app = app_for(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        status = str(app.screen.query_one("#unlock-status", Static).render())
        assert "no longer fits this data folder" in status
    assert memory.entries == {}


async def test_without_a_keyring_the_box_is_off_and_says_why(
    tmp_path: Path, no_keyring: None
) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)
    app = app_for(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert app.screen.query_one("#keep-in-keyring", Checkbox).disabled
        why = str(app.screen.query_one("#keyring-problem", Static).render())
        assert "No system keyring was found" in why
        app.screen.query_one(Input).value = PASS
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # the app works without it


class LockedKeyring(MemoryKeyring):
    """A keyring whose service refuses to store (locked, or its daemon gone)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        from keyring.errors import KeyringLocked

        raise KeyringLocked("locked")


async def test_a_keyring_that_refuses_says_so_and_the_app_carries_on(tmp_path: Path) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)
    backend = LockedKeyring()
    keyring.set_keyring(backend)
    try:
        app = app_for(data)
        notes: list[tuple[str, str]] = []
        async with app.run_test(size=(80, 24)) as pilot:
            app.notify = lambda message, **kw: notes.append((str(message), kw.get("severity", "")))  # type: ignore[method-assign]
            app.screen.query_one("#keep-in-keyring", Checkbox).value = True
            app.screen.query_one(Input).value = PASS
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert not app.keyring.kept
        assert backend.entries == {}
        assert any("refused to keep the key" in m and s == "warning" for m, s in notes), notes
    finally:
        keyring.set_keyring(null_keyring())
