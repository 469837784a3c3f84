"""The data-protection tests import their builders from the follow-through tests."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "followup"))
