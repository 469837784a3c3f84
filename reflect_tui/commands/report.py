"""`reflect report` (the anonymised thematic report) and `reflect themes` (its vocabulary).

``report`` opens every ``--data`` store and combines their counts; the only
thing written to a store is the record of what was released (its id and its
release log, ``report.releases``). ``--export-contribution`` writes one store's
counts to a file; ``--contribution`` combines such files. ``themes`` edits one
store's vocabulary.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from reflect_tui import paths
from reflect_tui.commands import options, output
from reflect_tui.commands.dateopt import day_option
from reflect_tui.domain.clock import Clock, SystemClock
from reflect_tui.domain.themes import DEFAULT_THEMES
from reflect_tui.errors import UserError
from reflect_tui.minutes.files import check_writable
from reflect_tui.report import (
    DEFAULT_K,
    build_report,
    contribution,
    merge_vocabularies,
    releases,
    render_html,
    render_markdown,
    vocabulary,
)
from reflect_tui.report.build import report_from_tallies
from reflect_tui.report.counting import tally
from reflect_tui.report.model import Report, ThemeRow
from reflect_tui.report.period import Period
from reflect_tui.report.suppression import Cell, check_k
from reflect_tui.services.reports import requested_period, write_report
from reflect_tui.store import STORE_NAME, Store

RELEASE_WAIT_SECONDS = 5.0


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
    report.add_argument(
        "--since", metavar="DATE", type=_date, help="first day (DD/MM/YYYY or YYYY-MM-DD)"
    )
    report.add_argument(
        "--until", metavar="DATE", type=_date, help="last day (DD/MM/YYYY or YYYY-MM-DD)"
    )
    report.add_argument(
        "--min-count",
        metavar="K",
        type=int,
        default=DEFAULT_K,
        help=f"hide counts below K (default {DEFAULT_K}, never below 3)",
    )
    report.add_argument(
        "--format",
        choices=("md", "html", "json", "csv"),
        default="md",
        help="md: Markdown with YAML front matter (default); html: one page with bar charts; "
        "json: the figures for scripts (docs/cli.md); csv: the counts per theme for a "
        "spreadsheet (UTF-8 with BOM)",
    )
    report.add_argument("--json", action="store_true", help="the same as --format json")
    report.add_argument(
        "-o", "--output", metavar="PATH", help="write to a file (owner-only) instead of stdout"
    )
    report.add_argument("--force", action="store_true", help="replace an existing file")
    report.add_argument(
        "--export-contribution",
        metavar="FILE",
        help="write this store's counts for the period to FILE (counts only: no names, no "
        "text) for a coordinator to combine; recorded as a release",
    )
    report.add_argument(
        "--contribution",
        metavar="FILE",
        action="append",
        help="combine contribution files instead of stores (give it once per file)",
    )
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
    themes.add_argument("--json", action="store_true", help="print the themes as a JSON list")
    actions = themes.add_subparsers(dest="themes_action", metavar="ACTION")
    listing = actions.add_parser("list", parents=[parent], help="show the themes (the default)")
    listing.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print JSON"
    )
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
    day = day_option(text)
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


def run_report(args: argparse.Namespace, clock: Clock | None = None) -> int:
    clock = clock or SystemClock()
    if args.contribution:
        return _report_from_contributions(args, clock)
    period = requested_period(args.since, args.until, clock.now().date())
    k = check_k(args.min_count)
    dirs = data_dirs(args)
    if len({d.resolve() for d in dirs}) != len(dirs):
        raise UserError(
            "the same data folder was given twice with --data; its people would be counted "
            "twice, so give each store once"
        )
    if args.export_contribution and len(dirs) != 1:
        raise UserError(
            "--export-contribution writes one store's counts: give exactly one --data folder"
        )
    target = args.export_contribution or args.output
    if target and target != "-":  # before anything is recorded as released
        check_writable(Path(target).expanduser(), force=args.force)
    _refuse_copies(dirs, clock)
    with contextlib.ExitStack() as stack:
        opened = [stack.enter_context(_open_for_release(d, clock)) for d in dirs]
        ids = [releases.store_id(store) for store in opened]
        releases.refuse_duplicates(ids, [str(d) for d in dirs])
        inputs = [
            releases.store_input(store, str(d), period)
            for d, store in zip(dirs, opened, strict=True)
        ]
        releases.check_release(inputs, period, k)
        themes = merge_vocabularies(vocabulary.load(store) for store in opened)
        stores = [list(i.sessions) for i in inputs]
        report = build_report(
            stores, period, vocabulary=themes, min_count=k, generated=clock.now().date()
        )
        at = clock.now().date().isoformat()
        if args.export_contribution:
            now, before = tally(stores, themes, [period, period.previous()])
            data = contribution.contribution_json(ids[0], period, now, before, themes)
            text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        else:
            text = _render(report, args)
        # Recorded before anything leaves: a failed write errs on the side of refusing later.
        for store, source in zip(opened, inputs, strict=True):
            releases.record_release(
                store,
                source,
                ids,
                report,
                at,
                kind="contribution" if args.export_contribution else "report",
            )
            store.audit(  # no content: what was released, for which period
                "contribution" if args.export_contribution else "report",
                None,
                f"{period.since}..{period.until}",
            )
    if not target or target == "-":
        sys.stdout.write(text)
        return 0
    path = write_report(Path(target), text, force=args.force)
    print(f"Wrote {path}")
    return 0


def _render(report: Report, args: argparse.Namespace) -> str:
    """The report in the format asked for (--format, or --json)."""
    fmt = "json" if getattr(args, "json", False) else args.format
    if fmt == "json":
        return json.dumps(report_json(report), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return output.csv_text(CSV_HEADER, csv_rows(report))
    return render_html(report) if fmt == "html" else render_markdown(report)


def _must_exist(data_dir: Path) -> None:
    if not (data_dir / STORE_NAME).is_file():
        raise UserError(
            f"no reflect data in {data_dir} (there is no {STORE_NAME}); check the --data path, "
            "or run `reflect demo --data DIR` to try the report on sample data"
        )


def _refuse_copies(dirs: list[Path], clock: Clock) -> None:
    """Before anything is opened for writing: the same store twice, as a copy or a link."""
    for d in dirs:
        _must_exist(d)
    if len(dirs) < 2:
        return  # one store cannot be a copy of another (nothing to open twice)
    ids: list[str] = []
    sessions: list[set[str]] = []
    for d in dirs:
        with Store.open(d, clock, read_only=True) as store:
            found = store.get_setting(releases.STORE_ID_SETTING)
            ids.append(str(found) if found else f"(no id yet) {d}")
            sessions.append({s.id for s in store.list_sessions()})
        # Closed stores hold their index in reference cycles: free them before the
        # stores are opened again, or a report over large stores holds each one twice.
        gc.collect()
    names = [str(d) for d in dirs]
    releases.refuse_duplicates(ids, names)
    releases.refuse_shared_sessions(sessions, names)


@contextlib.contextmanager
def _open_for_release(data_dir: Path, clock: Clock) -> Iterator[Store]:
    _must_exist(data_dir)
    with Store.open(data_dir, clock, lock_timeout=RELEASE_WAIT_SECONDS) as store:
        if store.read_only:
            raise UserError(
                f"{data_dir} is open in another reflect window ({store.read_only_reason}). "
                "A report records what it releases in each store, so close the other window "
                "and run it again."
            )
        yield store


def _report_from_contributions(args: argparse.Namespace, clock: Clock) -> int:
    if getattr(args, "data", None) or args.export_contribution:
        raise UserError(
            "--contribution combines contribution files: give no --data folder and no "
            "--export-contribution with it"
        )
    files = [contribution.read_contribution(Path(f).expanduser()) for f in args.contribution]
    period, now, before, themes = contribution.combine(files)
    releases.check_period(period)
    report = report_from_tallies(
        now,
        before,
        period,
        vocabulary=themes,
        min_count=check_k(args.min_count),
        stores=len(files),
        generated=clock.now().date(),
    )
    text = _render(report, args)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    path = write_report(Path(args.output), text, force=args.force)
    print(f"Wrote {path}")
    return 0


def run_themes(args: argparse.Namespace, clock: Clock | None = None) -> int:
    action = getattr(args, "themes_action", None) or "list"
    data_dir = paths.data_dir(options.data_option(args))
    if action == "list":
        if not (data_dir / STORE_NAME).is_file():
            themes = list(DEFAULT_THEMES)
        else:
            with Store.open(data_dir, clock, read_only=True) as store:
                themes = vocabulary.load(store)
        if getattr(args, "json", False):
            output.print_json(themes)
            return 0
        for theme in themes:
            print(theme)
        return 0
    with Store.open(data_dir, clock) as store:
        if store.read_only:
            raise UserError(f"cannot change the themes: {store.read_only_reason}")
        if action == "reset":
            vocabulary.save(store, DEFAULT_THEMES)
            print(f"The themes in {data_dir} are the {len(DEFAULT_THEMES)} defaults again.")
            return 0
        current = vocabulary.load(store)
        if action == "add":
            themes, changed = vocabulary.added(current, args.names)
            verb = "Added"
        else:
            themes, changed = vocabulary.removed(current, args.names)
            verb = "Removed"
        vocabulary.save(store, themes)
    if changed:
        print(f"{verb}: {', '.join(changed)}.")
    else:
        print("Nothing to add: those themes are already there.")
    if action == "remove":
        print(
            "Items already tagged with a removed theme keep the tag, but it is no longer reported."
        )
    return 0


def cell_json(cell: Cell) -> dict[str, object]:
    """A figure for scripts: ``value`` is null unless it may be shown exactly."""
    value = cell.value if cell.is_exact else None
    return {"shown": cell.shown.value, "value": value, "text": cell.text}


ROW_CELLS = (
    "people", "sessions", "people_before", "people_change",
    "teams", "team_sessions", "team_sessions_before", "team_sessions_change",
)  # fmt: skip


def _period(period: Period) -> dict[str, str]:
    return {"since": period.since.isoformat(), "until": period.until.isoformat()}


def report_json(report: Report) -> dict[str, object]:
    """`reflect report --json`: only the already-suppressed figures, nothing else."""
    return {
        "period": _period(report.period),
        "previous": _period(report.previous),
        "min_count": report.min_count,
        "stores": report.stores,
        "generated": report.generated.isoformat(),
        "people": cell_json(report.people),
        "people_before": cell_json(report.people_before),
        "sessions": cell_json(report.sessions),
        "teams": cell_json(report.teams),
        "teams_before": cell_json(report.teams_before),
        "team_sessions": cell_json(report.team_sessions),
        "themes": [
            {"theme": row.theme, **{name: cell_json(_cell(row, name)) for name in ROW_CELLS}}
            for row in report.rows
        ],
    }


def _cell(row: ThemeRow, name: str) -> Cell:
    cell: Cell = getattr(row, name)
    return cell


CSV_HEADER = ("theme", *ROW_CELLS)


def csv_rows(report: Report) -> list[list[object]]:
    """One row per theme; a hidden figure is its words ("fewer than 5"), never a number."""
    return [[row.theme, *(_cell(row, name).text for name in ROW_CELLS)] for row in report.rows]
