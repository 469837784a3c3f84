"""A store's settings as one typed, frozen object: ``Settings.load(store)``, ``save``.

Every setting a person (or an organisation) chooses lives here, with its key in
the store's settings table, its type, its default, and how a damaged or
hand-edited value is read (it falls back to the default, except the theme
vocabulary, whose damage is reported by ``themes_problem`` so nobody reports on
themes they did not choose). Code asks ``Settings.load(source).bin_days``
rather than ``get_setting("bin_days", 30)``, and changes a setting with
``save(source, replace(settings, ...))``: only the keys whose value changed are
written.

Not settings, and so not here: the store's own bookkeeping (schema version,
erased ids, the report release log, the store id), which their modules keep.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Protocol

from reflect_tui.domain.themes import DEFAULT_THEMES, THEMES_SETTING

# The keys, as stored.
THEME = "theme"
TIME_SIGNAL = "time_signal"
SHARED_SCREEN = "shared_screen"
AUTO_LOCK_MINUTES = "auto_lock_minutes"
THEMES = THEMES_SETTING
CADENCE = "cadence"
DO_NOT_SHARE = "do_not_share"
REFERENCE_PATTERNS = "reference_patterns"
MINUTES_DIR = "minutes_dir"
EXPORT_DIR = "export_dir"
BIN_DAYS = "bin_days"
RETENTION = "retention"

DEFAULT_AUTO_LOCK_MINUTES = 10
DEFAULT_BIN_DAYS = 30
DEFAULT_DECOMPRESSION_MONTHS = 3
DEFAULT_SUPERVISION_WEEKS = 4
MAX_MONTHS = 24
MAX_WEEKS = 52


class SettingsSource(Protocol):
    """What a store offers: one JSON value per key."""

    def get_setting(self, key: str, default: object = None) -> object: ...

    def set_setting(self, key: str, value: object) -> None: ...


class ReadsSettings(Protocol):
    def get_setting(self, key: str, default: object = None) -> object: ...


@dataclass(frozen=True)
class Settings:
    theme: str | None = None  # the app's colour theme by name; None: Textual's default
    time_signal: bool = True  # bell and notice when a timebox or the session's time ends
    shared_screen: bool = False  # every screen behaves as in room mode
    auto_lock_minutes: float = DEFAULT_AUTO_LOCK_MINUTES  # encrypted folders; 0: never
    themes: tuple[str, ...] | None = None  # the report vocabulary; None: the defaults
    themes_problem: str | None = field(default=None, compare=False)
    decompression_months: int = DEFAULT_DECOMPRESSION_MONTHS
    supervision_weeks: int = DEFAULT_SUPERVISION_WEEKS
    do_not_share: tuple[str, ...] = ()
    reference_patterns: tuple[str, ...] = ()
    minutes_dir: str | None = None  # None: <data folder>/minutes
    export_dir: str | None = None  # None: the minutes folder (beside it when encrypted)
    bin_days: int = DEFAULT_BIN_DAYS
    retention: Mapping[str, int | None] = field(default_factory=dict)  # kind or template id

    @property
    def vocabulary(self) -> list[str]:
        """The themes items can be tagged with (the defaults until someone edits them)."""
        return list(DEFAULT_THEMES) if self.themes is None else list(self.themes)

    @classmethod
    def load(cls, source: ReadsSettings) -> Settings:
        """Read every setting; a missing or unusable value gives the default."""

        def get(key: str) -> object:
            return source.get_setting(key, None)

        themes, problem = _themes(get(THEMES))
        months, weeks = read_cadence(get(CADENCE))
        return cls(
            theme=_text(get(THEME)),
            time_signal=bool(source.get_setting(TIME_SIGNAL, True)),
            shared_screen=shared_screen_on(source),
            auto_lock_minutes=_minutes(source.get_setting(AUTO_LOCK_MINUTES, None)),
            themes=themes,
            themes_problem=problem,
            decompression_months=months,
            supervision_weeks=weeks,
            do_not_share=tuple(
                " ".join(str(v).split()) for v in _items(get(DO_NOT_SHARE)) if str(v).strip()
            ),
            reference_patterns=tuple(str(v) for v in _items(get(REFERENCE_PATTERNS)) if str(v)),
            minutes_dir=_text(get(MINUTES_DIR)),
            export_dir=_text(get(EXPORT_DIR)),
            bin_days=_bin_days(get(BIN_DAYS)),
            retention=_retention(get(RETENTION)),
        )

    def stored(self) -> dict[str, object]:
        """Each key with the JSON value ``save`` writes for it."""
        return {
            THEME: self.theme,
            TIME_SIGNAL: self.time_signal,
            SHARED_SCREEN: self.shared_screen,
            AUTO_LOCK_MINUTES: self.auto_lock_minutes,
            THEMES: None if self.themes is None else list(self.themes),
            CADENCE: {
                "decompression_months": self.decompression_months,
                "supervision_weeks": self.supervision_weeks,
            },
            DO_NOT_SHARE: list(self.do_not_share),
            REFERENCE_PATTERNS: list(self.reference_patterns),
            MINUTES_DIR: self.minutes_dir,
            EXPORT_DIR: self.export_dir,
            BIN_DAYS: self.bin_days,
            RETENTION: dict(self.retention),
        }


def save(source: SettingsSource, settings: Settings) -> list[str]:
    """Write the settings whose value differs from what is stored now; the keys written."""
    now = Settings.load(source).stored()
    wanted = settings.stored()
    written = [key for key, value in wanted.items() if now[key] != value]
    for key in written:
        source.set_setting(key, wanted[key])
    return written


def shared_screen_on(source: ReadsSettings) -> bool:
    """Only the shared-screen switch (asked on every draw in the room: one key, not all)."""
    return source.get_setting(SHARED_SCREEN, False) is True


def setting_names() -> list[str]:
    """The fields of ``Settings`` (for documentation and tests)."""
    return [f.name for f in fields(Settings) if f.name != "themes_problem"]


# -- reading stored values -----------------------------------------------------


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _items(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _number(value: object) -> str | int | float | None:
    """A stored value that ``int``/``float`` may read (JSON gives numbers or text)."""
    return value if isinstance(value, str | int | float) else None


def _minutes(value: object) -> float:
    number = _number(value)
    if number is None:
        return DEFAULT_AUTO_LOCK_MINUTES
    try:
        return max(0.0, float(number))
    except ValueError:
        return DEFAULT_AUTO_LOCK_MINUTES


def _bin_days(value: object) -> int:
    number = _number(value)
    if number is None:
        return DEFAULT_BIN_DAYS
    try:
        days = int(number)
    except ValueError:
        return DEFAULT_BIN_DAYS
    return max(days, 0)


def _whole(value: object, default: int, top: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        return default
    return value


def read_cadence(value: object) -> tuple[int, int]:
    """(months, weeks) from the stored ``cadence`` value; each unusable part is its default."""
    if not isinstance(value, dict):
        return DEFAULT_DECOMPRESSION_MONTHS, DEFAULT_SUPERVISION_WEEKS
    return (
        _whole(value.get("decompression_months"), DEFAULT_DECOMPRESSION_MONTHS, MAX_MONTHS),
        _whole(value.get("supervision_weeks"), DEFAULT_SUPERVISION_WEEKS, MAX_WEEKS),
    )


def _themes(value: object) -> tuple[tuple[str, ...] | None, str | None]:
    from reflect_tui.domain.themes import normalise_theme

    if value is None:
        return None, None
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        return None, (
            f"the store setting {THEMES!r} is not a list of theme names; "
            "run `reflect themes reset` to go back to the default themes"
        )
    return tuple(t for t in value if normalise_theme(t)), None


def _days(value: object) -> int | None:
    number = _number(value)
    if number is None:
        return None
    try:
        days = int(number)
    except ValueError:
        return None
    return days if days > 0 else None


def _retention(value: object) -> dict[str, int | None]:
    if not isinstance(value, Mapping):
        return {}
    return {str(key): _days(days) for key, days in value.items()}
