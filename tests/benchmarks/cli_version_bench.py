"""`reflect --version` against building every sub-parser (what --version used to do).

    python tests/benchmarks/cli_version_bench.py [--repeats N]

Prints medians of fresh interpreter runs; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES = {
    "reflect --version": "from reflect_tui import cli; cli.main(['--version'])",
    "python + import cli (floor)": "from reflect_tui import cli",
    "every sub-parser built (before)": "from reflect_tui import cli; cli.build_parser()",
}


def median_seconds(code: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15)
    repeats = parser.parse_args().repeats
    for name, code in CASES.items():
        print(f"{name:34} {median_seconds(code, repeats) * 1000:7.0f} ms (median of {repeats})")


if __name__ == "__main__":
    main()
