"""Text made safe for a terminal: no control character from stored text ever reaches it.

A name, title, team, action or theme holding ESC sequences could otherwise
drive the terminal it is printed on: write the clipboard (OSC 52), retitle the
window, move the cursor, hide text. Everything the CLI prints goes through
``SafeStream`` (``visible``: each control character is shown as a visible
stand-in, so nothing is silently hidden), and everything the app draws goes
through ``strip`` (removed, as the terminal cell grid has no room for a
stand-in; see ``reflect_tui/ui/terminal_safe.py``).

Kept: newline and tab (layout), and CR in a CRLF line end (CLI output only).
Replaced: the other C0 controls (U+0000-U+001F, ESC among them), DEL and the C1
controls (U+0080-U+009F, which some terminals read as ESC sequences: U+009B is
CSI, U+009D is OSC).
"""

from __future__ import annotations

import io
import re
from typing import TextIO

_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_KEEP = {0x09, 0x0A}

# Control pictures for C0 (U+2400 + code: ␛ for ESC, ␀ for NUL), ␡ for DEL, � for C1.
_VISIBLE: dict[int, str] = {
    code: (chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd")
    for code in _CONTROLS
    if code not in _KEEP
}
_REMOVE: dict[int, None] = {code: None for code in _CONTROLS if code not in _KEEP}
_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Names are one line: no tab or newline either.
_NAME_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def has_controls(text: str) -> bool:
    """True if ``text`` holds a character that could drive a terminal."""
    return _ANY.search(text) is not None


def visible(text: str) -> str:
    """Each control character shown as a visible stand-in (``␛`` for ESC).

    A carriage return right before a newline is a line end (CSV, RFC 5545 files
    written to standard output) and is kept; a lone one could overwrite the line.
    """
    if not _ANY.search(text):
        return text
    return "\r\n".join(part.translate(_VISIBLE) for part in text.split("\r\n"))


def strip(text: str) -> str:
    """Control characters removed (for a cell grid, where a stand-in would shift the layout)."""
    return text.translate(_REMOVE) if _ANY.search(text) else text


def name_problem(text: str, what: str = "A name") -> str | None:
    """Why ``text`` cannot be a name, theme or other one-line label; None if it can."""
    found = _NAME_CONTROLS.search(text)
    if found is None:
        return None
    code = ord(found.group())
    return (
        f"{what} cannot hold control characters (found U+{code:04X} at position "
        f"{found.start() + 1}); type it again without them."
    )


class OutputError(OSError):
    """Writing to standard output or error failed (full disk, closed pipe); ``cause`` says how."""

    def __init__(self, stream: SafeStream, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause))
        self.stream = stream
        self.cause = cause


class SafeStream(io.TextIOBase):
    """A text stream that writes through ``visible``: nothing written can drive the terminal.

    A failed write or flush is raised as ``OutputError``, so the CLI can tell "the
    output could not be written" from every other error.
    """

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        try:
            self.inner.write(visible(text))
        except OSError as err:
            raise OutputError(self, err) from err
        return len(text)

    def flush(self) -> None:
        try:
            self.inner.flush()
        except OSError as err:
            raise OutputError(self, err) from err

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    def writable(self) -> bool:
        return True

    def reconfigure(self, **options: str) -> None:
        """Passed on (``errors="replace"`` for a terminal that cannot show every letter)."""
        inner = getattr(self.inner, "reconfigure", None)
        if inner is not None:
            inner(**options)

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", "utf-8") or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.inner, "errors", None)
