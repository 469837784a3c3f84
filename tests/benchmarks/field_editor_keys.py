"""Typing cost of each field editor against a bare Textual Input (printed, not asserted).

Drives each editor headless with Pilot, types 30 keys, and prints the time per
key. Pilot's own settling time is in every figure, so read them side by side:
an editor should cost about what a bare Input costs.

    .venv/bin/python tests/benchmarks/field_editor_keys.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui" / "widgets"))

from host_app import HostApp
from samples import ALL_FIELDS, PEOPLE, THEMES, sample_value

from reflect_tui.domain.template import FieldKind

KEYS = list("abcdefghij" * 3)
ROUNDS = 3
# Kinds whose first input takes free text (rating, checklist and choice take picks).
TYPED = {FieldKind.TEXT, FieldKind.LIST, FieldKind.ACTIONS, FieldKind.RISKS, FieldKind.PEOPLE}


class BareInput(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


async def per_key_ms(app: App[None]) -> float:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if isinstance(app, BareInput):
            app.query_one(Input).focus()
            await pilot.pause()
        start = time.perf_counter()
        await pilot.press(*KEYS)
        return (time.perf_counter() - start) / len(KEYS) * 1000


async def main() -> None:
    bare = statistics.median([await per_key_ms(BareInput()) for _ in range(ROUNDS)])
    print(f"{'bare Input':<12} {bare:6.1f} ms/key  (1.00x)")
    for field in ALL_FIELDS:
        if field.kind not in TYPED:
            continue
        runs = [
            await per_key_ms(HostApp(field, sample_value(field), people=PEOPLE, themes=THEMES))
            for _ in range(ROUNDS)
        ]
        ms = statistics.median(runs)
        print(f"{field.kind.value:<12} {ms:6.1f} ms/key  ({ms / bare:.2f}x)")


if __name__ == "__main__":
    asyncio.run(main())
