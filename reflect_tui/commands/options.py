"""The parts of the `reflect` parser the sub-commands share: --data, --templates, --version.

Kept here, under ``commands/``, so a command module never imports ``reflect_tui.cli``
(the entry point) back: ``cli`` and every command import these from one place.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence

from reflect_tui import package_version

# Modules in reflect_tui.commands, in the order their commands appear in --help.
COMMAND_MODULES: tuple[str, ...] = (
    "templates",
    "export",
    "store",
    "report",
    "people",
    "actions",
    "due",
    "calendar",
    "search",
    "shell",
    "privacy",
    "erasure",
    "person",
    "retention",
    "encryption",
    "verify",
    "crash",
    "keyring",
)

Handler = Callable[[argparse.Namespace], int]


def common_options() -> argparse.ArgumentParser:
    """Options every sub-command accepts, before or after its name."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data",
        metavar="DIR",
        action="append",
        default=argparse.SUPPRESS,
        help="data directory (default: $REFLECT_DATA, else your per-user data folder)",
    )
    parent.add_argument(
        "--templates",
        metavar="DIR",
        action="append",
        default=argparse.SUPPRESS,
        help="extra folder of session templates; its templates override built-ins with the same id",
    )
    return parent


class VersionAction(argparse.Action):
    """``--version``: looks the version up only when asked (the lookup is slow to import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object, **__: object) -> None:
        print(f"reflect {package_version()}")
        parser.exit()


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The ``reflect`` parser; ``commands=False`` leaves out the sub-commands (app only)."""
    parent = common_options()
    parser = argparse.ArgumentParser(
        prog="reflect",
        description=(
            "Structured reflective practice, supervision, decompression sessions and "
            "pre-visit risk analysis. Run with no command to open the app."
        ),
        parents=[parent],
    )
    parser.add_argument("--version", action=VersionAction)
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"reflect_tui.commands.{name}")
        module.register(sub, parent)
    return parser


def data_option(args: argparse.Namespace) -> str | None:
    """The single --data directory a command works on (the last one given)."""
    dirs: list[str] = getattr(args, "data", None) or []
    return dirs[-1] if dirs else None
