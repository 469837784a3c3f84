"""Opening the store to change it from the CLI: one place, so every writing command waits
and refuses the same way when another window holds the data."""

from __future__ import annotations

import argparse

from reflect_tui import paths
from reflect_tui.commands import options
from reflect_tui.domain.clock import SystemClock
from reflect_tui.store import Store, StoreReadOnly

# How long a short writing command waits for another reflect process to let go.
WRITE_WAIT_SECONDS = 5.0


def open_for_writing(args: argparse.Namespace) -> Store:
    """The store of ``--data``, writable, or StoreReadOnly naming who holds it."""
    store = Store.open(
        paths.data_dir(options.data_option(args)), SystemClock(), lock_timeout=WRITE_WAIT_SECONDS
    )
    if store.read_only:
        reason = store.read_only_reason
        store.close()
        raise StoreReadOnly(f"Nothing was changed: {reason}")
    return store
