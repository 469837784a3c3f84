"""The room under load: 30 participants submitting while the facilitator types (issue 17).

Prints, never asserts:

- tray latency: from a participant's post leaving the client until the item is
  drawn in the facilitator's "from the room" tray (p50 / p95; target p95 <= 300 ms);
- per-key typing in the app's open list field with the room busy, against the
  same typing with the room open but idle (target <= 1.2x).

The app runs under Textual's Pilot with the room on 127.0.0.1; 30 aiohttp
clients (each its own cookie) post one item every ``INTERVAL`` seconds, spread
out, for as long as the typing takes. The caps are lifted for the run so that
rate limits do not refuse the load being measured. Keys are posted as the
terminal driver would and timed until the runner has handled the change.

Run: ``python tests/benchmarks/room_bench.py [--keys N] [--people N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import aiohttp
from typing_bench import timed_keys

from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.session import Session
from reflect_tui.room.state import RoomLimits, Submission
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary

NOW = datetime(2026, 3, 2, 9, 30)
INTERVAL = 1.0  # seconds between one participant's items
GAP = 0.03  # seconds between keys: brisk typing
WARM_UP = 10
ROUNDS = 3
TEXT = "the handover was clear and the manager picked up the phone when we rang "


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def draft(data: Path) -> str:
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    session = Session.start(template, "Room benchmark", NOW)
    session.current_step = next(n for n, s in enumerate(template.steps) if s.id == "went-well")
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_session(session)
    return session.id


async def run(keys: int, people: int) -> dict[str, float]:
    from reflect_tui.ui.app import make_app
    from reflect_tui.ui.screens.runner import RunnerScreen
    from reflect_tui.ui.widgets.room_tray import RoomTray

    with tempfile.TemporaryDirectory(prefix="reflect-room-bench-") as tmp:
        data = Path(tmp)
        session_id = draft(data)
        app = make_app(data, FixedClock(NOW), animations=False)
        async with app.run_test(size=(120, 40)) as pilot:
            runner = RunnerScreen(app.store.get_session(session_id))
            await app.push_screen(runner)
            await pilot.pause()
            await runner.action_join_room()
            await pilot.pause()
            app.screen.dismiss(None)
            await pilot.pause()
            link = runner.room_link
            assert link is not None
            link.state.limits = RoomLimits(
                max_participants=people + 5,
                items_per_minute=10_000,
                max_items_each=10_000,
                max_pending=1_000_000,
            )
            tray = runner.query_one(RoomTray)
            sent_at: dict[str, float] = {}
            shown_at: dict[str, float] = {}
            show = tray.show_items

            def timed_show(items: list[Submission]) -> None:
                show(items)
                now = time.perf_counter()
                for item in items:
                    shown_at.setdefault(item.text, now)

            tray.show_items = timed_show  # type: ignore[method-assign]

            editor = runner.query_one("#field-went-well")
            saver = runner.autosaver
            assert saver is not None

            async def type_keys(count: int) -> list[float]:
                editor.focus_first()  # type: ignore[attr-defined]
                await pilot.pause()
                text = (TEXT * (1 + (count + WARM_UP) // len(TEXT)))[: count + WARM_UP]
                return (await timed_keys(app, saver, text, GAP))[WARM_UP:]

            url = link.url
            stop = asyncio.Event()
            load = asyncio.Event()

            async def participant(n: int) -> None:
                async with aiohttp.ClientSession(
                    cookie_jar=aiohttp.CookieJar(unsafe=True)
                ) as phone:
                    async with phone.get(url) as reply:
                        reply.raise_for_status()
                    await asyncio.sleep(INTERVAL * n / people)  # spread the posts out
                    k = 0
                    while not stop.is_set():
                        if not load.is_set():
                            await asyncio.sleep(0.05)
                            continue
                        text = f"participant item {n}-{k}"
                        sent_at[text] = time.perf_counter()
                        async with phone.post(url + "add", data={"text": text}) as reply:
                            reply.raise_for_status()
                        k += 1
                        await asyncio.sleep(INTERVAL)

            crowd = [asyncio.ensure_future(participant(n)) for n in range(people)]
            await asyncio.sleep(INTERVAL)  # everyone has joined
            # Idle and busy rounds alternate, so drift on a shared machine hits both.
            idle: list[float] = []
            busy: list[float] = []
            for _ in range(ROUNDS):
                load.clear()
                await asyncio.sleep(INTERVAL)
                idle += await type_keys(keys // ROUNDS)
                load.set()
                await asyncio.sleep(INTERVAL)
                busy += await type_keys(keys // ROUNDS)
            stop.set()
            await asyncio.gather(*crowd)
            for _ in range(100):  # bounded: let the last items reach the tray
                if all(t in shown_at for t in sent_at):
                    break
                await asyncio.sleep(0.02)
            latencies = [shown_at[t] - sent_at[t] for t in sent_at if t in shown_at]
            runner.stop_room()
            await pilot.pause()
    return {
        "items": float(len(sent_at)),
        "reached": float(len(latencies)),
        "p50": statistics.median(latencies) * 1000,
        "p95": percentile(latencies, 95) * 1000,
        "idle_key": statistics.median(idle) * 1000,
        "busy_key": statistics.median(busy) * 1000,
        "idle_p95": percentile(idle, 95) * 1000,
        "busy_p95": percentile(busy, 95) * 1000,
    }


def len_keys(keys: int) -> int:
    return (keys // ROUNDS) * ROUNDS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keys", type=int, default=240, help="keys typed per phase")
    parser.add_argument("--people", type=int, default=30, help="participants submitting")
    args = parser.parse_args(argv)
    r = asyncio.run(run(args.keys, args.people))
    ratio = r["busy_key"] / r["idle_key"]
    print(f"room benchmark: {args.people} participants, one item each every {INTERVAL:g} s")
    print(
        f"  tray latency  p50 {r['p50']:6.1f} ms   p95 {r['p95']:6.1f} ms   "
        f"(target p95 <= 300 ms; {int(r['reached'])} of {int(r['items'])} items reached the tray)"
    )
    print(
        f"  per key       idle {r['idle_key']:5.2f} ms   busy {r['busy_key']:5.2f} ms   "
        f"ratio {ratio:4.2f}x (target <= 1.2x; median of {len_keys(args.keys)} keys, "
        f"{ROUNDS} rounds each)"
    )
    print(f"  per key p95   idle {r['idle_p95']:5.2f} ms   busy {r['busy_p95']:5.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
