"""Child process for the restore kill test: dies at the Nth file-system step of a restore.

Usage: python restore_child.py DATA_DIR N. Every os.open/write/fsync/link/
rename/replace/unlink/close counts as a step; at step N the process ends at once
(os._exit, as SIGKILL would: no clean-up runs). Exits 0 if the restore finished
before step N.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from reflect_tui.store import restore

STEPS = ("open", "write", "fsync", "link", "rename", "replace", "unlink", "close")


def main(data: Path, die_at: int) -> int:
    count = 0

    def counted(name: str) -> Any:
        real = getattr(os, name)

        def step(*args: Any, **kwargs: Any) -> Any:
            nonlocal count
            count += 1
            if count == die_at:
                os._exit(137)
            return real(*args, **kwargs)

        return step

    for name in STEPS:
        setattr(os, name, counted(name))
    restore(data, 2)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
