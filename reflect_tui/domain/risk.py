"""Risk scoring: likelihood 1-5 x severity 1-5, banded low / moderate / high / extreme.

``None`` means "don't know". An unknown is never scored as low: a row with an
unknown part has no score and its band is UNKNOWN, which the UI and minutes
show as needing attention rather than as safe.
"""

from __future__ import annotations

from enum import StrEnum


class Band(StrEnum):
    UNKNOWN = "unknown"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    EXTREME = "extreme"

    @property
    def colour(self) -> str:
        return _COLOURS[self]

    @property
    def rank(self) -> int:
        """Ordering for "highest band": unknown ranks above moderate (it hides a risk)."""
        return _RANKS[self]


_COLOURS = {
    Band.UNKNOWN: "grey",
    Band.LOW: "green",
    Band.MODERATE: "yellow",
    Band.HIGH: "orange",
    Band.EXTREME: "red",
}
_RANKS = {Band.LOW: 0, Band.MODERATE: 1, Band.UNKNOWN: 2, Band.HIGH: 3, Band.EXTREME: 4}

SCALE_MIN = 1
SCALE_MAX = 5


def score(likelihood: int | None, severity: int | None) -> int | None:
    if likelihood is None or severity is None:
        return None
    for value in (likelihood, severity):
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise ValueError(f"risk ratings run from {SCALE_MIN} to {SCALE_MAX}, not {value}")
    return likelihood * severity


def band_for_score(value: int | None) -> Band:
    if value is None:
        return Band.UNKNOWN
    if value <= 3:
        return Band.LOW
    if value <= 6:
        return Band.MODERATE
    if value <= 12:
        return Band.HIGH
    return Band.EXTREME


def band(likelihood: int | None, severity: int | None) -> Band:
    return band_for_score(score(likelihood, severity))


def highest(bands: list[Band]) -> Band | None:
    return max(bands, key=lambda b: b.rank) if bands else None
