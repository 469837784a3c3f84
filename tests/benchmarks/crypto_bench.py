"""Encryption-at-rest benchmark: KDF time, and encrypted vs plaintext store operations.

Prints a table; asserts nothing. For 1,000 and 5,000 sample sessions it times
opening the store (encrypted: with the data key already derived, plus the KDF
separately), saving one edited session and one autosave, plaintext vs encrypted.
Target (issue 14): encrypted open <= KDF + 1.2x plaintext open.

    python tests/benchmarks/crypto_bench.py [--quick] [--repeats N]
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import make_store, median, ms, repeat

from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store, crypto
from reflect_tui.store.encrypt_folder import encrypt_existing
from reflect_tui.store.files import Codec

PASS = "benchmark passphrase words"


def kdf_seconds(repeats: int) -> float:
    p = crypto.PASSPHRASE_KDF
    return median(repeat(lambda: crypto.derive(PASS.encode(), os.urandom(16), p), repeats))


def bench(sessions: int, repeats: int, root: Path) -> list[str]:
    plain = make_store(root / f"plain-{sessions}", sessions)
    enc = root / f"enc-{sessions}"
    shutil.copytree(plain, enc)
    encrypt_existing(enc, PASS)
    codec = crypto.codec_for(enc, PASS)
    clock = FixedClock(__import__("datetime").datetime(2026, 3, 2, 9, 30))
    rows = []
    plain_or_encrypted: tuple[tuple[str, Path, Codec | None], ...] = (
        ("plaintext", plain, None),
        ("encrypted", enc, codec),
    )
    for label, folder, folder_codec in plain_or_encrypted:

        def open_close(folder: Path = folder, folder_codec: Codec | None = folder_codec) -> None:
            Store.open(folder, clock, read_only=True, codec=folder_codec).close()

        open_t = median(repeat(open_close, repeats))
        store = Store.open(folder, clock, codec=folder_codec)
        session = next(store.iter_sessions())
        session.answers["bench"] = "x"

        save_t = median(repeat(functools.partial(store.save_session, session), repeats))
        auto_t = median(repeat(functools.partial(store._journal_write, session), repeats))
        store.close()
        size = (folder / "reflect.json").stat().st_size / 1e6
        rows.append((label, open_t, save_t, auto_t, size))
    kdf = kdf_seconds(3)
    plain_open = rows[0][1]
    lines = []
    for label, open_t, save_t, auto_t, size in rows:
        lines.append(
            f"{sessions:>6,} {label:<10} {size:6.1f} MB  open {ms(open_t):7.1f} ms  "
            f"save {ms(save_t):6.0f} ms  autosave {ms(auto_t):5.1f} ms"
        )
    enc_open = rows[1][1]
    budget = kdf + 1.2 * plain_open
    lines.append(
        f"{'':>6} unlock+open = KDF {ms(kdf):.0f} ms + {ms(enc_open):.1f} ms = "
        f"{ms(kdf + enc_open):.1f} ms; target <= {ms(budget):.1f} ms "
        f"({'met' if kdf + enc_open <= budget else 'MISSED'}; encrypted open "
        f"{enc_open / plain_open:.2f}x the plaintext open)"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    sizes = (1000,) if args.quick else (1000, 5000)
    p = crypto.PASSPHRASE_KDF
    start = time.perf_counter()
    print(f"scrypt n={p.n} r={p.r} p={p.p}: {ms(kdf_seconds(args.repeats)):.0f} ms (median)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            for line in bench(n, args.repeats, Path(tmp)):
                print(line)
    print(f"(total {time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
