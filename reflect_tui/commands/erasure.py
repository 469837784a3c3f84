"""`reflect delete`, `reflect bin`, `reflect audit`: erasure and the audit log from the CLI."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reflect_tui import paths
from reflect_tui.commands import options
from reflect_tui.commands.writing import open_for_writing
from reflect_tui.domain.settings import Settings
from reflect_tui.errors import UserError
from reflect_tui.store import Store


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    delete = subparsers.add_parser(
        "delete",
        parents=[parent],
        help="delete a session (to the bin), or erase it for good with --purge",
        description=(
            "Move a session (a finished record or a draft) to the bin: it disappears from every "
            "list and report at once, and is erased for good after the bin's period (30 days "
            "unless the store setting bin_days says otherwise). With --purge it is erased now "
            "from the data file, every backup, every autosave journal and the minutes folder; "
            "copies of its actions in other sessions become a neutral note. A purged session "
            "cannot be brought back by any command, `reflect restore` included."
        ),
    )
    delete.add_argument("ids", nargs="+", metavar="ID", help="session id (or its first letters)")
    delete.add_argument("--purge", action="store_true", help="erase for good, now, everywhere")
    delete.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    delete.set_defaults(func=run_delete)

    bin_ = subparsers.add_parser(
        "bin",
        parents=[parent],
        help="list deleted sessions, put one back, or empty the bin",
        description=(
            "Deleted sessions wait in the bin until they are erased for good. Without an "
            "action, lists them with the day each will be erased."
        ),
    )
    bin_.set_defaults(func=run_bin_list, json=False)
    acts = bin_.add_subparsers(dest="bin_action", metavar="ACTION")
    listing = acts.add_parser("list", parents=[parent], help="list the bin")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(func=run_bin_list)
    back = acts.add_parser("restore", parents=[parent], help="put a deleted session back")
    back.add_argument("id", metavar="ID", help="session id (or its first letters)")
    back.set_defaults(func=run_bin_restore)
    empty = acts.add_parser("empty", parents=[parent], help="erase everything in the bin now")
    empty.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    empty.set_defaults(func=run_bin_empty)

    audit = subparsers.add_parser(
        "audit",
        parents=[parent],
        help="list the audit log: exports, reports, deletions, restores...",
        description=(
            "The audit log records what was done to which record, when and by which "
            "operating-system user (exports, confidential confirmations, report runs, "
            "deletions, purges, restores, reopenings, passphrase changes). It holds no content."
        ),
    )
    audit.add_argument("--json", action="store_true", help="print JSON instead of a table")
    audit.set_defaults(func=run_audit)


# ------------------------------------------------------------------ helpers


def confirm(question: str, yes: bool) -> None:
    """Ask for a typed ``yes``; raise UserError (exit 1) on anything else. ``--yes`` skips it."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise UserError(
            f"{question}\nNothing was changed: this needs a typed yes, and no terminal is "
            "attached. Add --yes to do it from a script."
        )
    print(question)
    try:
        answer = input("Type yes to go ahead: ")
    except EOFError:
        answer = ""
    if answer.strip().lower() != "yes":
        raise UserError("Nothing was changed.")


def _describe(title: str, template: str, day: str, sid: str) -> str:
    return f"“{title or 'Untitled'}” ({template}, {day}, id {sid})"


def _report_lines(report: object) -> list[str]:
    from reflect_tui.store.erasure import PurgeReport

    assert isinstance(report, PurgeReport)
    lines = [
        f"Erased {len(report.erased)} session(s) for good: {', '.join(report.erased)}.",
        f"Rewrote {len(report.rewritten)} file(s) without them; removed {len(report.removed)}.",
    ]
    if report.changed_sessions:
        lines.append(
            f"{len(report.changed_sessions)} other session(s) held a copy of something from "
            "them; it now reads as a neutral note."
        )
    lines.extend(report.problems)
    return lines


# ------------------------------------------------------------------ commands


def run_delete(args: argparse.Namespace) -> int:
    from reflect_tui.dataprotection import erase
    from reflect_tui.services import sessions
    from reflect_tui.store import erasure

    with open_for_writing(args) as store:
        erase.purge_expired(store)
        targets: list[tuple[str, str]] = []
        for key in args.ids:
            try:
                s = store.get_session(key)
                targets.append((s.id, _describe(s.title, s.template.title, str(s.date), s.id)))
            except UserError:
                if not args.purge:
                    if any(e.id.startswith(key.strip()) for e in erasure.bin_entries(store)):
                        raise UserError(
                            f"The session {key!r} is already in the bin. Add --purge to erase "
                            f"it now, or put it back with `reflect bin restore {key}`."
                        ) from None
                    raise
                sid = erasure.resolve_binned(store, key)
                e = next(e for e in erasure.bin_entries(store) if e.id == sid)
                targets.append((sid, _describe(e.title, e.template_title, str(e.date), sid)))
        names = "\n".join(f"  {d}" for _, d in targets)
        if args.purge:
            confirm(
                f"Erase for good:\n{names}\nfrom the data file, every backup, every autosave "
                "journal and the minutes folder? This cannot be undone.",
                args.yes,
            )
            report = sessions.erase_for_good(store, [sid for sid, _ in targets])
            print("\n".join(_report_lines(report)))
            return 0
        days = Settings.load(store).bin_days
        confirm(
            f"Delete:\n{names}\nIt goes to the bin and is erased for good after {days} days "
            "(`reflect bin restore ID` puts it back until then).",
            args.yes,
        )
        for sid, description in targets:
            gone = sessions.move_to_bin(store, sid)
            print(
                f"Moved {description} to the bin; it will be erased on {gone.erased_on:%Y-%m-%d}."
            )
    return 0


def run_bin_list(args: argparse.Namespace) -> int:
    from reflect_tui.store import erasure

    with Store.open(paths.data_dir(options.data_option(args)), read_only=True) as store:
        entries = erasure.bin_entries(store)
        days = Settings.load(store).bin_days
        where = store.data_dir
    if args.json:
        rows = [
            {
                "id": e.id,
                "title": e.title,
                "date": e.date.isoformat(),
                "template": e.template_title,
                "status": e.status,
                "deleted_at": e.deleted_at.isoformat(),
                "erased_on": e.expires(days).date().isoformat(),
            }
            for e in entries
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print(f"The bin in {where} is empty.")
        return 0
    print(f"{'ID':<12}  {'DELETED':<10}  {'ERASED ON':<10}  TITLE")
    for e in entries:
        print(f"{e.id:<12}  {e.deleted_at:%Y-%m-%d}  {e.expires(days):%Y-%m-%d}  {e.title}")
    return 0


def run_bin_restore(args: argparse.Namespace) -> int:
    from reflect_tui.dataprotection import erase

    with open_for_writing(args) as store:
        entry = erase.restore_from_bin(store, args.id)
    print(f"Put back {_describe(entry.title, entry.template_title, str(entry.date), entry.id)}.")
    return 0


def run_bin_empty(args: argparse.Namespace) -> int:
    from reflect_tui.services import sessions
    from reflect_tui.store import erasure

    with open_for_writing(args) as store:
        entries = erasure.bin_entries(store)
        if not entries:
            print("The bin is already empty.")
            return 0
        confirm(
            f"Erase the {len(entries)} session(s) in the bin for good, from every copy? "
            "This cannot be undone.",
            args.yes,
        )
        report = sessions.erase_for_good(store, [e.id for e in entries])
    print("\n".join(_report_lines(report)))
    return 0


def run_audit(args: argparse.Namespace) -> int:
    from reflect_tui.store import audit

    data_dir: Path = paths.data_dir(options.data_option(args))
    with Store.open(data_dir, read_only=True) as store:
        entries = audit.read(store.data_dir, store.codec)
    if args.json:
        print(json.dumps([e.to_json() for e in entries], indent=2, ensure_ascii=False))
    elif not entries:
        print(f"The audit log in {data_dir} is empty: nothing has been recorded yet.")
    else:
        print(f"{'WHEN':<19}  {'EVENT':<22}  {'RECORD':<12}  {'USER':<12}  DETAIL")
        for e in entries:
            line = f"{e.at:<19}  {e.event:<22}  {e.record or '':<12}  {e.user:<12}"
            print(f"{line}  {e.detail or ''}".rstrip())
    broken = audit.verify(entries)
    if broken is not None:
        raise UserError(
            f"The audit log does not follow on at entry {broken}: it was changed or cut "
            "after it was written. Keep a copy and tell your data-protection officer.",
            exit_code=3,
        )
    return 0
