"""`reflect due`: who is due or overdue a decompression session or supervision."""

from __future__ import annotations

import argparse
import sys

from reflect_tui import paths
from reflect_tui.commands import options, output
from reflect_tui.domain.clock import SystemClock
from reflect_tui.errors import UserError
from reflect_tui.followup.cadence import (
    Cadence,
    check_months,
    check_weeks,
    load_cadence,
    save_cadence,
)
from reflect_tui.followup.due import DueEntry
from reflect_tui.services.due import due_list
from reflect_tui.store import Store, StoreReadOnly

WRITE_WAIT_SECONDS = 5.0


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "due",
        parents=[parent],
        help="who is due or overdue a decompression session or supervision",
        description=(
            "For everyone on the roster (facilitators too), the last finished decompression "
            "session and one-to-one supervision, and when the next is due. Shows who is "
            "overdue, never had one, or is due within two weeks; --all shows everyone. "
            "--decompression-months and --supervision-weeks change this store's cadence."
        ),
    )
    parser.add_argument("--all", action="store_true", help="also list people who are up to date")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    output.add_format_option(parser)
    parser.add_argument(
        "--confidential",
        action="store_true",
        help=(
            "also show the dates of people's last confidential sessions and when the next is "
            "due (left out by default: they tell who had which session when)"
        ),
    )
    parser.add_argument(
        "--decompression-months",
        type=_whole,
        metavar="N",
        help="save a new cadence: decompression every N months (default 3)",
    )
    parser.add_argument(
        "--supervision-weeks",
        type=_whole,
        metavar="N",
        help="save a new cadence: one-to-one supervision every N weeks (default 4)",
    )
    parser.set_defaults(func=run_due)


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None


def _save_cadence(args: argparse.Namespace) -> None:
    months, weeks = args.decompression_months, args.supervision_weeks
    if months is not None:
        check_months(months)
    if weeks is not None:
        check_weeks(weeks)
    store = Store.open(
        paths.data_dir(options.data_option(args)), SystemClock(), lock_timeout=WRITE_WAIT_SECONDS
    )
    with store:
        if store.read_only:
            raise StoreReadOnly(f"The cadence was not changed: {store.read_only_reason}")
        old = load_cadence(store)
        new = Cadence(
            months if months is not None else old.decompression_months,
            weeks if weeks is not None else old.supervision_weeks,
        )
        save_cadence(store, new)
    print(
        f"Cadence saved: decompression every {new.decompression_months} months, "
        f"one-to-one supervision every {new.supervision_weeks} weeks."
    )


def run_due(args: argparse.Namespace) -> int:
    if args.decompression_months is not None or args.supervision_weeks is not None:
        _save_cadence(args)
    today = SystemClock().now().date()
    with Store.open(paths.data_dir(options.data_option(args)), read_only=True) as store:
        listing = due_list(store, today)
        where = store.data_dir
    cadence, entries = listing.cadence, listing.entries
    details = bool(args.confidential)
    shown = entries if args.all else listing.needing_attention()
    fmt = output.output_format(args)
    if fmt == "json":
        output.print_json(
            {
                "cadence": cadence.to_json(),
                "today": today.isoformat(),
                "due": [e.to_json(details=details) for e in shown],
            }
        )
        return 0
    if fmt == "csv":
        output.write_csv(CSV_HEADER, [csv_row(e, details=details) for e in shown])
        return 0
    if not listing.people:
        raise UserError(
            f"Nobody is on the roster in {where}, so nobody can be due a session. "
            "Add people with `reflect people add NAME`."
        )
    print(
        f"Cadence: decompression every {cadence.decompression_months} months, "
        f"supervision every {cadence.supervision_weeks} weeks. Today is {today}."
    )
    if not shown:
        print("Everyone is up to date.")
        return 0
    if not details and any(e.confidential for e in shown):
        print(
            "Dates of confidential sessions are left out; add --confidential to show them.",
            file=sys.stderr,
        )
    header = ("PERSON", "SESSION", "STATE", "NEXT DUE", "DETAIL")
    lines = [
        (
            e.person.name + (" (facilitator)" if e.person.facilitator else ""),
            e.type.value,
            e.state.value,
            e.next_due.isoformat() if details or not e.confidential else "-",
            e.describe(details=details),
        )
        for e in shown
    ]
    output.print_table(header, lines)
    return 0


CSV_HEADER = ("person", "team", "role", "facilitator", "type", "last", "next_due", "state", "days")


def csv_row(e: DueEntry, *, details: bool = True) -> list[object]:
    """One row from the JSON shape, so CSV hides what JSON hides."""
    j = e.to_json(details=details)
    return [
        j["person"],
        j["team"],
        j["role"],
        j["facilitator"],
        j["type"],
        j["last"] or "",
        j["next_due"] or "",
        j["state"],
        "" if j["days"] is None else j["days"],
    ]
