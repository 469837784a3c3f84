"""The benchmark suite still runs: every area returns rows of figures (never a speed check).

CI runs ``tests/benchmarks/run.py --quick`` only for its printout, so without
this test a broken benchmark would go unnoticed. Tiny store, one repeat; the
assertions are about the shape of the result, not about how fast anything is.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import common  # noqa: E402
import run  # noqa: E402

SESSIONS = 10


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    return {SESSIONS: common.make_store(tmp_path_factory.mktemp("bench") / "data", SESSIONS)}


def check_rows(rows: list[common.Row]) -> None:
    assert rows
    for row in rows:
        assert row.sessions == SESSIONS
        # A count of lost keys may be 0; every time and size is above 0.
        assert math.isfinite(row.value), row
        assert row.value > 0 or row.unit == common.KEYS_UNIT, row
        if row.reference:
            assert math.isfinite(row.ref_value) and row.ref_value > 0, row
            assert row.ratio is not None
        if row.target is not None:
            assert row.met in (True, False)


SLOW = (
    "memory_bench",
    "ui_bench",
    "typing_bench",
    "flow_bench",
    "step_keys_bench",
    "cli_bench",
)
IN_PROCESS = [m for m, _ in run.SECTIONS if m not in SLOW]


@pytest.mark.parametrize("module", IN_PROCESS)
def test_each_in_process_area_returns_figures_next_to_their_reference(
    module: str, stores: dict[int, Path]
) -> None:
    measure = run.load_module(module)
    if measure is None:
        pytest.skip(f"{module} has not landed yet")
    check_rows(measure(stores, 1))


@pytest.mark.slow
def test_app_processes_report_start_up_and_peak_memory_beside_a_bare_app(
    stores: dict[int, Path],
) -> None:
    rows = run.load_module("memory_bench")
    assert rows is not None
    got = rows(stores, 1)
    check_rows(got)
    names = {r.name for r in got}
    assert any("RSS" in n for n in names) and any("start" in n for n in names)


@pytest.mark.slow
@pytest.mark.parametrize("module", ["flow_bench", "step_keys_bench", "cli_bench"])
def test_flow_key_and_command_benchmarks_report_figures_beside_their_reference(
    module: str, stores: dict[int, Path]
) -> None:
    measure = run.load_module(module)
    assert measure is not None
    check_rows(measure(stores, 1))


@pytest.mark.slow
@pytest.mark.parametrize("module", ["ui_bench", "typing_bench"])
def test_app_benchmarks_report_per_key_figures_beside_an_empty_store(
    module: str, stores: dict[int, Path]
) -> None:
    measure = run.load_module(module)
    if measure is None:
        pytest.skip(f"{module} has not landed yet")
    rows = measure(stores, 1)
    check_rows(rows)
    assert any("key" in r.name.lower() for r in rows) or module == "ui_bench"


def test_the_table_shows_every_row_with_its_ratio_and_verdict() -> None:
    rows = [
        common.Row("open store", 100, 4.0, "TinyDB JSONStorage", 8.0, 1.0),
        common.Row("save one edited session", 100, 6.0, "TinyDB JSONStorage", 8.0, 0.5),
        common.Row("export HTML", 100, 3.0),
    ]
    text = common.table(rows)
    lines = text.splitlines()
    assert len(lines) == 2 + len(rows)
    assert "0.50x" in lines[2] and lines[2].rstrip().endswith("yes")
    assert "0.75x" in lines[3] and lines[3].rstrip().endswith("NO")
    assert lines[4].rstrip().endswith("-")
    markdown = common.table(rows, markdown=True).splitlines()
    assert markdown[0].startswith("| measure") and len(markdown) == 2 + len(rows)


def test_percentiles_use_the_nearest_rank() -> None:
    values = [float(n) for n in range(1, 201)]
    assert common.percentile(values, 99) == 198.0
    assert common.percentile(values, 50) == 100.0
    assert common.median([3.0, 1.0, 2.0]) == 2.0
