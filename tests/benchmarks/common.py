"""Shared benchmark helpers: timing, medians and percentiles, child-process RSS, the table.

Every benchmark module returns ``Row``s: one measurement next to its reference,
measured in the same run, with the target ratio it is held to. ``run.py``
gathers them into one table. Nothing here asserts a speed; it only prints.
"""

from __future__ import annotations

import gc
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# The repository root, so child processes import this checkout's reflect_tui.
ROOT = Path(__file__).resolve().parents[2]

MS = "ms"
# The store size the big ones are compared with ("the same at 100").
REFERENCE_SESSIONS = 100
MB = "MB"
KEYS_UNIT = "keys"


@dataclass(frozen=True)
class Row:
    """One line of the table. ``target`` is the highest acceptable value / reference.

    ``reference`` is empty and ``target`` None for absolute figures (exports).
    """

    name: str
    sessions: int
    value: float
    reference: str = ""
    ref_value: float = math.nan
    target: float | None = None
    unit: str = MS
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.reference or not self.ref_value or math.isnan(self.ref_value):
            return None
        return self.value / self.ref_value

    @property
    def met(self) -> bool | None:
        ratio = self.ratio
        if self.target is None or ratio is None:
            return None
        return ratio <= self.target


# --------------------------------------------------------------------- timing


def ms(seconds: float) -> float:
    return seconds * 1000.0


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (p99 of 200 key presses is the 198th smallest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call takes, garbage collector on as in real use.

    The heap is collected first so one run does not pay for another's garbage.
    """
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def repeat(fn: Callable[[], object], repeats: int) -> list[float]:
    return [timed(fn) for _ in range(max(1, repeats))]


def interleaved(
    pairs: Sequence[tuple[Callable[[], object], Callable[[], object]]], repeats: int
) -> tuple[list[float], list[float]]:
    """Time (subject, reference) pairs alternately, so drift on the machine hits both alike."""
    subject: list[float] = []
    reference: list[float] = []
    for _ in range(max(1, repeats)):
        for fn, ref in pairs:
            subject.append(timed(fn))
            reference.append(timed(ref))
    return subject, reference


# ---------------------------------------------------------------------- stores


# ``reflect demo`` adds at most this many sessions per call; bigger stores take several.
FILL_CHUNK = 5000
# What decides the bytes of a generated store: the code that makes and writes it.
_STORE_CODE = ("reflect_tui/store", "reflect_tui/domain", "reflect_tui/templates", "sessions")


def code_version() -> str:
    """A short hash of every source file that shapes a generated store."""
    import hashlib

    digest = hashlib.sha256()
    for folder in _STORE_CODE:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".md"):
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    """Where generated stores are kept between runs (a private folder under the temp dir)."""
    import tempfile

    root = Path(tempfile.gettempdir()) / f"reflect-bench-stores-{os.getuid()}"
    root.mkdir(mode=0o700, exist_ok=True)
    return root


def _generate(folder: Path, sessions: int, seed: int) -> None:
    from datetime import datetime

    from reflect_tui.domain.clock import FixedClock
    from reflect_tui.store import Store
    from reflect_tui.store.demo import fill
    from reflect_tui.templates import TemplateLibrary

    clock = FixedClock(datetime(2026, 3, 2, 9, 30))
    templates = TemplateLibrary.from_dirs([]).templates()
    with Store.open(folder, clock) as store:
        left = sessions
        while left > 0:  # as `reflect demo --sessions` would, in calls of at most FILL_CHUNK
            added, _ = fill(store, templates, clock, min(left, FILL_CHUNK), seed)
            left -= added


def make_store(folder: Path, sessions: int, seed: int = 7, cache: bool = True) -> Path:
    """A data dir holding ``sessions`` fictional sessions (``reflect demo``); returns it.

    Generated in-process with a fixed clock so every run measures the same data;
    generation time is never part of a measurement. Generated stores are cached
    (keyed by size, seed and a hash of the code that writes them) and copied to
    ``folder``, so a second run does not generate 20,000 sessions again.
    """
    import shutil

    if not cache:
        _generate(folder, sessions, seed)
        return folder
    cached = cache_root() / f"{sessions}-{seed}-{code_version()}"
    if not cached.is_dir():
        building = cached.with_name(f"{cached.name}.building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        _generate(building, sessions, seed)
        try:
            building.rename(cached)
        except OSError:  # another run finished the same store first
            shutil.rmtree(building, ignore_errors=True)
    shutil.copytree(cached, folder, symlinks=True, dirs_exist_ok=True)
    return folder


def store_file(data_dir: Path) -> Path:
    from reflect_tui.store import STORE_NAME

    return data_dir / STORE_NAME


# -------------------------------------------------------------- child process


@dataclass(frozen=True)
class ChildRun:
    seconds: float  # from spawning the process to its first line of output
    peak_rss: int  # bytes: the child's own VmHWM, read by the child as it ends
    output: str


# Appended to every child: report the process's own peak RSS as it ends. (The
# rusage of wait4 would not do: Linux carries the parent's peak into a child
# across fork/vfork + exec, so a big parent would inflate every child.)
_REPORT_PEAK = """
import os as _os
with open("/proc/self/status") as _status:
    for _line in _status:
        if _line.startswith("VmHWM:"):
            _os.write(1, ("peak_rss_kb " + _line.split()[1] + "\\n").encode())
"""


_pycache: list[str] = []


def _scratch() -> str:
    """A private folder for children (bytecode cache, HOME), removed at exit."""
    if not _pycache:
        import atexit
        import shutil
        import tempfile

        folder = tempfile.mkdtemp(prefix="reflect-bench-")
        (Path(folder) / "home").mkdir(mode=0o700)
        atexit.register(shutil.rmtree, folder, True)
        _pycache.append(folder)
    return _pycache[0]


def child_env() -> dict[str, str]:
    """The environment of a measured child.

    Bytecode is cached (in a private folder): an installed app and Textual both
    start from .pyc files, so a benchmark must not recompile either every time.
    HOME and the XDG folders point into that folder too, so a child never reads
    or writes the real user's data or templates. The terminal is 80x24.
    """
    env = dict(os.environ)
    scratch = Path(_scratch())
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pyc")
    env["HOME"] = str(scratch / "home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(scratch / "home" / name.lower())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.pop("REFLECT_DATA", None)
    env.pop("REFLECT_TEMPLATES", None)
    env["TERM"] = env.get("TERM") or "xterm-256color"
    # An 80x24 terminal, as both halves of Textual see it: without a terminal, Rich
    # guesses 80x25 while the headless driver reports 80x24, and the resize between the
    # two (which no person's terminal makes) would be timed as part of every start.
    env["COLUMNS"], env["LINES"] = "80", "24"
    return env


def run_child(code: str, *args: str, timeout: float = 300.0, attempts: int = 2) -> ChildRun:
    """``run_once``, tried again (with a warning) if the child did not report."""
    for attempt in range(1, attempts + 1):
        try:
            return run_once(code, *args, timeout=timeout)
        except RuntimeError as err:
            if attempt == attempts:
                raise
            print(f"benchmark child failed, trying again: {err}", file=sys.stderr)
    raise AssertionError("unreachable")


def run_once(code: str, *args: str, timeout: float = 300.0) -> ChildRun:
    """Run ``python -c code args`` and time it until its first line of stdout.

    The child prints a line when it reaches the point being measured (for an app:
    the home screen is ready); then it finishes in its own time and reports its
    peak RSS.
    """
    import tempfile

    # stderr goes to a file, so stdout can be read to its end through the same
    # buffered reader as the first line (communicate() would skip what that
    # reader had already buffered, losing the peak line now and then).
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", code + _REPORT_PEAK, *args],
            stdout=subprocess.PIPE,
            stderr=errors,
            stdin=subprocess.DEVNULL,
            env=child_env(),
            cwd=ROOT,
        )
        assert proc.stdout is not None
        with proc.stdout:
            first = proc.stdout.readline()
            seconds = time.perf_counter() - start
            rest = proc.stdout.read()
        proc.wait(timeout=timeout)
        errors.seek(0)
        err = errors.read()
    output = (first + rest).decode(errors="replace")
    peak = [line.split()[1] for line in output.splitlines() if line.startswith("peak_rss_kb ")]
    if proc.returncode != 0 or not first or not peak:
        raise RuntimeError(
            f"benchmark child failed (exit {proc.returncode}); stdout {output[-500:]!r}; "
            f"stderr:\n{err.decode(errors='replace')}"
        )
    return ChildRun(seconds, int(peak[-1]) * 1024, output)


# ------------------------------------------------------------ module helpers


def versus_smallest(
    name: str,
    sessions: int,
    smallest: int,
    value: float,
    ref_value: float,
    target: float | None,
    note: str = "",
) -> Row:
    """A row held against "the same at the smallest size"; that size itself is the reference.

    (At the smallest size the row shows its figure alone: a store against itself
    would only show the noise of the machine.)
    """
    if sessions == smallest:
        return Row(name, sessions, value, note=note)
    return Row(
        name,
        sessions,
        value,
        reference=f"same at {smallest:,}",
        ref_value=ref_value,
        target=target,
        note=note,
    )


def per_store(
    stores: dict[int, Path], repeats: int, measure_store: Callable[[Path, int, int], list[Row]]
) -> list[Row]:
    """``measure_store(data_dir, sessions, repeats)`` for every store, smallest first."""
    rows: list[Row] = []
    for sessions, data_dir in sorted(stores.items()):
        rows += measure_store(data_dir, sessions, repeats)
    return rows


def standalone(
    doc: str | None,
    measure: Callable[[dict[int, Path], int], list[Row]],
    sessions: int,
    repeats: int,
    argv: list[str] | None = None,
) -> int:
    """The command line of one benchmark module run alone: one store, its table, its notes."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--sessions", type=int, default=sessions, help="sessions in the store")
    parser.add_argument("--repeats", type=int, default=repeats, help="runs per median")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reflect-bench-") as tmp:
        # The smallest full-run size too: several rows compare a big store with it.
        sizes = sorted({REFERENCE_SESSIONS, args.sessions})
        stores = {n: make_store(Path(tmp) / f"data-{n}", n) for n in sizes}
        rows = measure(stores, args.repeats)
    print(table(rows))
    for line in notes(rows):
        print(f"  - {line}")
    return 0


# ---------------------------------------------------------------------- table


def _fmt(value: float, unit: str) -> str:
    if math.isnan(value):
        return "-"
    if unit == MB:
        return f"{value:.1f} MB"
    if unit == KEYS_UNIT:
        return f"{value:g} keys"
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 1:
        return f"{value:.1f} ms"
    return f"{value:.3f} ms"


def cells(row: Row) -> list[str]:
    ratio = row.ratio
    met = row.met
    return [
        row.name,
        f"{row.sessions:,}",
        _fmt(row.value, row.unit),
        row.reference or "-",
        _fmt(row.ref_value, row.unit) if row.reference else "-",
        f"{ratio:.2f}x" if ratio is not None else "-",
        f"<= {row.target:g}x" if row.target is not None else "-",
        "-" if met is None else ("yes" if met else "NO"),
    ]


HEADER = ["measure", "sessions", "median", "reference", "ref. median", "ratio", "target", "met"]


def table(rows: Iterable[Row], markdown: bool = False) -> str:
    """The rows as a plain-text table, or as a Markdown table for the README."""
    body = [cells(r) for r in rows]
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(c) + " |" for c in body]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [HEADER, *body]) for i in range(len(HEADER))]
    out = ["  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(out)


def notes(rows: Iterable[Row]) -> list[str]:
    """Each row's note once; a note shared by several sizes is listed once with them all."""
    sizes: dict[tuple[str, str], list[int]] = {}
    for r in rows:
        if r.note:
            sizes.setdefault((r.name, r.note), []).append(r.sessions)
    return [
        f"{name} ({', '.join(f'{n:,}' for n in ns)}): {note}" for (name, note), ns in sizes.items()
    ]
