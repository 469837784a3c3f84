"""Is a data folder encrypted, and where does its passphrase come from.

Kept free of ``cryptography``: a plaintext folder never loads it. The CLI sets a
default ``SecretSource`` (the terminal, or ``$REFLECT_PASSPHRASE`` for scripts),
so every command that calls ``Store.open`` unlocks the same way; the app passes
what its unlock screen was given.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from reflect_tui.store.errors import StoreLocked
from reflect_tui.store.files import Codec

KEYS_NAME = "reflect.keys"
PENDING_NAME = "reflect.keys.pending"
MAGIC = b"RFLCTEN"
ENV_PASSPHRASE = "REFLECT_PASSPHRASE"
TRIES = 3

# Called with the folder and the attempt (0, 1, 2); returns the passphrase, or None to stop.
SecretSource = Callable[[Path, int], str | None]
Unlock = str | SecretSource

_default: SecretSource | None = None
# Called with the folder and its data file before the default source is asked; returns
# a codec, or None to ask (the CLI sets ``os_keyring``'s look-up; see docs/storage.md).
KeyringLookup = Callable[[Path, Path], Codec | None]
_keyring: KeyringLookup | None = None


def set_keyring_lookup(lookup: KeyringLookup | None) -> None:
    """Let ``Store.open`` without an explicit unlock try the OS keyring first."""
    global _keyring
    _keyring = lookup


def is_encrypted(data_dir: Path) -> bool:
    return (data_dir / KEYS_NAME).exists()


def set_default_source(source: SecretSource | None) -> None:
    """What ``Store.open`` asks when it is given no unlock (the CLI sets the terminal)."""
    global _default
    _default = source


def default_source() -> SecretSource | None:
    return _default


def env_source(data_dir: Path, attempt: int) -> str | None:
    value = os.environ.get(ENV_PASSPHRASE)
    return value if attempt == 0 and value else None


class TerminalSource:
    """``$REFLECT_PASSPHRASE`` if set (scripts), else asked on the terminal with getpass.

    Never from the command line. A passphrase that worked is kept for the rest of
    this process only, so a command opening the same folder twice asks once.
    """

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def __call__(self, data_dir: Path, attempt: int) -> str | None:
        key = data_dir.resolve()
        if attempt == 0 and key in self._known:
            return self._known[key]
        env = env_source(data_dir, attempt)
        if env is not None or os.environ.get(ENV_PASSPHRASE):
            return env
        if not sys.stdin.isatty():
            return None
        import getpass

        if attempt:
            print("That passphrase is not right; try again.", file=sys.stderr)
        try:
            return getpass.getpass(f"Passphrase for {data_dir}: ")
        except EOFError:
            return None

    def remember(self, data_dir: Path, secret: str) -> None:
        self._known[data_dir.resolve()] = secret


def starts_encrypted(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def codec_for_folder(data_dir: Path, unlock: Unlock | None, store_file: Path) -> Codec | None:
    """None for a plaintext folder; else the unlocked codec (``crypto.EnvelopeCodec``).

    Raises StoreLocked, before anything is read or written, when the folder is
    encrypted and no passphrase that fits is given.
    """
    if (data_dir / PENDING_NAME).exists() and not is_encrypted(data_dir):
        raise StoreLocked(
            f"Encrypting {data_dir} was interrupted before it finished; nothing is lost. "
            f"Run `reflect encrypt --data {data_dir}` again with the same passphrase to finish it."
        )
    if not is_encrypted(data_dir):
        if starts_encrypted(store_file):
            raise StoreLocked(
                f"The data file {store_file} is encrypted, but its key file {KEYS_NAME} is "
                f"missing from {data_dir}; nothing was opened or written. Put back "
                f"{KEYS_NAME} from your backup of this folder."
            )
        return None
    from reflect_tui.store import crypto

    if unlock is None and _keyring is not None:
        kept = _keyring(data_dir, store_file)
        if kept is not None:
            return kept
    source = unlock if unlock is not None else _default
    if source is None:
        raise StoreLocked(
            f"The data in {data_dir} is encrypted and no passphrase was given; nothing was "
            f"opened. Run the command at a terminal to be asked for it (scripts can set "
            f"{ENV_PASSPHRASE})."
        )
    if isinstance(source, str):
        return crypto.codec_for(data_dir, source)
    keys = crypto.KeyFile.load(data_dir)
    for attempt in range(TRIES):
        secret = source(data_dir, attempt)
        if secret is None:
            break
        data_key = keys.unlock(secret)
        if data_key is not None:
            if isinstance(source, TerminalSource):
                source.remember(data_dir, secret)
            return crypto.EnvelopeCodec(data_key, keys.key_id)
        if attempt == 0 and secret == os.environ.get(ENV_PASSPHRASE):
            raise StoreLocked(
                crypto.wrong_secret_message(data_dir).replace(
                    "That passphrase", f"The passphrase in {ENV_PASSPHRASE}"
                )
            )
    else:
        raise StoreLocked(crypto.wrong_secret_message(data_dir))
    raise StoreLocked(
        f"The data in {data_dir} is encrypted and no passphrase was given; nothing was opened. "
        f"Run the command at a terminal to be asked for it (scripts can set {ENV_PASSPHRASE})."
    )
