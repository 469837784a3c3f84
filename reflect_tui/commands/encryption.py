"""`reflect init --encrypt`, `reflect encrypt`, `reflect passphrase`: encryption at rest.

Passphrases are read from the terminal (getpass, typed twice when new), never
from the command line. Scripts may set ``$REFLECT_PASSPHRASE`` (the current
passphrase, or the one to choose) and ``$REFLECT_NEW_PASSPHRASE`` (for
``reflect passphrase``); see docs/storage.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reflect_tui import paths
from reflect_tui.commands import options
from reflect_tui.errors import UserError
from reflect_tui.store.unlock import ENV_PASSPHRASE

ENV_NEW_PASSPHRASE = "REFLECT_NEW_PASSPHRASE"


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    init = subparsers.add_parser(
        "init",
        parents=[parent],
        help="create a new data folder (with --encrypt: encrypted at rest)",
        description=(
            "Create a new, empty data folder. With --encrypt everything reflect keeps in it "
            "is encrypted with a passphrase you choose; a recovery key is shown once, to be "
            "written down and kept somewhere safe."
        ),
    )
    init.add_argument("--encrypt", action="store_true", help="encrypt the folder with a passphrase")
    init.set_defaults(func=run_init)

    enc = subparsers.add_parser(
        "encrypt",
        parents=[parent],
        help="encrypt an existing data folder where it is",
        description=(
            "Encrypt every file in an existing data folder (the data file, its backups, "
            "autosave journals, saved minutes, files kept aside by a restore) and overwrite "
            "the plaintext. Close the app first. A recovery key is shown once at the end."
        ),
    )
    enc.set_defaults(func=run_encrypt)

    change = subparsers.add_parser(
        "passphrase",
        parents=[parent],
        help="change the passphrase of an encrypted data folder",
        description=(
            "Change the passphrase of an encrypted data folder. Give the current passphrase, "
            "or the recovery key if it is forgotten. Only the key file is rewritten; the data "
            "stays as it is."
        ),
    )
    change.set_defaults(func=run_passphrase)


def _data_dir(args: argparse.Namespace) -> Path:
    return paths.data_dir(options.data_option(args))


def ask_new_passphrase(env: str = ENV_PASSPHRASE) -> str:
    """A new passphrase: from ``$env`` (scripts), else typed twice on the terminal."""
    from_env = os.environ.get(env)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise UserError(
            f"A passphrase is needed and this is not a terminal; nothing was changed. Run "
            f"the command at a terminal, or set {env} in a script."
        )
    import getpass

    first = getpass.getpass("Choose a passphrase: ")
    second = getpass.getpass("Type it again: ")
    if first != second:
        raise UserError("The two passphrases differ; nothing was changed. Run it again.")
    return first


def ask_current(data_dir: Path) -> str:
    from_env = os.environ.get(ENV_PASSPHRASE)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise UserError(
            f"{data_dir} is encrypted and this is not a terminal; nothing was changed. Run "
            f"the command at a terminal, or set {ENV_PASSPHRASE} in a script."
        )
    import getpass

    return getpass.getpass(f"Current passphrase (or recovery key) for {data_dir}: ")


def recovery_notice(recovery_key: str) -> str:
    return (
        "\n"
        "  Recovery key (shown only this once):\n"
        "\n"
        f"      {recovery_key}\n"
        "\n"
        "  Write it down and keep it somewhere safe, away from this computer. If the\n"
        "  passphrase is forgotten, this key is the only way back in: give it instead of\n"
        "  the passphrase, then run `reflect passphrase` to choose a new one.\n"
    )


def run_init(args: argparse.Namespace) -> int:
    from reflect_tui.store import Store

    data_dir = _data_dir(args)
    if not args.encrypt:
        with Store.open(data_dir) as store:
            print(f"The data folder {store.data_dir} is ready (not encrypted).")
        return 0
    from reflect_tui.store.encrypt_folder import init_encrypted

    passphrase = ask_new_passphrase()
    keys = init_encrypted(data_dir, passphrase)
    with Store.open(data_dir, codec=keys.codec()):
        pass
    print(f"Created the encrypted data folder {data_dir}.")
    print(recovery_notice(keys.recovery_key))
    return 0


def run_encrypt(args: argparse.Namespace) -> int:
    from reflect_tui.store.encrypt_folder import encrypt_existing

    data_dir = _data_dir(args)
    passphrase = ask_new_passphrase()
    done = encrypt_existing(data_dir, passphrase)
    print(
        f"Encrypted {done.files} files in {data_dir}; the plaintext was overwritten. "
        "(On SSDs and journaling file systems old copies may survive on the disk itself: "
        "see docs/storage.md.)"
    )
    for folder in done.outside:
        print(
            f"Note: the minutes folder {folder} is outside the data folder and was left as "
            "it is (plaintext). Move or delete those files yourself."
        )
    print(recovery_notice(done.recovery_key))
    return 0


def run_passphrase(args: argparse.Namespace) -> int:
    from reflect_tui.store import crypto
    from reflect_tui.store.unlock import is_encrypted

    data_dir = _data_dir(args)
    if not is_encrypted(data_dir):
        raise UserError(
            f"{data_dir} is not encrypted, so it has no passphrase. Run `reflect encrypt` "
            "to encrypt it."
        )
    current = ask_current(data_dir)
    new = ask_new_passphrase(ENV_NEW_PASSPHRASE)
    crypto.change_passphrase(data_dir, current, new)
    print(f"Changed the passphrase of {data_dir}. The recovery key still works.")
    return 0
