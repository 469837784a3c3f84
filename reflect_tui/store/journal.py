"""The per-draft recovery journal: what autosave writes every second.

One small file per draft (``journal/<session id>.json``), replaced atomically,
so the cost of an autosave depends on the size of one session, not of the
store. Each entry carries a sequence number; when a session is folded into the
main file the store records the sequence it covers (meta ``journal_folded``),
so a journal left behind by a crash between the two steps is never replayed
over newer data.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reflect_tui.store import schema, validate
from reflect_tui.store.files import Codec, FileBlob, fsync_dir, private_dir, remove_durably

JOURNAL_DIR = "journal"
SUFFIX = ".json"


@dataclass
class Entry:
    session_id: str
    seq: int
    record: dict[str, Any]
    path: Path


class Journal:
    def __init__(
        self, data_dir: Path, codec: Codec | None = None, *, read_only: bool = False
    ) -> None:
        self.folder = data_dir / JOURNAL_DIR
        self.codec = codec
        self.read_only = read_only
        self._last_seq = 0

    def next_seq(self) -> int:
        """Strictly increasing within this process, and ahead of the wall clock's ns."""
        self._last_seq = max(time.time_ns(), self._last_seq + 1)
        return self._last_seq

    def path_for(self, session_id: str) -> Path:
        return self.folder / f"{session_id}{SUFFIX}"

    def write(self, record: dict[str, Any], seq: int) -> None:
        """Serialise first, then replace the draft's journal file atomically."""
        self._refuse_if_read_only()
        data = schema.dumps({"seq": seq, "session": record})
        private_dir(self.folder)
        FileBlob(self.path_for(str(record["id"])), self.codec).write(data)

    def remove(self, session_id: str) -> None:
        self._refuse_if_read_only()
        remove_durably(self.path_for(session_id))

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise PermissionError(f"The journal in {self.folder} is open read-only.")

    def entries(self) -> tuple[list[Entry], list[tuple[Path, str]]]:
        """Entries that read as sessions, and files that do not (with what is wrong).

        Each entry is checked with the same decoder as the store file
        (``Session.from_dict``), so a poisoned draft is never replayed.
        """
        good: list[Entry] = []
        bad: list[tuple[Path, str]] = []
        if not self.folder.is_dir():
            return good, bad
        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            if path.name.startswith(".") or not path.is_file():
                continue
            problem = None
            try:
                blob = FileBlob(path, self.codec).read()
                data = schema.loads(blob or b"")
                if not isinstance(data, dict) or not isinstance(data.get("session"), dict):
                    raise ValueError("no session in it")
                record = data["session"]
                seq = data.get("seq")
                if not isinstance(seq, int) or isinstance(seq, bool):
                    raise ValueError("no sequence number")
                if record.get("id") != path.name[: -len(SUFFIX)]:
                    raise ValueError("the session inside is not the one its name says")
                decode_problem = validate.check_session(record)
                if decode_problem is not None:
                    problem = f"its field {decode_problem}"
            except OSError as err:
                problem = f"cannot be read ({err.strerror or err})"
            except ValueError as err:
                problem = f"is not a readable autosave ({err})"
            if problem is not None:
                bad.append((path, problem))
                continue
            entry = Entry(str(record["id"]), int(seq or 0), record, path)
            good.append(entry)
            self._last_seq = max(self._last_seq, entry.seq)
        return good, bad

    def set_aside(self, path: Path, stamp: str) -> Path:
        """Rename a bad journal file out of the way (never deleted): ``<name>.damaged-<stamp>``."""
        self._refuse_if_read_only()
        target = path.with_name(f"{path.name}.damaged-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        os.rename(path, target)
        fsync_dir(path.parent)
        return target
