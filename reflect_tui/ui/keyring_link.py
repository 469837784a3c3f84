"""The app's side of the optional OS keyring (``reflect_tui.os_keyring``).

At start (and only at start) an encrypted folder whose key a person chose to keep
in the system keyring opens without the unlock screen. The unlock screen offers
a box to keep the key; the command palette offers to stop. Auto-lock never
consults the keyring: it always asks for the passphrase.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import SystemCommand

    from reflect_tui.store.crypto import EnvelopeCodec
    from reflect_tui.store.files import Codec
    from reflect_tui.ui.app import ReflectApp

OPENED_NOTE = (
    "Opened with the key kept in this computer's system keyring. Auto-lock still asks "
    "for the passphrase; “Stop keeping the key in the keyring” in the command palette "
    "(or `reflect keyring off`) ends this."
)


@dataclass
class KeyringState:
    """What the app knows about the keyring for its folder."""

    offer: bool = False  # show the box on the unlock screen (the CLI's app; never in tests)
    problem: str | None = None  # why the box cannot be ticked (no library, no backend)
    note: str | None = None  # shown on the unlock screen (a stale entry was removed)
    kept: bool = False  # the keyring holds this folder's key now
    opened_by_keyring: bool = False


def at_start(folder: Path, store_file: Path) -> tuple[EnvelopeCodec | None, KeyringState]:
    """Look in the keyring for ``folder``'s key; what to open with, and what to offer."""
    from reflect_tui import os_keyring

    opened = os_keyring.open_from_keyring(folder, store_file)
    state = KeyringState(
        offer=True,
        problem=os_keyring.backend_problem(),
        note=opened.note,
        kept=opened.codec is not None,
        opened_by_keyring=opened.codec is not None,
    )
    return opened.codec, state


def keep_key(folder: Path, codec: Codec) -> tuple[bool, str]:
    """After an unlock with the box ticked: keep the key; (kept, what to tell the person)."""
    from reflect_tui import os_keyring
    from reflect_tui.store.crypto import EnvelopeCodec

    if not isinstance(codec, EnvelopeCodec):
        return False, "This folder is not encrypted, so no key was kept."
    try:
        os_keyring.remember(folder, codec)
    except os_keyring.KeyringProblem as err:
        return False, str(err)
    return True, (
        "The key is kept in this computer's system keyring: reflect opens this folder at "
        "start without the passphrase. Auto-lock still asks for it."
    )


def palette_commands(app: ReflectApp) -> Iterable[SystemCommand]:
    from textual.app import SystemCommand

    if app.keyring.kept:
        yield SystemCommand(
            "Stop keeping the key in the keyring",
            "Remove this folder's key from the system keyring; ask the passphrase at start",
            lambda: forget_key(app),
        )


def forget_key(app: ReflectApp) -> None:
    from reflect_tui import os_keyring

    try:
        os_keyring.forget(app.data_dir)
    except os_keyring.KeyringProblem as err:
        app.notify(str(err), severity="error", timeout=15)
        return
    app.keyring.kept = False
    app.notify("The key was removed from the system keyring; the passphrase is asked at start.")
