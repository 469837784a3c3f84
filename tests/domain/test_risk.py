"""Risk scoring follows the 5x5 convention and never reads "don't know" as safe."""

import pytest

from reflect_tui.domain import risk
from reflect_tui.domain.answers import RiskRow
from reflect_tui.domain.risk import Band


@pytest.mark.parametrize(
    ("likelihood", "severity", "expected"),
    [
        (1, 1, Band.LOW),
        (1, 3, Band.LOW),
        (2, 2, Band.MODERATE),
        (2, 3, Band.MODERATE),
        (2, 4, Band.HIGH),
        (3, 4, Band.HIGH),
        (3, 5, Band.EXTREME),
        (5, 5, Band.EXTREME),
    ],
)
def test_a_scored_hazard_lands_in_the_agreed_band(
    likelihood: int, severity: int, expected: Band
) -> None:
    assert risk.band(likelihood, severity) is expected


def test_every_possible_score_has_exactly_one_band() -> None:
    scores = {lk * sv for lk in range(1, 6) for sv in range(1, 6)}
    assert {risk.band_for_score(s) for s in scores} == {
        Band.LOW,
        Band.MODERATE,
        Band.HIGH,
        Band.EXTREME,
    }


def test_dont_know_is_never_scored_as_low() -> None:
    row = RiskRow(hazard="Dog in the house", likelihood=None, severity=4)
    assert row.score is None
    assert row.band is Band.UNKNOWN
    assert Band.UNKNOWN.rank > Band.MODERATE.rank


def test_the_highest_band_of_a_register_is_the_worst_row() -> None:
    bands = [Band.LOW, Band.UNKNOWN, Band.MODERATE]
    assert risk.highest(bands) is Band.UNKNOWN
    assert risk.highest([*bands, Band.EXTREME]) is Band.EXTREME
    assert risk.highest([]) is None


def test_a_rating_outside_one_to_five_is_refused() -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        risk.score(6, 1)
