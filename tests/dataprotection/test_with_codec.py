"""Erasure and the audit log go through the store's codec (as encryption at rest will)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from followup_samples import NOW, session

from reflect_tui.dataprotection import erase
from reflect_tui.domain.answers import ActionItem
from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store, restore
from reflect_tui.store.audit import read
from reflect_tui.store.backups import list_backups

MARK = b"FAKE1"


class MaskCodec:
    """Stands in for encryption: every stored byte is masked, foreign bytes are refused."""

    def encode(self, data: bytes) -> bytes:
        return MARK + bytes(b ^ 0x5A for b in data)

    def decode(self, data: bytes) -> bytes:
        if not data.startswith(MARK):
            raise ValueError("not written by this codec")
        return bytes(b ^ 0x5A for b in data[len(MARK) :])


def decoded_files(data: Path) -> dict[Path, bytes]:
    out = {}
    for path in data.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            out[path] = MaskCodec().decode(raw) if raw.startswith(MARK) else raw
    return out


def test_purge_and_restore_read_and_write_every_copy_through_the_codec(tmp_path: Path) -> None:
    data = tmp_path / "data"
    clock = FixedClock(NOW)
    codec = MaskCodec()
    a = session(
        "team-reflection",
        date(2026, 10, 1),
        team="North",
        actions=(ActionItem(what="CANARY-CODEC action", owner="Bo Lind"),),
        answers={"what-happened": "CANARY-CODEC story"},
    )
    keep = session("team-reflection", date(2026, 10, 2), team="South", title="Kept one")
    for n in range(3):
        with Store.open(data, clock, codec=codec) as store:
            if n == 0:
                store.save_sessions([a, keep])
            store.set_setting("touched", n)
    assert len(list_backups(data)) >= 2
    assert any(b"CANARY-CODEC" in v for v in decoded_files(data).values())
    with Store.open(data, clock, codec=codec) as store:
        erase.purge(store, [a.id])
    files = decoded_files(data)
    assert not any(b"CANARY-CODEC" in v for v in files.values())
    for path in [data / "reflect.json", *list_backups(data), data / "audit.log"]:
        assert path.read_bytes().startswith(MARK), path  # still stored through the codec
    assert [e.event for e in read(data, codec)] == ["purge"]
    for n in range(1, len(list_backups(data)) + 1):
        restore(data, n, codec=codec)
        with Store.open(data, clock, codec=codec) as store:
            assert not store.has_session(a.id) and store.has_session(keep.id)
