"""The crash-safe, locked, versioned TinyDB store and its repository API.

``Store.open(data_dir)`` is the entry point; see docs/storage.md for the file
layout, backups, the writer lock and recovery.

``restore``/``Restored`` (recovery from a backup), ``Autosaver`` and ``StoredAction``
load on first use: opening the app to home needs none of them, so they stay off the
start-up path.
"""

from typing import TYPE_CHECKING

from reflect_tui.store.errors import StoreDamaged, StoreError, StoreReadOnly, StoreWriteFailed
from reflect_tui.store.repository import STORE_NAME, Store
from reflect_tui.store.summary import SessionSummary

if TYPE_CHECKING:
    from reflect_tui.store.actions import StoredAction
    from reflect_tui.store.autosave import Autosaver
    from reflect_tui.store.recovery import Restored, restore

__all__ = [
    "STORE_NAME",
    "Autosaver",
    "Restored",
    "SessionSummary",
    "Store",
    "StoreDamaged",
    "StoreError",
    "StoreReadOnly",
    "StoreWriteFailed",
    "StoredAction",
    "restore",
]

# Names imported when first asked for: name -> the module that holds it.
_LAZY = {
    "Autosaver": "reflect_tui.store.autosave",
    "Restored": "reflect_tui.store.recovery",
    "StoredAction": "reflect_tui.store.actions",
    "restore": "reflect_tui.store.recovery",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # asked once
    return value
