"""The `reflect` command: opens the app, or runs one of the sub-commands.

Every failure a person can cause ends in a one-paragraph message on stderr and
a non-zero exit code, never a traceback (``UserError``). Sub-commands live in
``reflect_tui.commands``; each module registers its own parsers.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from reflect_tui import package_version
from reflect_tui.errors import UserError

# Modules in reflect_tui.commands, in the order their commands appear in --help.
COMMAND_MODULES: tuple[str, ...] = (
    "templates",
    "export",
    "store",
    "report",
    "people",
    "actions",
    "due",
    "encryption",
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


# Options that may come before the app opens; each takes one value.
APP_OPTIONS = ("--data", "--templates")


def opens_app(argv: Sequence[str]) -> bool:
    """True if ``argv`` only names data/template folders: no command, no help.

    Then the sub-command parsers (and everything they import) are not needed,
    which keeps the app's start-up short.
    """
    expect_value = False
    for arg in argv:
        if expect_value:
            expect_value = False
        elif arg in APP_OPTIONS:
            expect_value = True
        elif not any(arg.startswith(f"{opt}=") for opt in APP_OPTIONS):
            return False
    return not expect_value


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


def open_app(args: argparse.Namespace) -> int:
    from reflect_tui.ui.app import run_app  # Textual only loads when the app opens

    return run_app(data=data_option(args), template_dirs=getattr(args, "templates", None))


def use_terminal_for_passphrases() -> None:
    """Sub-commands unlock an encrypted folder from the terminal or $REFLECT_PASSPHRASE."""
    from reflect_tui.store.unlock import TerminalSource, set_default_source

    set_default_source(TerminalSource())


def main(argv: Sequence[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(commands=not opens_app(args_list))
    args = parser.parse_args(args_list)
    handler: Handler = getattr(args, "func", open_app)
    if hasattr(args, "func"):
        use_terminal_for_passphrases()
    try:
        return handler(args)
    except UserError as err:
        print(f"reflect: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("reflect: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
