"""Strict reading of stored JSON: every value checked, every failure naming its field.

The domain types' ``from_dict``/``from_json`` read through these helpers, so
the store's check at open and at journal replay and the app's own reading are
one and the same decoder. A value of the wrong type or form raises
``DecodeError`` with a dotted path to it (``answers.risks[2].likelihood``) and
what is wrong, never a bare ``KeyError`` or ``TypeError`` from deep inside.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

_MISSING = object()
REQUIRED: Any = _MISSING  # pass as the default of a value that must be present


class DecodeError(ValueError):
    """A stored value that cannot be read. ``field`` is its path, ``problem`` what is wrong."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}" if field else problem)
        self.field = field
        self.problem = problem

    def under(self, prefix: str) -> DecodeError:
        """The same error, about ``prefix`` + this field (``prefix`` is a key or ``[n]``)."""
        return DecodeError(_join(prefix, self.field), self.problem)


def _join(prefix: str, field: str) -> str:
    if not field:
        return prefix
    if not prefix:
        return field
    return f"{prefix}{field}" if field.startswith("[") else f"{prefix}.{field}"


@contextmanager
def within(prefix: str) -> Iterator[None]:
    """Errors raised inside are about ``prefix`` (a key, or ``[n]`` for a list entry)."""
    try:
        yield
    except DecodeError as err:
        raise err.under(prefix) from None


def _kind(value: Any) -> str:
    names = {str: "text", int: "a number", float: "a number", bool: "true/false"}
    names.update({list: "a list", dict: "an object", type(None): "null"})
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    """The value for a message, never long (and only the value, which is the stored one)."""
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def obj(value: Any, field: str = "") -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise DecodeError(field, f"is {_kind(value)} where an object was expected")
    return value


def items(value: Any, field: str = "") -> list[Any]:
    if not isinstance(value, list):
        raise DecodeError(field, f"is {_kind(value)} where a list was expected")
    return value


def get(data: Mapping[str, Any], key: str, default: Any = _MISSING) -> Any:
    if key in data:
        return data[key]
    if default is _MISSING:
        raise DecodeError(key, "is missing")
    return default


def text(data: Mapping[str, Any], key: str, default: str | object = "") -> str:
    value = data.get(key, default)
    if value.__class__ is str:  # the common case first: this runs for every stored string
        return value
    if value is _MISSING:
        raise DecodeError(key, "is missing")
    if not isinstance(value, str):
        raise DecodeError(key, f"is {_kind(value)} where text was expected")
    return value


def opt_text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise DecodeError(key, f"is {_kind(value)} where text was expected")
    return value


def integer(data: Mapping[str, Any], key: str, default: int | object | None = _MISSING) -> Any:
    value = get(data, key, default)
    if value is None and default is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise DecodeError(key, f"is {_kind(value)} where a whole number was expected")
    return value


def number(data: Mapping[str, Any], key: str, default: float = 0.0) -> float:
    value = get(data, key, default)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise DecodeError(key, f"is {_kind(value)} where a number was expected")
    return float(value)


def boolean(data: Mapping[str, Any], key: str, default: bool = False) -> bool:
    value = get(data, key, default)
    if not isinstance(value, bool):
        raise DecodeError(key, f"is {_kind(value)} where true or false was expected")
    return value


def choice(data: Mapping[str, Any], key: str, enum: type[E], default: E | object = _MISSING) -> E:
    value = get(data, key, default)
    if isinstance(value, enum):
        return value
    member = enum._value2member_map_.get(value) if isinstance(value, str) else None
    if member is None:
        allowed = ", ".join(repr(m.value) for m in enum)
        raise DecodeError(key, f"is {_short(value)}; it must be one of {allowed}")
    return member  # type: ignore[return-value]


def iso_date(data: Mapping[str, Any], key: str) -> date:
    value = get(data, key)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise DecodeError(key, f"is {_short(value)}, not a date (YYYY-MM-DD)")


def opt_date(data: Mapping[str, Any], key: str) -> date | None:
    if data.get(key) in (None, ""):
        return None
    return iso_date(data, key)


def opt_datetime(data: Mapping[str, Any], key: str) -> datetime | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise DecodeError(key, f"is {_short(value)}, not a date and time (YYYY-MM-DDTHH:MM:SS)")


def text_list(data: Mapping[str, Any], key: str) -> list[str]:
    found = items(get(data, key, []), key)
    for n, entry in enumerate(found):
        if not isinstance(entry, str):
            raise DecodeError(f"{key}[{n}]", f"is {_kind(entry)} where text was expected")
    return list(found)


def each(data: Mapping[str, Any], key: str, read: Callable[[Any], T]) -> list[T]:
    """``read`` applied to every entry (an object) of the list at ``key``, errors naming it."""
    found: list[T] = []
    for n, entry in enumerate(items(get(data, key, []), key)):
        try:
            if entry.__class__ is not dict:
                obj(entry)
            found.append(read(entry))
        except DecodeError as err:
            raise err.under(f"{key}[{n}]") from None
    return found


def rows(value: Any, read: Callable[[Any], T]) -> list[T]:
    """``read`` applied to every entry (an object) of the list ``value`` (None: no rows)."""
    if value is None:
        return []
    if value.__class__ is not list:
        items(value)
    found: list[T] = []
    append = found.append
    for n, entry in enumerate(value):
        try:
            if entry.__class__ is not dict:
                obj(entry)
            append(read(entry))
        except DecodeError as err:
            raise err.under(f"[{n}]") from None
    return found
