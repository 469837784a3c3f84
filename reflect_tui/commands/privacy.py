"""`reflect check [FILE|-]` and `reflect private-names`: the privacy check on any text.

``check`` runs the same check as an export on text a person is about to share (an
e-mail draft, a report): one finding per line as ``LINE:COL: kind: text``, or
``--json``; exit 3 when anything is found. With a store (the default data folder,
or ``--data``) it uses its do-not-share list, reference patterns and roster.

``private-names`` edits the store's do-not-share list and reference patterns.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reflect_tui import paths
from reflect_tui.commands import options
from reflect_tui.domain.clock import SystemClock
from reflect_tui.errors import UserError
from reflect_tui.minutes import private_names
from reflect_tui.minutes.privacy import check_privacy, checked_summary
from reflect_tui.store import STORE_NAME, Store, StoreReadOnly

EXIT_FLAGGED = 3
WRITE_WAIT_SECONDS = 5.0
MAX_TEXT = 5_000_000


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    check = subparsers.add_parser(
        "check",
        parents=[parent],
        help="run the privacy check on any text before you share it (exit 3 if flagged)",
        description=(
            "Look for names, case references, addresses, dates of birth, NHS and NI numbers, "
            "phone numbers and e-mail addresses in a text you are about to share (a file, or "
            "standard input with '-'). Prints LINE:COL: kind: text for each; exit 3 if any. "
            "Uses the store's do-not-share list and roster when there is a store."
        ),
    )
    check.add_argument("file", nargs="?", default="-", metavar="FILE", help="a file, or - (stdin)")
    check.add_argument("--json", action="store_true", help="print JSON instead of lines")
    check.set_defaults(func=run_check)

    names = subparsers.add_parser(
        "private-names",
        parents=[parent],
        help="the do-not-share list: names and references the privacy check always flags",
        description=(
            "Service users' and third parties' names, and case references, that must never "
            "be shared. The privacy check flags them in any case, as initials with the "
            "surname, the first name or surname alone, and with 's. --pattern adds a regular "
            "expression for this store's own case numbers."
        ),
    )
    action = names.add_subparsers(dest="names_action", metavar="ACTION")
    action.add_parser("list", parents=[parent], help="show the list (the default)")
    add = action.add_parser("add", parents=[parent], help="add names or references")
    add.add_argument("entries", nargs="*", metavar="NAME")
    add.add_argument("--pattern", help="add a reference pattern (a regular expression)")
    remove = action.add_parser("remove", parents=[parent], help="remove names or references")
    remove.add_argument("entries", nargs="*", metavar="NAME")
    remove.add_argument("--pattern", help="remove a reference pattern")
    names.set_defaults(func=run_private_names)


def _read(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read(MAX_TEXT + 1)
        where = "standard input"
    else:
        path = Path(source).expanduser()
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_TEXT + 1)
        except OSError as err:
            raise UserError(f"cannot read {source}: {err.strerror or err}") from None
        where = source
    if len(data) > MAX_TEXT:
        raise UserError(f"{where} is larger than {MAX_TEXT // 1_000_000} MB; check a smaller part.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{where} is not UTF-8 text; save it as plain text first.") from None


def run_check(args: argparse.Namespace) -> int:
    text = _read(args.file)
    data_dir = paths.data_dir(options.data_option(args))
    do_not_share: list[str] = []
    references: list[str] = []
    known: list[str] = []
    if (data_dir / STORE_NAME).is_file():
        with Store.open(data_dir, read_only=True) as store:
            do_not_share = private_names.do_not_share(store)
            references = private_names.reference_patterns(store)
            known = [p.name for p in store.people()]
    # Roster colleagues are not findings in a text of your own: only the list and the shapes.
    findings = check_privacy(
        text, do_not_share=do_not_share, references=references, attendees=known
    )
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "line": f.line,
                        "column": f.column,
                        "kind": str(f.kind),
                        "text": f.text,
                        "reason": f.reason,
                    }
                    for f in findings
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for f in findings:
            print(f"{f.line}:{f.column}: {f.kind}: {f.text}")
        summary = checked_summary(
            texts=1,
            do_not_share=len(do_not_share),
            references=len(references),
            what=f"{len(text.splitlines())} lines",
        )
        print(
            (f"{len(findings)} flagged. " if findings else "Nothing flagged. ") + summary,
            file=sys.stderr,
        )
    return EXIT_FLAGGED if findings else 0


def run_private_names(args: argparse.Namespace) -> int:
    verb = getattr(args, "names_action", None) or "list"
    data_dir = paths.data_dir(options.data_option(args))
    if verb == "list":
        if not (data_dir / STORE_NAME).is_file():
            print(f"No do-not-share list yet in {data_dir}.")
            return 0
        with Store.open(data_dir, read_only=True) as store:
            entries = private_names.do_not_share(store)
            patterns = private_names.reference_patterns(store)
        for entry in entries:
            print(entry)
        for pattern in patterns:
            print(f"pattern: {pattern}")
        if not entries and not patterns:
            print("The do-not-share list is empty. Add names with `reflect private-names add`.")
        return 0
    if not args.entries and not args.pattern:
        raise UserError(f"Say what to {verb}: `reflect private-names {verb} NAME ...`.")
    with Store.open(data_dir, SystemClock(), lock_timeout=WRITE_WAIT_SECONDS) as store:
        if store.read_only:
            raise StoreReadOnly(f"Nothing was changed: {store.read_only_reason}")
        if verb == "add":
            done = private_names.add_names(store, args.entries) if args.entries else []
            if args.pattern:
                private_names.add_pattern(store, args.pattern)
                done.append(f"pattern {args.pattern}")
            print(f"Added: {', '.join(done)}." if done else "Nothing to add: already there.")
        else:
            done = private_names.remove_names(store, args.entries) if args.entries else []
            if args.pattern and private_names.remove_pattern(store, args.pattern):
                done.append(f"pattern {args.pattern}")
            print(f"Removed: {', '.join(done)}." if done else "Nothing to remove: not there.")
    return 0
