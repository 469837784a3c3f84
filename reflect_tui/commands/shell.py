"""`reflect completion SHELL` and `reflect man`: from the same parser as --help."""

from __future__ import annotations

import argparse
import sys

from reflect_tui import package_version

SHELLS = ("bash", "zsh", "fish")


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    completion = subparsers.add_parser(
        "completion",
        help="print a tab-completion script for bash, zsh or fish",
        description=(
            "Print a completion script for your shell. "
            "bash: add `source <(reflect completion bash)` to ~/.bashrc. "
            "zsh: `reflect completion zsh > ~/.zfunc/_reflect` with ~/.zfunc on your fpath "
            "(before compinit). "
            "fish: `reflect completion fish > ~/.config/fish/completions/reflect.fish`."
        ),
    )
    completion.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or fish")
    completion.set_defaults(func=run_completion)

    man = subparsers.add_parser(
        "man",
        help="print the manual page (roff), e.g. `man <(reflect man)`",
        description=(
            "Print the manual page, written from the same parser as --help. Read it with "
            "`man <(reflect man)`, or install it: "
            "`reflect man > ~/.local/share/man/man1/reflect.1`."
        ),
    )
    man.set_defaults(func=run_man)


def run_completion(args: argparse.Namespace) -> int:
    import shtab  # only when asked: completion is generated, never at start-up

    from reflect_tui.commands import options

    parser = options.build_parser()
    _mark_paths(parser, shtab.DIRECTORY, shtab.FILE)
    sys.stdout.write(shtab.complete(parser, shell=args.shell))
    return 0


def run_man(args: argparse.Namespace) -> int:
    from reflect_tui.commands import options
    from reflect_tui.manpage import render_manpage

    sys.stdout.write(render_manpage(options.build_parser(), package_version()))
    return 0


def _mark_paths(parser: argparse.ArgumentParser, folder: object, file: object) -> None:
    """Let the shell complete folder names after DIR options and file names after PATH/FILE."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _mark_paths(sub, folder, file)
        elif action.metavar == "DIR":
            action.complete = folder  # type: ignore[attr-defined]
        elif action.metavar in ("PATH", "FILE"):
            action.complete = file  # type: ignore[attr-defined]
