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

from reflect_tui import __version__
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


def build_parser() -> argparse.ArgumentParser:
    parent = common_options()
    parser = argparse.ArgumentParser(
        prog="reflect",
        description=(
            "Structured reflective practice, supervision, decompression sessions and "
            "pre-visit risk analysis. Run with no command to open the app."
        ),
        parents=[parent],
    )
    parser.add_argument("--version", action="version", version=f"reflect {__version__}")
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "func", open_app)
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
