"""Child process for the crash test: a real (headless) app run that hits an exception.

Usage: python crash_child.py DATA_DIR CANARY. Exits with the code ``run_app`` would.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from harness import build_app


def main(data: Path, canary: str) -> int:
    app = build_app(data)

    def explode() -> None:
        secret = canary  # noqa: F841 - a local Textual's traceback would print
        raise ValueError(f"bad value {canary}")

    app.call_later(explode)
    app.run(headless=True, size=(80, 24))
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
