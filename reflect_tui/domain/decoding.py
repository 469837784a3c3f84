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
from enum import Enum, StrEnum
from typing import Final, TypeVar, cast

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class _Missing(Enum):
    MISSING = "missing"


_MISSING: Final = _Missing.MISSING
REQUIRED: Final = _MISSING  # pass as the default of a value that must be present


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


def _kind(value: object) -> str:
    names = {str: "text", int: "a number", float: "a number", bool: "true/false"}
    names.update({list: "a list", dict: "an object", type(None): "null"})
    return names.get(type(value), type(value).__name__)


def _short(value: object) -> str:
    """The value for a message, never long (and only the value, which is the stored one)."""
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def obj(value: object, field: str = "") -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise DecodeError(field, f"is {_kind(value)} where an object was expected")
    return value


def items(value: object, field: str = "") -> list[object]:
    if not isinstance(value, list):
        raise DecodeError(field, f"is {_kind(value)} where a list was expected")
    return value


def get(data: Mapping[str, object], key: str, default: object = _MISSING) -> object:
    if key in data:
        return data[key]
    if default is _MISSING:
        raise DecodeError(key, "is missing")
    return default


def text(data: Mapping[str, object], key: str, default: str | _Missing = "") -> str:
    value = data.get(key, default)
    if value.__class__ is str:  # the common case first: this runs for every stored string
        return value
    if value is _MISSING:
        raise DecodeError(key, "is missing")
    if not isinstance(value, str):
        raise DecodeError(key, f"is {_kind(value)} where text was expected")
    return value


def opt_text(data: Mapping[str, object], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise DecodeError(key, f"is {_kind(value)} where text was expected")
    return value


def integer(data: Mapping[str, object], key: str, default: int | _Missing = _MISSING) -> int:
    value = get(data, key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise DecodeError(key, f"is {_kind(value)} where a whole number was expected")
    return value


def opt_integer(data: Mapping[str, object], key: str) -> int | None:
    """A whole number, or None when missing or null."""
    if data.get(key) is None:
        return None
    return integer(data, key)


def number(data: Mapping[str, object], key: str, default: float = 0.0) -> float:
    value = get(data, key, default)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise DecodeError(key, f"is {_kind(value)} where a number was expected")
    return float(value)


def boolean(data: Mapping[str, object], key: str, default: bool = False) -> bool:
    value = get(data, key, default)
    if not isinstance(value, bool):
        raise DecodeError(key, f"is {_kind(value)} where true or false was expected")
    return value


def choice(
    data: Mapping[str, object], key: str, enum: type[E], default: E | _Missing = _MISSING
) -> E:
    value = get(data, key, default)
    if isinstance(value, enum):
        return value
    member = enum._value2member_map_.get(value) if isinstance(value, str) else None
    if member is None:
        allowed = ", ".join(repr(m.value) for m in enum)
        raise DecodeError(key, f"is {_short(value)}; it must be one of {allowed}")
    return member  # type: ignore[return-value]


def iso_date(data: Mapping[str, object], key: str) -> date:
    value = get(data, key)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise DecodeError(key, f"is {_short(value)}, not a date (YYYY-MM-DD)")


def opt_date(data: Mapping[str, object], key: str) -> date | None:
    if data.get(key) in (None, ""):
        return None
    return iso_date(data, key)


def opt_datetime(data: Mapping[str, object], key: str) -> datetime | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise DecodeError(key, f"is {_short(value)}, not a date and time (YYYY-MM-DDTHH:MM:SS)")


def text_list(data: Mapping[str, object], key: str) -> list[str]:
    found = items(get(data, key, []), key)
    for n, entry in enumerate(found):
        if entry.__class__ is not str and not isinstance(entry, str):
            raise DecodeError(f"{key}[{n}]", f"is {_kind(entry)} where text was expected")
    return cast("list[str]", found.copy())  # every entry was just checked to be text


def each(
    data: Mapping[str, object], key: str, read: Callable[[Mapping[str, object]], T]
) -> list[T]:
    """``read`` applied to every entry (an object) of the list at ``key``, errors naming it."""
    found: list[T] = []
    for n, entry in enumerate(items(get(data, key, []), key)):
        try:
            found.append(read(obj(entry)))
        except DecodeError as err:
            raise err.under(f"{key}[{n}]") from None
    return found


def rows(value: object, read: Callable[[Mapping[str, object]], T]) -> list[T]:
    """``read`` applied to every entry (an object) of the list ``value`` (None: no rows)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise DecodeError("", f"is {_kind(value)} where a list was expected")
    found: list[T] = []
    append = found.append
    for n, entry in enumerate(value):
        try:
            if not isinstance(entry, dict):
                raise DecodeError("", f"is {_kind(entry)} where an object was expected")
            append(read(entry))
        except DecodeError as err:
            raise err.under(f"[{n}]") from None
    return found
