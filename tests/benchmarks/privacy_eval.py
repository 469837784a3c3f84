"""Print the privacy check's recall and precision on the labelled set (no assertions).

Run: .venv/bin/python tests/benchmarks/privacy_eval.py
The set lives in tests/minutes/minutes_privacy_cases.py; the targets (95 % recall,
90 % precision) are asserted in tests/minutes/test_minutes_privacy.py.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "minutes"))

from minutes_privacy_cases import evaluate


def main() -> None:
    started = time.perf_counter()
    scores = evaluate()
    elapsed = time.perf_counter() - started
    print(scores.report())
    print(f"  time      {elapsed * 1000:.1f} ms for the whole set")


if __name__ == "__main__":
    main()
