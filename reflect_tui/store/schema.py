"""The layout of the TinyDB file, its schema version and the migrations between versions.

The file is plain TinyDB JSON: ``{table: {doc_id: document}}``. ``meta`` holds
``{"key": ..., "value": ...}`` documents, one of them ``schema_version``; a file
without it is version 0. Versions 0 and 1 hold every session in the table
``sessions`` (and 1 the ``actions`` mirror); version 2 holds ``meta``,
``people``, ``bin`` and ``home`` only, the sessions being one file each
(``store/layout.py``). ``migrate`` brings a tree to version 1 in memory; the
Store turns a version-1 tree into the version-2 files. See docs/storage.md.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import orjson

SCHEMA_VERSION = 2
# The last version whose whole content is one tree (sessions included).
TREE_VERSION = 1
SCHEMA_KEY = "schema_version"

# Trees parsed from at least this many bytes are frozen out of the cyclic GC. Even a
# 100-session store (~0.8 MB) is ~100k objects: left to the collector, the first
# collections after opening scanned them all, as long again as the parse itself.
FREEZE_BYTES = 256_000

Tables = dict[str, dict[str, dict[str, Any]]]

# Anything orjson would quietly turn into a string (datetimes, dataclasses) is
# refused instead, so what is stored always reads back as what was saved.
_DUMP_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


class LayoutError(ValueError):
    """The bytes are JSON but not a reflect TinyDB file; the text says what is off."""


def dumps(data: Any) -> bytes:
    """Serialise; raises TypeError for anything that is not plain JSON."""
    return orjson.dumps(data, option=_DUMP_OPTIONS)


def loads(data: bytes) -> Any:
    """Parse with the cyclic GC paused.

    A large store is millions of new objects. Collections triggered mid-parse
    cost about 3x the parse, and the first collection after it would still scan
    them all; as the tree is plain JSON (no reference cycles, freed by reference
    counting), a large one is moved out of the collector's way with gc.freeze().
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        tree = orjson.loads(data)
        if len(data) >= FREEZE_BYTES:
            gc.freeze()
        return tree
    finally:
        if enabled:
            gc.enable()


def check_layout(data: Any) -> Tables:
    """Raise LayoutError unless ``data`` is a TinyDB document tree."""
    if not isinstance(data, dict):
        raise LayoutError(f"it holds a JSON {type(data).__name__}, not a table of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise LayoutError(f"table {name!r} is not a JSON object")
        for doc_id, doc in table.items():
            if not doc_id.isdigit() or not isinstance(doc, dict):
                raise LayoutError(f"table {name!r} has an entry {doc_id!r} that is not a document")
    for doc in data.get("sessions", {}).values():
        if not isinstance(doc.get("id"), str) or not isinstance(doc.get("template"), dict):
            raise LayoutError("a session record has no id or no template snapshot")
    return data


def schema_version(tables: Tables) -> int:
    for doc in tables.get("meta", {}).values():
        if doc.get("key") == SCHEMA_KEY:
            value = doc.get("value")
            if not isinstance(value, int):
                raise LayoutError(f"its schema version {value!r} is not a number")
            return value
    return 0


def set_meta(tables: Tables, key: str, value: Any) -> None:
    meta = tables.setdefault("meta", {})
    for doc in meta.values():
        if doc.get("key") == key:
            doc["value"] = value
            return
    next_id = max((int(i) for i in meta), default=0) + 1
    meta[str(next_id)] = {"key": key, "value": value}


def _v0_to_v1(tables: Tables) -> None:
    """Version 0 files had no actions table: build it from the sessions."""
    from reflect_tui.store.actions import rebuild_actions

    tables["actions"] = rebuild_actions(tables.get("sessions", {}))


# MIGRATIONS[n] turns a version-n tree into version n+1, in place.
MIGRATIONS: dict[int, Callable[[Tables], None]] = {0: _v0_to_v1}


def migrate(tables: Tables) -> int:
    """Bring a tree older than TREE_VERSION to it in memory; returns the version it started at."""
    start = schema_version(tables)
    version = start
    while version < TREE_VERSION:
        MIGRATIONS[version](tables)
        version += 1
        set_meta(tables, SCHEMA_KEY, version)
    return start


def new_tables() -> Tables:
    """An empty version-2 ``reflect.json`` (the sessions live in files beside it)."""
    tables: Tables = {"meta": {}, "people": {}, "bin": {}, "home": {}}
    set_meta(tables, SCHEMA_KEY, SCHEMA_VERSION)
    return tables
