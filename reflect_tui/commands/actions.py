"""`reflect actions`: every agreed action, filtered; `reflect actions done|drop|reopen ID`."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from reflect_tui import paths
from reflect_tui.commands import options, output
from reflect_tui.domain.answers import ActionStatus
from reflect_tui.domain.clock import SystemClock
from reflect_tui.errors import UserError
from reflect_tui.followup.listing import (
    ActionRow,
    filter_rows,
    listed_rows,
    parse_status,
    rows,
)
from reflect_tui.services.carry import set_action_status
from reflect_tui.store import Store, StoreReadOnly

WRITE_WAIT_SECONDS = 5.0
VERBS = {"done": ActionStatus.DONE, "drop": ActionStatus.DROPPED, "reopen": ActionStatus.OPEN}


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "actions",
        parents=[parent],
        help="list agreed actions (overdue first), or mark one done / dropped / open",
        description=(
            "List the actions agreed in every session, overdue first. Filter with --owner, "
            "--team, --status or --overdue. Change one with `reflect actions done ID --note "
            "TEXT` (also drop, reopen); the change is recorded in the session that agreed it."
        ),
    )
    parser.add_argument(
        "verb",
        nargs="?",
        choices=("list", *VERBS),
        default="list",
        metavar="ACTION",
        help="list (default), done, drop or reopen",
    )
    parser.add_argument("action_id", nargs="?", metavar="ID", help="the action's id (or prefix)")
    parser.add_argument("--owner", default="", metavar="NAME", help="only this owner's actions")
    parser.add_argument("--team", default="", metavar="TEAM", help="only this team's actions")
    parser.add_argument("--status", type=_status, help="open, done or dropped")
    parser.add_argument("--overdue", action="store_true", help="only open actions past due")
    parser.add_argument("--note", help="closing note (with done / drop)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    output.add_format_option(parser)
    parser.add_argument(
        "--confidential",
        action="store_true",
        help="also list actions agreed in confidential sessions (left out by default)",
    )
    parser.set_defaults(func=run_actions)


def _status(text: str) -> ActionStatus:
    try:
        return parse_status(text)
    except UserError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def run_actions(args: argparse.Namespace) -> int:
    if args.verb != "list":
        return _change(args)
    if args.action_id:
        raise UserError(
            f"`reflect actions {args.action_id}` is not a command: to change an action use "
            f"`reflect actions done {args.action_id}` (or drop, reopen)."
        )
    today = SystemClock().now().date()
    with Store.open(paths.data_dir(options.data_option(args)), read_only=True) as store:
        found = rows(store.actions(), store.list_sessions(), store.people())
        where = store.data_dir
    everything = found
    found = listed_rows(found, include_confidential=args.confidential)
    hidden = len(everything) - len(found)
    if hidden:
        print(
            f"{hidden} actions from confidential sessions are not listed; "
            "add --confidential to include them.",
            file=sys.stderr,
        )
    shown = filter_rows(
        found,
        today=today,
        owner=args.owner,
        team=args.team,
        status=args.status,
        overdue=args.overdue,
    )
    fmt = output.output_format(args)
    if fmt == "json":
        output.print_json([r.to_json(today) for r in shown])
        return 0
    if fmt == "csv":
        output.write_csv(CSV_HEADER, [csv_row(r, today) for r in shown])
        return 0
    if not shown:
        what = "overdue actions" if args.overdue else "actions"
        print(f"No {what} match in {where}." if everything else f"No actions in {where} yet.")
        return 0
    print_table(shown, today)
    return 0


CSV_HEADER = (
    "id", "what", "owner", "due", "status", "overdue", "team",
    "session_title", "session_date", "confidential", "note",
)  # fmt: skip


def csv_row(r: ActionRow, today: date) -> list[object]:
    a = r.action
    return [
        a.id,
        a.what,
        a.owner,
        a.due.isoformat() if a.due else "",
        a.status.value,
        r.overdue(today),
        r.team,
        r.origin_title,
        r.origin_date.isoformat() if r.origin_date else "",
        r.confidential,
        a.note,
    ]


def print_table(shown: list[ActionRow], today: date) -> None:
    header = ("ID", "DUE", "STATUS", "OWNER", "TEAM", "ACTION")
    lines = []
    for r in shown:
        a = r.action
        state = "OVERDUE" if r.overdue(today) else a.status.value
        lines.append(
            (
                a.id,
                a.due.isoformat() if a.due else "-",
                state,
                a.owner or "-",
                r.team or "-",
                f"{a.what}  [confidential session]" if r.confidential else a.what,
            )
        )
    output.print_table(header, lines)


def _change(args: argparse.Namespace) -> int:
    if not args.action_id:
        raise UserError(
            f"Say which action: `reflect actions {args.verb} ID`. See the ids with "
            "`reflect actions`."
        )
    clock = SystemClock()
    store = Store.open(
        paths.data_dir(options.data_option(args)), clock, lock_timeout=WRITE_WAIT_SECONDS
    )
    with store:
        if store.read_only:
            raise StoreReadOnly(f"Nothing was changed: {store.read_only_reason}")
        status = VERBS[args.verb]
        action = set_action_status(
            store, args.action_id, status, today=clock.now().date(), note=args.note
        )
    print(f"{action.what!r} ({action.id}) is now {action.status.value}.")
    return 0
