"""The crash-safe, locked, versioned TinyDB store and its repository API.

``Store.open(data_dir)`` is the entry point; see docs/storage.md for the file
layout, backups, the writer lock and recovery.
"""

from reflect_tui.store.actions import StoredAction
from reflect_tui.store.autosave import Autosaver
from reflect_tui.store.errors import StoreDamaged, StoreError, StoreReadOnly, StoreWriteFailed
from reflect_tui.store.recovery import Restored, restore
from reflect_tui.store.repository import STORE_NAME, Store
from reflect_tui.store.summary import SessionSummary

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
