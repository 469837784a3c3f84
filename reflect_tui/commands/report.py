"""`reflect report` (the anonymised thematic report) and `reflect themes` (its vocabulary).

``report`` opens every ``--data`` store read-only and combines their counts;
nothing is ever written to a store. ``themes`` edits one store's vocabulary.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from reflect_tui import cli, paths
from reflect_tui.domain.clock import Clock, SystemClock
from reflect_tui.domain.session import Session
from reflect_tui.domain.themes import DEFAULT_THEMES, THEMES_SETTING
from reflect_tui.errors import UserError
from reflect_tui.minutes.files import write_private_file
from reflect_tui.report import (
    DEFAULT_K,
    Period,
    build_report,
    merge_vocabularies,
    period_from,
    render_html,
    render_markdown,
    report_sessions,
    vocabulary,
)
from reflect_tui.store import STORE_NAME, Store


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    report = subparsers.add_parser(
        "report",
        parents=[parent],
        help="the anonymised thematic report over one or more stores",
        description=(
            "Count, per theme, the people who raised it in individual and one-to-one sessions "
            "and the teams that discussed it in team sessions, for a period (default: the last "
            "twelve months) against the period before. No names, no text, no dates finer than "
            "the period; small counts are hidden (see docs/report.md). Give --data several "
            "times to combine stores: only their counts are combined."
        ),
    )
    report.add_argument("--since", metavar="DATE", type=_date, help="first day (YYYY-MM-DD)")
    report.add_argument("--until", metavar="DATE", type=_date, help="last day (YYYY-MM-DD)")
    report.add_argument(
        "--min-count",
        metavar="K",
        type=int,
        default=DEFAULT_K,
        help=f"hide counts below K (default {DEFAULT_K}, never below 3)",
    )
    report.add_argument(
        "--format",
        choices=("md", "html"),
        default="md",
        help="md: Markdown with YAML front matter (default); html: one page with bar charts",
    )
    report.add_argument(
        "-o", "--output", metavar="PATH", help="write to a file (owner-only) instead of stdout"
    )
    report.add_argument("--force", action="store_true", help="replace an existing file")
    report.set_defaults(func=run_report)

    themes = subparsers.add_parser(
        "themes",
        parents=[parent],
        help="list or edit the themes items can be tagged with",
        description=(
            "The theme vocabulary of one store. Only these themes appear in the thematic "
            "report; other tags are never reported."
        ),
    )
    actions = themes.add_subparsers(dest="themes_action", metavar="ACTION")
    actions.add_parser("list", parents=[parent], help="show the themes (the default)")
    add = actions.add_parser("add", parents=[parent], help="add one or more themes")
    add.add_argument("names", nargs="+", metavar="THEME")
    remove = actions.add_parser("remove", parents=[parent], help="remove one or more themes")
    remove.add_argument("names", nargs="+", metavar="THEME")
    actions.add_parser("reset", parents=[parent], help="go back to the default themes")
    themes.set_defaults(func=run_themes)


# A report compares its period with the one before, so a date at the calendar's
# very ends has no period before (or after) it: keep to years anyone can mean.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def _date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-04-01"
        ) from None
    if not EARLIEST <= day <= LATEST:
        raise argparse.ArgumentTypeError(
            f"{text} is outside the dates a report can cover "
            f"({EARLIEST.isoformat()} to {LATEST.isoformat()}); give a date in that range"
        )
    return day


def data_dirs(args: argparse.Namespace) -> list[Path]:
    """Every --data directory given (the default data directory if none)."""
    given: list[str] = getattr(args, "data", None) or []
    return [paths.data_dir(d) for d in given] or [paths.data_dir(None)]


def _read_store(data_dir: Path, clock: Clock, period: Period) -> tuple[list[Session], list[str]]:
    if not (data_dir / STORE_NAME).is_file():
        raise UserError(
            f"no reflect data in {data_dir} (there is no {STORE_NAME}); check the --data path, "
            "or run `reflect demo --data DIR` to try the report on sample data"
        )
    with Store.open(data_dir, clock, read_only=True) as store:
        return report_sessions(store, period), vocabulary.load(store)


def run_report(args: argparse.Namespace, clock: Clock | None = None) -> int:
    clock = clock or SystemClock()
    period = period_from(args.since, args.until, clock.now().date())
    dirs = data_dirs(args)
    if len({d.resolve() for d in dirs}) != len(dirs):
        raise UserError(
            "the same data folder was given twice with --data; its people would be counted "
            "twice, so give each store once"
        )
    stores: list[list[Session]] = []
    vocabularies: list[list[str]] = []
    for data_dir in dirs:
        sessions, themes = _read_store(data_dir, clock, period)
        stores.append(sessions)
        vocabularies.append(themes)
    report = build_report(
        stores,
        period,
        vocabulary=merge_vocabularies(vocabularies),
        min_count=args.min_count,
        generated=clock.now().date(),
    )
    text = render_html(report) if args.format == "html" else render_markdown(report)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.output).expanduser()
    write_private_file(path, text, force=args.force)
    print(f"Wrote {path}")
    return 0


def run_themes(args: argparse.Namespace, clock: Clock | None = None) -> int:
    action = getattr(args, "themes_action", None) or "list"
    data_dir = paths.data_dir(cli.data_option(args))
    if action == "list":
        if not (data_dir / STORE_NAME).is_file():
            themes = list(DEFAULT_THEMES)
        else:
            with Store.open(data_dir, clock, read_only=True) as store:
                themes = vocabulary.load(store)
        for theme in themes:
            print(theme)
        return 0
    with Store.open(data_dir, clock) as store:
        if store.read_only:
            raise UserError(f"cannot change the themes: {store.read_only_reason}")
        if action == "reset":
            store.set_setting(THEMES_SETTING, list(DEFAULT_THEMES))
            print(f"The themes in {data_dir} are the {len(DEFAULT_THEMES)} defaults again.")
            return 0
        current = vocabulary.load(store)
        if action == "add":
            themes, changed = vocabulary.added(current, args.names)
            verb = "Added"
        else:
            themes, changed = vocabulary.removed(current, args.names)
            verb = "Removed"
        store.set_setting(THEMES_SETTING, themes)
    if changed:
        print(f"{verb}: {', '.join(changed)}.")
    else:
        print("Nothing to add: those themes are already there.")
    if action == "remove":
        print(
            "Items already tagged with a removed theme keep the tag, but it is no longer reported."
        )
    return 0
