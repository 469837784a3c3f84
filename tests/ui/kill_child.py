"""Child process for the SIGKILL test: types into a new session, then waits to be killed.

Usage: python kill_child.py DATA_DIR TEXT. Prints READY once every key of TEXT
has been handled by the app; the parent kills it some time after that.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from harness import build_app


async def main(data: Path, text: str) -> None:
    app = build_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"team-reflection", "enter", "ctrl+s")
        await pilot.pause()
        await pilot.press(*text)
        await pilot.pause()
        out = sys.__stdout__  # Pilot captures sys.stdout; the parent reads the real one
        assert out is not None
        out.write(f"READY {app.screen.session.id}\n")  # type: ignore[attr-defined]
        out.flush()
        await asyncio.sleep(120)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2]))
