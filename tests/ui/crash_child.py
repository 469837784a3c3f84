"""Child process for the crash tests: a real (headless) app run that hits an exception.

Usage: python crash_child.py DATA_DIR CANARY [PASSPHRASE [DRAFT_CANARY]]. With a
passphrase the (encrypted) folder is unlocked; with a draft canary a draft holding
it is saved first, so the crash happens with private words in the store.
Exits with the code ``run_app`` would.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from harness import build_app, new_clock

from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary


def main(data: Path, canary: str, passphrase: str | None, draft: str | None) -> int:
    if draft is not None:
        with Store.open(data, unlock=passphrase) as store:
            template = TemplateLibrary.from_dirs([]).get("team-reflection")
            store.save_session(Session.start(template, f"Team day {draft}", new_clock().now()))
    app = build_app(data, unlock=passphrase)

    def explode() -> None:
        secret = canary  # noqa: F841 - a local Textual's traceback would print
        raise ValueError(f"bad value {canary}")

    app.call_later(explode)
    app.run(headless=True, size=(80, 24))
    return app.return_code or 0


if __name__ == "__main__":
    given: list[str | None] = [*sys.argv[1:], None, None]
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], given[2], given[3]))
