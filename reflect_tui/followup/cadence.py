"""How often people should have sessions, and the calendar arithmetic behind "next due".

Cadence is a per-store setting (``"cadence"``): decompression sessions every N
months (default 3) and one-to-one supervision every N weeks (default 4). Month
arithmetic clamps to the last day of the month, so 31 January + 1 month is
28 (or 29) February and 29 February + 12 months is 28 February.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from reflect_tui.domain import settings
from reflect_tui.errors import UserError

CADENCE_SETTING = settings.CADENCE
DEFAULT_DECOMPRESSION_MONTHS = settings.DEFAULT_DECOMPRESSION_MONTHS
DEFAULT_SUPERVISION_WEEKS = settings.DEFAULT_SUPERVISION_WEEKS
MAX_MONTHS = settings.MAX_MONTHS
MAX_WEEKS = settings.MAX_WEEKS


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    import calendar  # only when a due date is worked out, not to draw home

    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def add_weeks(day: date, weeks: int) -> date:
    return day + timedelta(weeks=weeks)


class SettingsStore(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class Cadence:
    decompression_months: int = DEFAULT_DECOMPRESSION_MONTHS
    supervision_weeks: int = DEFAULT_SUPERVISION_WEEKS

    def __post_init__(self) -> None:
        check_months(self.decompression_months)
        check_weeks(self.supervision_weeks)

    def next_decompression(self, last: date) -> date:
        return add_months(last, self.decompression_months)

    def next_supervision(self, last: date) -> date:
        return add_weeks(last, self.supervision_weeks)

    def to_json(self) -> dict[str, int]:
        return {
            "decompression_months": self.decompression_months,
            "supervision_weeks": self.supervision_weeks,
        }

    @classmethod
    def from_json(cls, data: Any) -> Cadence:
        """Read the setting; anything missing or unusable falls back to the default."""
        return cls(*settings.read_cadence(data))


def check_months(months: int) -> int:
    if not 1 <= months <= MAX_MONTHS:
        raise UserError(
            f"Decompression sessions every {months} months is out of range: "
            f"give a whole number of months from 1 to {MAX_MONTHS}."
        )
    return months


def check_weeks(weeks: int) -> int:
    if not 1 <= weeks <= MAX_WEEKS:
        raise UserError(
            f"Supervision every {weeks} weeks is out of range: "
            f"give a whole number of weeks from 1 to {MAX_WEEKS}."
        )
    return weeks


def load_cadence(store: SettingsStore) -> Cadence:
    from reflect_tui.domain.settings import Settings

    settings = Settings.load(store)
    return Cadence(settings.decompression_months, settings.supervision_weeks)


def save_cadence(store: SettingsStore, cadence: Cadence) -> None:
    from dataclasses import replace

    from reflect_tui.domain.settings import Settings, save

    current = Settings.load(store)
    save(
        store,
        replace(
            current,
            decompression_months=cadence.decompression_months,
            supervision_weeks=cadence.supervision_weeks,
        ),
    )
