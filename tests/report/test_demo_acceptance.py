"""Acceptance: `reflect demo` then `reflect report` gives a report with no small count shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_reader import feasible_values, read

from reflect_tui import cli


@pytest.mark.slow
def test_report_over_demo_data_shows_only_safe_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "demo")
    assert cli.main(["demo", "--data", data, "--sessions", "500"]) == 0
    capsys.readouterr()
    assert cli.main(["report", "--data", data]) == 0
    markdown = capsys.readouterr().out
    shown = read(markdown)
    assert len(shown.people.rows) == 10
    exact = 0
    for side_name in ("people", "teams"):
        side = getattr(shown, side_name)
        figures = [side.population, side.population_before, side.sessions]
        figures += [f for row in side.rows.values() for f in row[:3]]
        for figure in figures:
            if figure.text.isdigit():
                exact += 1
                assert int(figure.text) >= shown.k, figure
        for name, values in feasible_values(shown, side_name, bound=600).items():
            assert len(values) > 1, name
    assert exact > 0
    for name in ("Morgan", "Ellery", "Probation Team", "Ruth Amadi"):
        assert name not in markdown
