"""The optional OS keyring: keep an encrypted folder's data key there, if a person asks.

Never by default. ``reflect keyring on`` (or the box on the app's unlock screen)
puts the folder's **unwrapped data key** in the system keyring (GNOME Keyring /
KWallet through Secret Service, macOS Keychain, Windows Credential Locker), so
the app and the CLI open the folder at start without the passphrase;
``reflect keyring off`` removes it. The passphrase itself is never stored
anywhere. Auto-lock always asks for the passphrase again: the keyring only
unlocks at start (docs/storage.md, "The OS keyring").

Why the data key and not the passphrase: a passphrase is a human secret that may
be reused elsewhere, and storing it would still cost the key derivation at every
start; the data key opens only this folder and needs no derivation. The price:
changing the passphrase does not change the data key, so a key kept in (or copied
from) the keyring keeps opening the folder until ``reflect keyring off``, just as
the old passphrase could have unwrapped the same key. An entry is checked against
the folder's key id and its data file before it is used; one that no longer fits
(the folder was encrypted again) is removed and the passphrase asked instead.

The ``keyring`` library is optional (``pip install 'reflect-tui[keyring]'``) and
imported only here, only when an encrypted folder opens with the keyring allowed.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reflect_tui.errors import UserError

if TYPE_CHECKING:
    from reflect_tui.store.crypto import EnvelopeCodec

SERVICE = "reflect-tui"
ENTRY_MARK = "reflect-data-key/1"
INSTALL_HINT = "pip install 'reflect-tui[keyring]'"


class KeyringProblem(UserError):
    """The keyring cannot be used here; ``str()`` says why and what to do."""


@dataclass(frozen=True)
class Opened:
    """What a start-up look in the keyring found: a codec, and a note to show (or None)."""

    codec: EnvelopeCodec | None
    note: str | None = None


def installed() -> bool:
    """Whether the optional ``keyring`` library is there (cheap: nothing is imported)."""
    return importlib.util.find_spec("keyring") is not None


def backend_problem() -> str | None:
    """None if a usable system keyring exists; else one plain sentence on why not."""
    if not installed():
        return (
            f"The system keyring is not installed ({INSTALL_HINT} adds it), so the "
            "passphrase is asked each time."
        )
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or backend.priority <= 0:
        return (
            "No system keyring was found on this computer (GNOME Keyring, KWallet, "
            "Keychain...), so the passphrase is asked each time."
        )
    return None


def _account(data_dir: Path) -> str:
    return str(Path(data_dir).expanduser().resolve())


def _entry(key_id: bytes, data_key: bytes) -> str:
    return f"{ENTRY_MARK}:{key_id.hex()}:{base64.b64encode(data_key).decode('ascii')}"


def _parse(entry: str) -> tuple[bytes, bytes] | None:
    """(key id, data key) from a stored entry, or None if it is not one of ours."""
    mark, _, rest = entry.partition(":")
    key_hex, _, key_b64 = rest.partition(":")
    if mark != ENTRY_MARK:
        return None
    try:
        key_id = bytes.fromhex(key_hex)
        data_key = base64.b64decode(key_b64, validate=True)
    except (ValueError, binascii.Error):
        return None
    if len(key_id) != 8 or len(data_key) != 32:
        return None
    return key_id, data_key


def _call(what: str, action: str) -> Exception:
    return KeyringProblem(
        f"The system keyring refused to {action} ({what}); nothing else was changed. "
        "Unlock the keyring (it may be locked with your login) and try again."
    )


def remember(data_dir: Path, codec: EnvelopeCodec) -> None:
    """Keep ``codec``'s data key in the system keyring for ``data_dir``."""
    problem = backend_problem()
    if problem is not None:
        raise KeyringProblem(problem)
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, _account(data_dir), _entry(codec.key_id, codec.data_key))
    except KeyringError as err:
        raise _call(type(err).__name__, "keep the key") from None


def forget(data_dir: Path) -> bool:
    """Remove ``data_dir``'s entry; True if there was one."""
    if not installed() or backend_problem() is not None:
        return False
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    account = _account(data_dir)
    try:
        if keyring.get_password(SERVICE, account) is None:
            return False
        keyring.delete_password(SERVICE, account)
    except PasswordDeleteError:
        return False
    except KeyringError as err:
        raise _call(type(err).__name__, "remove the key") from None
    return True


def is_remembered(data_dir: Path) -> bool:
    """Whether the keyring holds an entry for ``data_dir`` (False without a keyring)."""
    if not installed() or backend_problem() is not None:
        return False
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, _account(data_dir)) is not None
    except KeyringError:
        return False


def open_from_keyring(data_dir: Path, store_file: Path) -> Opened:
    """At start: the codec from the keyring's entry, checked against the folder, if any.

    Never raises for a missing, locked or broken keyring: the passphrase is asked
    instead. An entry that does not fit this folder is removed, with a note.
    """
    if not installed():
        return Opened(None)
    try:
        if backend_problem() is not None:
            return Opened(None)
        import keyring

        entry = keyring.get_password(SERVICE, _account(data_dir))
    except Exception:  # a keyring that is locked, or whose daemon is gone: ask instead
        return Opened(None)
    if entry is None:
        return Opened(None)
    from reflect_tui.store import crypto
    from reflect_tui.store.errors import FileUndecryptable, StoreError

    parsed = _parse(entry)
    stale = Opened(
        None,
        "The key kept in the system keyring no longer fits this data folder (it was "
        "encrypted again, or the entry was changed); it was removed. Type the passphrase; "
        "tick the keyring box to keep the new key.",
    )
    try:
        keys = crypto.KeyFile.load(data_dir)
    except StoreError:
        return Opened(None)  # the passphrase path reports a broken key file plainly
    if parsed is None or parsed[0] != keys.key_id:
        _quiet_forget(data_dir)
        return stale
    codec = crypto.EnvelopeCodec(parsed[1], parsed[0])
    try:
        raw = store_file.read_bytes()
    except FileNotFoundError:
        return Opened(codec)
    except OSError:
        return Opened(None)
    try:
        codec.decode(raw)
    except FileUndecryptable:
        # The entry is kept: the data file may be damaged rather than the key wrong,
        # and the passphrase path reports a damaged file plainly.
        return Opened(
            None,
            "The key kept in the system keyring did not open the data file; type the passphrase.",
        )
    return Opened(codec)


def _quiet_forget(data_dir: Path) -> None:
    with contextlib.suppress(KeyringProblem):
        forget(data_dir)


def use_keyring_in_commands() -> None:
    """CLI commands try the keyring before asking (only if its library is installed)."""
    if not installed():
        return
    import sys

    from reflect_tui.store.unlock import set_keyring_lookup

    def lookup(data_dir: Path, store_file: Path) -> EnvelopeCodec | None:
        opened = open_from_keyring(data_dir, store_file)
        if opened.note is not None:
            print(f"reflect: note: {opened.note}", file=sys.stderr)
        return opened.codec

    set_keyring_lookup(lookup)
