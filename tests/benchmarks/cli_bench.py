"""``reflect list`` and ``reflect report`` as a person runs them: fresh processes (issue 16).

- ``reflect list``: from spawning the process to the listing written (to
  /dev/null), on each store against the same on the smallest store (100
  sessions in a full run), alternated. Target: at most 1.3x.
- ``reflect report``: the peak RSS of one whole report (the period covering
  all the sample data, Markdown to /dev/null) against a bare Textual app's
  peak + 100 MB. Target: at most 1.0x. Its time is given in the note
  (``report_bench`` times the report against ``orjson.loads`` in-process).

Prints; asserts nothing.

    python tests/benchmarks/cli_bench.py [--sessions N] [--repeats R]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from common import MB, ChildRun, Row, median, ms, run_child, standalone, versus_smallest

LIST_TARGET = 1.3
REPORT_HEADROOM_MB = 100

# argv[1] is the data dir, the rest the sub-command; output goes to /dev/null and the
# child prints one line once the command returned.
COMMAND = """
import os, sys
from reflect_tui.cli import main
data, rest = sys.argv[1], sys.argv[2:]
with open(os.devnull, "w") as sink:
    sys.stdout = sink
    status = main(["--data", data, *rest])
    sys.stdout = sys.__stdout__
os.write(1, f"done {status}\\n".encode())
"""

LIST = ("list",)
# The sample data runs up to 2026-03-02 and over about fifteen months before; a
# release covers whole quarters.
REPORT = ("report", "--since", "2025-04-01", "--until", "2026-03-31")


def command(data_dir: Path, args: tuple[str, ...]) -> ChildRun:
    run = run_child(COMMAND, str(data_dir), *args)
    if not run.output.startswith("done 0"):
        raise RuntimeError(f"`reflect {' '.join(args)}` failed: {run.output[:300]!r}")
    return run


def report_once(data_dir: Path) -> ChildRun:
    """One report on a fresh copy (a report records its release in the store)."""
    with tempfile.TemporaryDirectory(prefix="reflect-report-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        return command(copy, REPORT)


def measure(stores: dict[int, Path], repeats: int) -> list[Row]:
    from memory_bench import BARE_APP

    smallest = min(stores)
    rows: list[Row] = []
    list_rows: list[Row] = []
    report_rows: list[Row] = []
    command(stores[smallest], LIST)  # warm the OS file cache and the bytecode cache
    for sessions, data_dir in sorted(stores.items()):
        ours: list[float] = []
        ref: list[float] = []
        for _ in range(max(1, repeats)):
            ours.append(command(data_dir, LIST).seconds)
            ref.append(command(stores[smallest], LIST).seconds)
        list_rows.append(
            versus_smallest(
                "`reflect list` (process)",
                sessions,
                smallest,
                ms(median(ours)),
                ms(median(ref)),
                LIST_TARGET,
            )
        )
        report = [report_once(data_dir) for _ in range(max(1, min(repeats, 3)))]
        bare = [run_child(BARE_APP) for _ in range(max(1, min(repeats, 3)))]
        bare_rss = median([float(r.peak_rss) for r in bare])
        report_rss = median([float(r.peak_rss) for r in report])
        report_rows.append(
            Row(
                "`reflect report` peak RSS",
                sessions,
                report_rss / 2**20,
                reference=f"bare app + {REPORT_HEADROOM_MB} MB",
                ref_value=bare_rss / 2**20 + REPORT_HEADROOM_MB,
                target=1.0,
                unit=MB,
                note=(
                    f"bare app {bare_rss / 2**20:.1f} MB; report process "
                    f"{ms(median([r.seconds for r in report])):.0f} ms"
                ),
            )
        )
    rows += list_rows + report_rows
    return rows


def main(argv: list[str] | None = None) -> int:
    return standalone(__doc__, measure, 5000, 3, argv)


if __name__ == "__main__":
    sys.exit(main())
