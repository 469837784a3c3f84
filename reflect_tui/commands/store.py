"""`reflect demo`, `reflect list`, `reflect restore`: the data directory from the CLI."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from reflect_tui import paths
from reflect_tui.commands import options, output
from reflect_tui.domain.clock import SystemClock
from reflect_tui.domain.confidential import listed
from reflect_tui.errors import UserError
from reflect_tui.store import SessionSummary, Store, StoreReadOnly, restore
from reflect_tui.store.backups import check_file, describe, list_backups

# How long a short writing command waits for another reflect process to let go.
WRITE_WAIT_SECONDS = 5.0


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    demo = subparsers.add_parser(
        "demo",
        parents=[parent],
        help="add fictional sample sessions and people to try the app with",
        description=(
            "Add invented, plausible sample sessions (across every built-in template), a roster "
            "of people, actions and themes to the data directory, so you can try reflect "
            "without typing real data. Adds to what is there; nothing is replaced."
        ),
    )
    demo.add_argument(
        "--sessions",
        type=_demo_count,
        default=None,
        metavar="N",
        help="add exactly N sessions (default: 12, plus, once per store, a supervision "
        f"and decompression history for the roster; at most {MAX_DEMO_SESSIONS:,})",
    )
    demo.add_argument("--seed", type=int, default=7, help="sample data seed (same seed, same data)")
    demo.set_defaults(func=run_demo)

    listing = subparsers.add_parser(
        "list",
        parents=[parent],
        help="list the saved sessions, newest first",
        description="List the sessions in the data directory: id, date, template, title, status.",
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    output.add_format_option(listing)
    listing.add_argument(
        "--confidential",
        action="store_true",
        help="also list confidential sessions (left out by default: who had which session)",
    )
    listing.add_argument(
        "--all",
        action="store_true",
        dest="list_all",
        help=f"list every session (default: the newest {LIST_LIMIT}, and how many more there are)",
    )
    listing.set_defaults(func=run_list)

    rest = subparsers.add_parser(
        "restore",
        parents=[parent],
        help="restore the data file from a backup",
        description=(
            "Put a backup back in place of the data file. The current file is never deleted: "
            "it is kept beside it under a new name. Without --backup, restores the newest "
            "backup that passes every check, and says which."
        ),
    )
    rest.add_argument(
        "--backup",
        type=_count,
        default=None,
        metavar="N",
        help="which backup: 1 is the newest (default: the newest that passes every check)",
    )
    rest.add_argument("--list", action="store_true", dest="list_only", help="only list the backups")
    rest.add_argument("--json", action="store_true", help="with --list: print the backups as JSON")
    rest.set_defaults(func=run_restore)


# Sample data is for trying the app; more than this is a typo (and minutes of work).
MAX_DEMO_SESSIONS = 5000


def _demo_count(text: str) -> int:
    value = _count(text)
    if value > MAX_DEMO_SESSIONS:
        raise argparse.ArgumentTypeError(
            f"{value:,} is more sample sessions than reflect makes at once "
            f"(at most {MAX_DEMO_SESSIONS:,}); run demo again to add more"
        )
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, not {value}")
    return value


def _data_dir(args: argparse.Namespace) -> Path:
    return paths.data_dir(options.data_option(args))


def run_demo(args: argparse.Namespace) -> int:
    from reflect_tui.store import demo
    from reflect_tui.templates import TemplateLibrary

    templates = TemplateLibrary.from_dirs([]).templates()
    clock = SystemClock()
    with Store.open(_data_dir(args), clock, lock_timeout=WRITE_WAIT_SECONDS) as store:
        if store.read_only:
            raise StoreReadOnly(f"Nothing was added: {store.read_only_reason}")
        with store.batch():  # one write for all of it
            count = demo.DEFAULT_SESSIONS if args.sessions is None else args.sessions
            added, people = demo.fill(store, templates, clock, count, args.seed)
            if args.sessions is None:  # `--sessions N` adds exactly N
                added += demo.history(store, templates, clock, args.seed)  # follow-through
        total = len(store.list_sessions())
        where = store.data_dir
    print(
        f"Added {added} sample sessions and {people} people to {where} "
        f"({total} sessions in all). All of it is invented. "
        "See them with `reflect list`, or open the app with `reflect`."
    )
    return 0


# `reflect list` shows the newest this many unless --all: a ten-year store stays quick.
LIST_LIMIT = 50


def newest_listed(
    store: Store, limit: int, include_confidential: bool
) -> tuple[list[SessionSummary], int, int]:
    """The newest ``limit`` listable sessions, from reads that do not grow with the store.

    Returns (them, confidential sessions passed over among the newer ones, how many
    older sessions are left out).
    """
    total = store.session_count()
    want = limit
    while True:
        got = store.recent_sessions(want)
        shown = [s for s in got if listed(s, include_confidential=include_confidential)]
        if len(shown) >= limit or len(got) >= total:
            break
        want *= 4  # many confidential sessions in a row: read further back
    summaries = shown[:limit]
    considered = got.index(summaries[-1]) + 1 if len(shown) > limit else len(got)
    hidden = considered - len(summaries)
    return summaries, hidden, total - considered


def run_list(args: argparse.Namespace) -> int:
    more = 0
    with Store.open(_data_dir(args), read_only=True) as store:
        where = store.data_dir
        if getattr(args, "list_all", False):
            everything = store.list_sessions()
            summaries = [s for s in everything if listed(s, include_confidential=args.confidential)]
            hidden = len(everything) - len(summaries)
            total = len(everything)
        else:
            summaries, hidden, more = newest_listed(store, LIST_LIMIT, args.confidential)
            total = store.session_count()
    if hidden:
        print(
            f"{hidden} confidential sessions are not listed; add --confidential to include them.",
            file=sys.stderr,
        )
    if more:
        print(
            f"{more} older sessions are not listed (the newest {LIST_LIMIT} are); "
            "add --all to list every session.",
            file=sys.stderr,
        )
    fmt = output.output_format(args)
    if fmt == "json":
        output.print_json([s.to_json() for s in summaries])
        return 0
    if fmt == "csv":
        output.write_csv(
            ("id", "date", "template", "title", "status", "confidentiality", "team", "facilitator"),
            [
                (
                    s.id,
                    s.date.isoformat(),
                    s.template_id,
                    s.title,
                    s.status.value,
                    s.confidentiality.value,
                    s.team,
                    s.facilitator,
                )
                for s in summaries
            ],
        )
        return 0
    if not total:
        print(f"No sessions in {where} yet. Try `reflect demo` for sample data.")
        return 0
    if not summaries:
        return 0
    rows = [(s.id, s.date.isoformat(), s.template_id, s.title, s.status.value) for s in summaries]
    header = ("ID", "DATE", "TEMPLATE", "TITLE", "STATUS")
    output.print_table(header, rows)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    found = list_backups(data_dir)
    if args.json and not args.list_only:
        raise UserError("--json goes with --list: `reflect restore --list --json`.")
    if args.list_only and args.json:
        output.print_json([backup_json(n, path) for n, path in enumerate(found, start=1)])
        return 0
    if args.list_only:
        if not found:
            print(f"No backups in {data_dir}.")
        for n, path in enumerate(found, start=1):
            problem = check_file(path)
            state = "" if problem is None else f"  (damaged: it {problem})"
            print(f"{n}  {describe(path)}{state}")
        return 0
    if not found:
        raise UserError(f"There are no backups in {data_dir}, so there is nothing to restore.")
    result = restore(data_dir, args.backup, SystemClock())
    print(result.message())
    with Store.open(data_dir, read_only=True) as store:  # the audit log, through its codec
        store.audit("restore", None, f"backup={args.backup}")
    return 0


def backup_json(number: int, path: Path) -> dict[str, object]:
    """One backup as `reflect restore --list --json` prints it."""
    stat = path.stat()
    saved = datetime.fromtimestamp(stat.st_mtime).isoformat(timespec="seconds")
    return {"number": number, "path": str(path), "saved": saved, "bytes": stat.st_size}
