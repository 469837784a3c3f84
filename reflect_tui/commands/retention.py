"""`reflect retention`: what is past its retention period; erase it after confirmation."""

from __future__ import annotations

import argparse
import json

from reflect_tui import paths
from reflect_tui.commands import options
from reflect_tui.commands.erasure import confirm
from reflect_tui.commands.writing import open_for_writing
from reflect_tui.errors import UserError
from reflect_tui.store import Store


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    ret = subparsers.add_parser(
        "retention",
        parents=[parent],
        help="list records past their retention period, and erase them",
        description=(
            "Each kind of record is kept for a period (store setting `retention`; defaults: "
            "team and one-to-one 6 years, individual 2 years, counted from the session's "
            "date). Lists the records past it; --purge erases them for good from every copy, "
            "after a typed yes (or --yes). --set KIND=DAYS changes a period (KIND is team, "
            "one-to-one, individual or a template id; DAYS 'never' keeps them for good)."
        ),
    )
    ret.add_argument("--purge", action="store_true", help="erase what is due, for good")
    ret.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    ret.add_argument("--json", action="store_true", help="print JSON instead of a list")
    ret.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KIND=DAYS",
        help="set the period for a kind or template id (repeatable)",
    )
    ret.set_defaults(func=run_retention)


def _parse_set(text: str) -> tuple[str, int | None]:
    key, sep, value = text.partition("=")
    value = value.strip().lower()
    if not sep or not key.strip():
        raise UserError(f"--set takes KIND=DAYS (for example one-to-one=2190), not {text!r}.")
    if value in ("never", "none", "0", ""):
        return key.strip(), None
    try:
        return key.strip(), int(value)
    except ValueError:
        raise UserError(f"--set {text!r}: the days must be a whole number or 'never'.") from None


def run_retention(args: argparse.Namespace) -> int:
    from reflect_tui.dataprotection import retention

    data_dir = paths.data_dir(options.data_option(args))
    changes = [_parse_set(t) for t in args.set]
    if changes or args.purge:
        store = open_for_writing(args)
    else:
        store = Store.open(data_dir, read_only=True)
    with store:
        for key, days in changes:
            retention.set_period(store, key, days)
        rules = retention.periods(store)
        items = retention.due_in(store)
        if args.json:
            print(
                json.dumps(
                    {
                        "periods": rules,
                        "due": [
                            {
                                **d.summary.to_json(),
                                "retention_days": d.days,
                                "due_since": d.since.isoformat(),
                            }
                            for d in items
                        ],
                    },
                    indent=2,
                    ensure_ascii=False,
                    default=str,
                )
            )
        else:
            kept = ", ".join(
                f"{k} {'for good' if v is None else f'{v} days'}" for k, v in rules.items()
            )
            print(f"Retention periods: {kept}.")
            if not items:
                print("Nothing is past its retention period.")
            else:
                print(f"{len(items)} record(s) past their retention period:")
                for d in items:
                    print(f"  {d.line()}")
        if not args.purge or not items:
            return 0
        confirm(
            f"Erase these {len(items)} record(s) for good, from the data file, every backup, "
            "every autosave journal and the minutes folder? This cannot be undone.",
            args.yes,
        )
        report = retention.purge_due(store, items)
    print(f"Erased {len(report.erased)} record(s) for good.")
    return 0
