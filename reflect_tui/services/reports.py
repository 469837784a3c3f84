"""The thematic report's periods and files, for the report screen and ``reflect report``.

Period arithmetic (the default preview, the period a person asked for, the same
days a year earlier), reading a period and k typed into boxes (with the message
that says what to type), where a report goes by default, and writing it as an
owner-only file that is only replaced when asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reflect_tui.errors import UserError
from reflect_tui.services.errors import BadPeriod, ReportExists

if TYPE_CHECKING:
    from reflect_tui.report import Period
    from reflect_tui.store import Store

REPORTS_FOLDER = "reports"
ReportFormat = Literal["md", "html"]


def preview_period(today: date) -> Period:
    """What the report screen shows first: the last twelve months, ending today."""
    from reflect_tui.report import default_period

    return default_period(today)


def requested_period(since: date | None, until: date | None, today: date) -> Period:
    """The period ``reflect report`` was asked for (ends filled in), checked for a release."""
    from reflect_tui.report import period_from, releases

    period = period_from(since, until, today)
    releases.check_period(period)
    return period


def shift_period(period: Period, years: int) -> Period:
    """The same days ``years`` earlier (negative) or later, Feb 29 falling back to the 28th."""
    from reflect_tui.report import Period

    def move(day: date) -> date:
        try:
            return day.replace(year=day.year + years)
        except ValueError:
            return day.replace(year=day.year + years, day=28)

    return Period(move(period.since), move(period.until))


@dataclass(frozen=True)
class Wanted:
    """A period and a threshold k read from what a person typed."""

    period: Period
    min_count: int


def read_period(since: str, until: str, k: str, today: date) -> Wanted:
    """The period and k typed in the report screen's boxes; ``BadPeriod`` says what to type."""
    from reflect_tui.domain.dates import DATE_FORMS, parse_day
    from reflect_tui.report import MINIMUM_K, Period

    days: list[date] = []
    for raw, what in ((since.strip(), "first"), (until.strip(), "last")):
        typed = parse_day(raw)  # YYYY-MM-DD or day first (DD/MM/YYYY)
        if typed is None:
            raise BadPeriod(
                f"The {what} day {raw!r} is not a date: write it as {DATE_FORMS}, "
                f"e.g. {today:%d/%m/%Y}."
            )
        days.append(typed)
    raw_k = k.strip()
    try:
        min_count = int(raw_k)
    except ValueError:
        raise BadPeriod(
            f"Hide counts below {raw_k!r}: type a whole number, {MINIMUM_K} or more."
        ) from None
    if min_count < MINIMUM_K:
        raise BadPeriod(
            f"Counts below {MINIMUM_K} can identify people, so k is never below "
            f"{MINIMUM_K}; type {MINIMUM_K} or more."
        )
    try:
        period = Period(days[0], days[1])
    except UserError:
        raise BadPeriod("The period ends before it starts: put the earlier day in From.") from None
    return Wanted(period, min_count)


def report_filename(period: Period, fmt: ReportFormat) -> str:
    return f"thematic-report-{period.since.isoformat()}-to-{period.until.isoformat()}.{fmt}"


def reports_folder(store: Store) -> Path:
    """Where reports go by default (beside an encrypted folder: it holds only ciphertext)."""
    base = store.export_dir if store.encrypted else Path(store.data_dir)
    return base / REPORTS_FOLDER


def default_report_path(store: Store, period: Period, fmt: ReportFormat) -> Path:
    return reports_folder(store) / report_filename(period, fmt)


def write_report(
    path: Path, text: str, *, default_folder: Path | None = None, force: bool = False
) -> Path:
    """Write an owner-only file; the reports folder is created (0700) when it is the target.

    ``ReportExists`` when the file is there and ``force`` is not given.
    """
    from reflect_tui.minutes.files import ExportExists, write_private_file
    from reflect_tui.store.files import private_dir

    path = path.expanduser()
    if default_folder is not None and path.parent == default_folder and not default_folder.exists():
        private_dir(default_folder)
    try:
        write_private_file(path, text, force=force)
    except ExportExists as err:
        raise ReportExists(str(err)) from err
    return path
