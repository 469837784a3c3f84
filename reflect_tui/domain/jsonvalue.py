"""The JSON a record is stored as: what ``json.dumps`` writes and ``json.loads`` reads back.

Readers take ``object`` (anything ``json.loads`` may give) and check it with
``domain.decoding``; writers produce ``JsonObject``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

JsonValue: TypeAlias = (
    str | int | float | bool | Sequence["JsonValue"] | Mapping[str, "JsonValue"] | None
)
JsonObject: TypeAlias = dict[str, JsonValue]
