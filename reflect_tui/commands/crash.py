"""`reflect crash-report`: show a crash report as text, to pass on to support.

A report holds code locations only (see ``crashreport``), so printing it leaks
nothing; in an encrypted folder it is encrypted like every other file there,
and this command is how a person reads it (after the passphrase).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reflect_tui import paths
from reflect_tui.commands.options import data_option
from reflect_tui.errors import UserError


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    show = subparsers.add_parser(
        "crash-report",
        parents=[parent],
        help="show the newest crash report (or one named) as text, to pass to support",
        description=(
            "Print a crash report left in the data folder as plain text. Reports hold where "
            "in the code reflect failed, never your text, names or values. In an encrypted "
            "folder they are encrypted too; this asks for the passphrase and shows the text."
        ),
    )
    show.add_argument(
        "file", nargs="?", metavar="FILE", help="a crash-*.txt file (default: newest)"
    )
    show.add_argument("--list", action="store_true", help="list the crash reports, newest last")
    show.set_defaults(func=run_crash_report)


def run_crash_report(args: argparse.Namespace) -> int:
    from reflect_tui import crashreport
    from reflect_tui.store import Store

    data_dir = paths.data_dir(data_option(args))
    found = crashreport.reports(data_dir) if data_dir.is_dir() else []
    if args.list:
        for path in found:
            print(path.name)
        if not found:
            print(f"No crash reports in {data_dir}.", file=sys.stderr)
        return 0
    if args.file:
        path = Path(args.file)
        path = path if path.is_file() else data_dir / path
        if path.resolve() not in {p.resolve() for p in found}:
            raise UserError(
                f"{args.file} is not a crash report in {data_dir}. Run `reflect crash-report "
                "--list` to see the reports there."
            )
    elif found:
        path = found[-1]
    else:
        raise UserError(f"No crash reports in {data_dir}: reflect has not crashed there.", 1)
    with Store.open(data_dir, read_only=True) as store:
        codec = store.codec
        sys.stdout.write(crashreport.read_report(path, codec))
    return 0
