"""What a reader may see of an exact count.

Rules (docs/report.md explains them in plain words):

- a count of people or teams below k is shown as "fewer than k";
- a count of people is also hidden when fewer than k of the people counted did
  *not* raise the theme ("all or nearly all"), otherwise a colleague who knows
  who had sessions would know that everyone, or everyone but themselves, raised it;
  when the population is below 2k no exact count of people is safe at all;
- a number of individual sessions is shown only next to a shown count of people
  (it would narrow a hidden count of people, and says how often one person came back);
- a count of teams, or of team sessions, below k is shown as "fewer than k";
- a change against the previous period is shown only when both counts are shown,
  so it never tells a reader more than the two counts beside it.

No figure is ever a sum of other figures (a person can raise several themes),
so there is no total from which a hidden cell could be worked out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MINIMUM_K = 3
DEFAULT_K = 5


class Shown(StrEnum):
    EXACT = "exact"
    FEWER = "fewer"  # 0 .. k-1
    NEARLY_ALL = "nearly-all"  # population-k+1 .. population
    WITHHELD = "withheld"  # anything consistent with the rest


@dataclass(frozen=True)
class Cell:
    """One figure as a reader sees it. ``value`` is set only when ``shown`` is EXACT."""

    shown: Shown
    value: int | None
    text: str

    @property
    def is_exact(self) -> bool:
        return self.shown is Shown.EXACT

    @property
    def bar(self) -> int:
        """Length of the bar to draw: the exact value, or nothing for a hidden one."""
        return self.value if self.value is not None and self.shown is Shown.EXACT else 0


def exact(value: int) -> Cell:
    return Cell(Shown.EXACT, value, str(value))


def fewer(k: int) -> Cell:
    return Cell(Shown.FEWER, None, f"fewer than {k}")


def nearly_all() -> Cell:
    return Cell(Shown.NEARLY_ALL, None, "all or nearly all")


WITHHELD = Cell(Shown.WITHHELD, None, "not shown")


def check_k(k: int) -> int:
    from reflect_tui.errors import UserError

    if k < MINIMUM_K:
        raise UserError(
            f"--min-count {k} is too low: counts below {MINIMUM_K} can identify people, so the "
            f"report never shows them; use --min-count {MINIMUM_K} or more (default {DEFAULT_K})"
        )
    return k


def population(count: int, k: int) -> Cell:
    """How many people (or teams) were counted at all."""
    return exact(count) if count >= k else fewer(k)


def people(count: int, total: int, k: int) -> Cell:
    """People who raised a theme, out of ``total`` people counted in the period."""
    if total < k:
        return fewer(k)
    if total < 2 * k:
        return WITHHELD
    if count < k:
        return fewer(k)
    if total - count < k:
        return nearly_all()
    return exact(count)


def at_least_k(count: int, k: int) -> Cell:
    """Teams, or team sessions, that discussed a theme.

    A team session's themes belong to the group, so only the threshold applies.
    A shown number of team sessions next to a hidden number of teams is safe: it
    only says the hidden count is at least one, which leaves k-1 >= 2 values.
    """
    return exact(count) if count >= k else fewer(k)


def teams(count: int, total: int, k: int) -> Cell:
    """Teams that discussed a theme, out of ``total`` teams counted: the dominance rule.

    "5 of 5 teams" tells every member of every team that their team discussed it,
    so "all or nearly all" is never shown exactly, as for people.
    """
    return people(count, total, k)


def team_sessions(count: int, total: int, k: int) -> Cell:
    """Team sessions in which a theme came up, out of ``total``: threshold and dominance."""
    if count < k:
        return fewer(k)
    if total - count < k:
        return nearly_all()
    return exact(count)


def beside(count: int, anchor: Cell) -> Cell:
    """A count of individual sessions, shown only next to a shown count of people."""
    return exact(count) if anchor.is_exact else WITHHELD


def change(now: Cell, before: Cell) -> Cell:
    """The difference against the previous period, only when both sides are shown."""
    if now.value is None or before.value is None or not (now.is_exact and before.is_exact):
        return WITHHELD
    diff = now.value - before.value
    return Cell(Shown.EXACT, diff, f"+{diff}" if diff > 0 else str(diff))
