"""Child process for the read-only tests: the writer holding the lock, driven line by line.

Usage: python writer_child.py DATA_DIR. Reads commands from stdin, one per line,
and answers each on stdout once it is done (acknowledged = on disk):

- ``save TITLE``: save a new session; answers ``ACK <id>``.
- ``draft TEXT``: autosave TEXT into the open draft's notes, as the app does on
  each change (its journal on disk, not yet folded); answers ``DRAFT <id>``.
- ``fold``: save the draft into the file, answers ``FOLD <id>``.

It never closes the store: the parent kills it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from store_samples import NOW, make_session

from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store


def main(data: Path) -> None:
    store = Store.open(data, FixedClock(NOW))
    assert not store.read_only, store.read_only_reason
    draft = make_session("The open draft")
    store.save_session(draft)
    print(f"READY {draft.id}", flush=True)
    for line in sys.stdin:
        command, _, arg = line.rstrip("\n").partition(" ")
        if command == "save":
            session = make_session(arg)
            store.save_session(session)
            print(f"ACK {session.id}", flush=True)
        elif command == "draft":
            draft.answers["notes"] = arg
            store._journal_write(draft)
            print(f"DRAFT {draft.id}", flush=True)
        elif command == "fold":
            store.save_session(draft)
            print(f"FOLD {draft.id}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
