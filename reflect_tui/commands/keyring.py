"""`reflect keyring on|off|status`: keep an encrypted folder's key in the OS keyring, or not.

Off unless a person turns it on. See ``reflect_tui.os_keyring`` for what is kept
(the data key, never the passphrase) and docs/storage.md for the trade-off.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from reflect_tui import paths
from reflect_tui.commands.options import data_option
from reflect_tui.errors import UserError

if TYPE_CHECKING:
    from reflect_tui.store.crypto import EnvelopeCodec


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    command = subparsers.add_parser(
        "keyring",
        parents=[parent],
        help="keep an encrypted folder's key in the system keyring (on), or stop (off)",
        description=(
            "With `on`, the key that opens an encrypted data folder is kept in this computer's "
            "system keyring, so the app and commands open it at start without the passphrase "
            "(the passphrase is asked once, to get the key). With `off` it is removed. "
            "Auto-lock still asks for the passphrase. `status` says which applies. Off "
            "unless you turn it on; needs the keyring extra (pip install "
            "'reflect-tui[keyring]') and a keyring service on the computer."
        ),
    )
    command.add_argument(
        "state",
        nargs="?",
        choices=("on", "off", "status"),
        default="status",
        help="default: status",
    )
    command.set_defaults(func=run_keyring)


def run_keyring(args: argparse.Namespace) -> int:
    from reflect_tui import os_keyring
    from reflect_tui.store.unlock import is_encrypted

    data_dir = paths.data_dir(data_option(args))
    if args.state == "off":
        removed = os_keyring.forget(data_dir)
        print(
            f"The key for {data_dir} was removed from the system keyring; the passphrase is "
            "asked at every start."
            if removed
            else f"No key for {data_dir} is kept in the system keyring; nothing was changed."
        )
        return 0
    problem = os_keyring.backend_problem()
    if args.state == "status":
        if problem is not None:
            print(problem)
        elif os_keyring.is_remembered(data_dir):
            print(f"On: the key for {data_dir} is kept in the system keyring.")
        else:
            print(f"Off: the passphrase for {data_dir} is asked at every start.")
        return 0
    if not is_encrypted(data_dir):
        raise UserError(
            f"{data_dir} is not encrypted, so there is no key to keep; nothing was changed. "
            f"Run `reflect encrypt --data {data_dir}` first."
        )
    if problem is not None:
        raise UserError(f"{problem} Nothing was changed.")
    os_keyring.remember(data_dir, _unlocked_codec(data_dir))
    print(
        f"On: the key for {data_dir} is kept in the system keyring. reflect opens it at "
        "start without the passphrase; auto-lock still asks for it. `reflect keyring off` "
        "removes it."
    )
    return 0


def _unlocked_codec(data_dir: Path) -> EnvelopeCodec:
    """The folder's codec, unlocked with the passphrase typed now (never the keyring)."""
    from reflect_tui.store import crypto
    from reflect_tui.store.errors import StoreLocked
    from reflect_tui.store.unlock import TerminalSource, codec_for_folder

    codec = codec_for_folder(data_dir, TerminalSource(), data_dir / "reflect.json")
    if not isinstance(codec, crypto.EnvelopeCodec):  # pragma: no cover - is_encrypted held
        raise StoreLocked(f"{data_dir} did not unlock; nothing was changed.")
    return codec
