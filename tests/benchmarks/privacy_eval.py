"""Print the privacy check's recall and precision on the labelled set (no assertions).

Run: .venv/bin/python tests/benchmarks/privacy_eval.py
Two sets: tests/minutes/minutes_privacy_cases.py (identifier formats and look-alikes) and
tests/minutes/privacy_corpus.py (realistic social-care sentences: names without a list,
case references, addresses without postcodes, dates of birth in brackets, and look-alikes).
The targets are asserted in tests/minutes/test_minutes_privacy.py and test_privacy_check.py.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "minutes"))

from minutes_privacy_cases import evaluate
from privacy_corpus import cases, evaluate_corpus, fresh_cases, held_out_cases


def main() -> None:
    started = time.perf_counter()
    scores = evaluate()
    elapsed = time.perf_counter() - started
    print(scores.report())
    print(f"  time      {elapsed * 1000:.1f} ms for the whole set")
    print()
    started = time.perf_counter()
    corpus = evaluate_corpus()
    elapsed = time.perf_counter() - started
    print(f"social-care corpus (tests/minutes/privacy_corpus.py): {len(cases())} sentences,")
    print("a new store's empty name lists unless a case gives a do-not-share list")
    print("\n".join(corpus.report().splitlines()[1:]))
    print(f"  time      {elapsed * 1000:.1f} ms for the whole set")
    print()
    fresh = evaluate_corpus(fresh_cases())
    print(f"fresh sentences written after tuning (batch 2 led to fixes): {len(fresh_cases())}")
    print("\n".join(fresh.report().splitlines()[1:]))
    print()
    held = evaluate_corpus(held_out_cases())
    print(f"held-out sentences, written last and measured once: {len(held_out_cases())}")
    print("\n".join(held.report().splitlines()[1:]))


if __name__ == "__main__":
    main()
