"""`reflect verify`: the full check of a data folder (every session file, the index)."""

from __future__ import annotations

import argparse

from reflect_tui import paths
from reflect_tui.commands.options import data_option
from reflect_tui.store import Store

# Exit code when something fails the check (as `reflect check` uses for findings).
FOUND = 3


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    verify = subparsers.add_parser(
        "verify",
        parents=[parent],
        help="check every session file and the index of the data folder",
        description=(
            "Read every session file with the app's own decoder and compare it with the "
            "index, without writing anything. Says what is wrong and what to do; exit "
            f"status {FOUND} if anything fails."
        ),
    )
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    data_dir = paths.data_dir(data_option(args))
    with Store.open(data_dir, read_only=True) as store:
        problems = store.verify()
        count = store.session_count()
    if not problems:
        print(f"All {count} sessions in {data_dir} and their index pass every check.")
        return 0
    for problem in problems:
        print(problem)
    return FOUND
