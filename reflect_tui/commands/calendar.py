"""`reflect calendar`: next sessions, actions due, who is due and visit check-ins as .ics."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reflect_tui import paths
from reflect_tui.calendar import CalendarOptions, calendar_events, event_kinds, render_ics
from reflect_tui.calendar.events import KINDS
from reflect_tui.commands import options
from reflect_tui.domain.clock import Clock, SystemClock
from reflect_tui.minutes.files import write_private_file
from reflect_tui.services.due import due_list
from reflect_tui.store import Store

DEFAULT_NAME = "reflect-calendar.ics"


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "calendar",
        parents=[parent],
        help="write next sessions, actions due, who is due and visit check-ins as a calendar",
        description=(
            "Write an iCalendar (.ics) file to import into Outlook, Google Calendar, GNOME "
            "Calendar or any other calendar: the next session agreed in each session, every "
            "open action with a due date, who is due a decompression session or supervision, "
            "and the check-in times of each planned visit (with alarms ten minutes before and "
            "at the time). Events from confidential sessions, and who is due, carry no title, "
            "names or text unless you give --confidential. A visit's address and code word "
            "never go into the calendar. Importing the same file again updates the events "
            "rather than doubling them (each keeps its UID)."
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        default=DEFAULT_NAME,
        help=f"file to write (owner-only; default {DEFAULT_NAME}); '-' writes to standard output",
    )
    parser.add_argument(
        "--only",
        metavar="KINDS",
        type=_kinds,
        default=frozenset(KINDS),
        help=f"some of {','.join(KINDS)} (comma-separated; default all)",
    )
    parser.add_argument(
        "--confidential",
        action="store_true",
        help="include titles, names and text of confidential sessions and of who is due",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.set_defaults(func=run_calendar)


def _kinds(text: str) -> frozenset[str]:
    try:
        return event_kinds(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def calendar_text(store: Store, clock: Clock, *, confidential: bool, kinds: frozenset[str]) -> str:
    """The .ics text for one store (also used by the app's palette command)."""
    now = clock.now()
    today = now.date()
    sessions = list(store.iter_sessions())
    due = due_list(store, today).entries
    opts = CalendarOptions(today=today, confidential=confidential, kinds=kinds)
    return render_ics(calendar_events(sessions, due, opts), now)


def run_calendar(args: argparse.Namespace, clock: Clock | None = None) -> int:
    clock = clock or SystemClock()
    with Store.open(paths.data_dir(options.data_option(args)), read_only=True) as store:
        text = calendar_text(store, clock, confidential=args.confidential, kinds=args.only)
    events = text.count("BEGIN:VEVENT")
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.output).expanduser()
    write_private_file(path, text, force=args.force)
    print(f"Wrote {events} event{'s' if events != 1 else ''} to {path}")
    return 0
