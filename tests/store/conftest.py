"""Fixtures for the store tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_samples import NOW

from reflect_tui.domain.clock import FixedClock


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"
