"""Turn the bytes of a template file into text, or say clearly why not.

Templates are written by people in whatever editor they have, so this is where
empty files, binary files, UTF-16 and legacy encodings are caught and named
with the line they go wrong on.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from reflect_tui.templates.problems import Problem, TemplateError

# A session template is a page or two of Markdown; anything far larger is not one.
MAX_BYTES = 1_000_000


def decode_template_bytes(data: bytes, source: str) -> str:
    """The text of a template file; raises TemplateError for anything that is not UTF-8 text."""

    def fail(line: int, message: str) -> TemplateError:
        return TemplateError([Problem(source, line, message)])

    if len(data) > MAX_BYTES:
        raise fail(
            1,
            f"the file is over {MAX_BYTES:,} bytes, far too large for a session template "
            f"(templates are Markdown text of a few pages; check this is the right file)",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise fail(1, "the file is saved as UTF-16 (save it as UTF-8 in your editor)")
    if not data.strip():
        raise fail(
            1,
            "the file is empty (a template starts with a --- metadata block; "
            "see docs/templates.md for an example)",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise fail(
            line,
            "the file contains binary data, not text (a template is a plain-text "
            "Markdown file; check this is the right file)",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        bad = data[err.start : err.start + 1].hex().upper()
        raise fail(
            line,
            f"byte 0x{bad} in column {column} is not valid UTF-8; the file was probably "
            f"saved in another encoding such as Windows-1252 (save it as UTF-8 in your editor)",
        ) from None
    return text


def read_template_text(path: Path) -> str:
    """Read and decode one template file; unreadable files become a TemplateError too."""
    source = str(path)
    try:
        if path.is_dir():
            raise TemplateError(
                [Problem(source, 0, "is a folder, not a template file (give a .md file)")]
            )
        data = _read_regular_file(path, source)
    except FileNotFoundError:
        raise TemplateError(
            [Problem(source, 0, "no such file (check the path and the spelling)")]
        ) from None
    except PermissionError:
        raise TemplateError(
            [Problem(source, 0, "permission denied (check you are allowed to read this file)")]
        ) from None
    except OSError as err:
        raise TemplateError(
            [Problem(source, 0, f"cannot be read: {err.strerror or err} (check the file)")]
        ) from None
    return decode_template_bytes(data, source)


def _read_regular_file(path: Path, source: str) -> bytes:
    """Up to MAX_BYTES + 1 bytes of a plain file; a pipe, device or socket is refused.

    Opened non-blocking and checked before reading, so a FIFO in a templates
    folder (or given to ``templates validate``) never blocks the command.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise TemplateError(
                [Problem(source, 0, "is not a plain file (a pipe, device or socket); skipped")]
            )
        chunks: list[bytes] = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
