"""Turning user text into Markdown and YAML that cannot change the document's structure.

Everything a person typed (and everything a user template says) passes through
here before it reaches the minutes. The rule is: the reader sees the same
characters they typed, and the document keeps the headings, lists and tables we
wrote, whatever the text contains (``|``, ``#``, ``---``, backticks, HTML, ...).

What is *not* kept: control characters (they are invisible or dangerous in a
terminal), leading indentation and trailing spaces on each line (Markdown would
read them as code blocks and hard breaks), and blank lines inside one list item
or table cell.
"""

from __future__ import annotations

import json
import re

# C0/C1 control characters except tab and newline, plus DEL. Tabs become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates cannot be written as UTF-8; they become U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters with inline meaning anywhere in a line, escaped with a backslash: each
# is in original Markdown's own list of backslash escapes, so every reader agrees.
# ``!`` needs no escape: an image needs ``[``, which is escaped.
_INLINE = re.compile(r"([\\`*_\[\]])")
# Characters whose backslash escape some readers do not know (original Markdown and
# pandoc's markdown_strict read ``\<`` as a backslash and a live tag): written as
# character references, which every reader turns back into the plain character.
# ``&`` first, so the references added after it are not escaped again.
_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), ("|", "&#124;"), ("~", "&#126;"))
# Block markers that only matter at the start of a line.
_LINE_START = re.compile(r"^([#+\-])")
# ``>`` (a quote) and ``=`` (a heading underline) have no backslash escape in original
# Markdown: a character reference at the start of the line works everywhere.
_LINE_START_ENTITY = {">": "&gt;", "=": "&#61;"}
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def clean(text: str) -> str:
    """Normalise newlines, drop control characters, tabs to spaces."""
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _CONTROL.sub("", text.replace("\t", "    "))


def one_line(text: str) -> str:
    """Cleaned text on one line, not escaped (for HTML, where the caller escapes)."""
    return " ".join(clean(text).split())


def inline(text: str) -> str:
    """One line of user text, safe anywhere inline (paragraph, list item, table cell, heading).

    Newlines become spaces; use ``lines`` to keep them.
    """
    return _escape_line(" ".join(part.strip() for part in clean(text).split("\n")).strip())


# Pandoc's default Markdown reader also reads $ (TeX maths), @ (citations) and ^ (superscript).
_PANDOC_EXTRA = re.compile(r"([$@^])")
# A tag other tools accept (Obsidian, Jekyll, Hugo, pandoc keywords): letters, digits, - and _.
_TAG = re.compile(r"[^\W_][\w-]*")


def pandoc_inline(text: str) -> str:
    """One line of user text as Markdown for a front-matter field pandoc renders (title, author).

    Pandoc reads YAML metadata strings as Markdown, so raw HTML in a title would
    reach an HTML page as live markup; escaped, it shows as the characters typed.
    """
    return _PANDOC_EXTRA.sub(r"\\\1", inline(text))


def tag(theme: str) -> str | None:
    """A theme as a tag (spaces become hyphens), or None if it cannot be one safely."""
    candidate = "-".join(one_line(theme).casefold().split())
    return candidate if _TAG.fullmatch(candidate) else None


def heading(text: str) -> str:
    """Heading text: like ``inline`` and every ``#`` escaped (a trailing `` #`` would vanish)."""
    return _escape_line(" ".join(clean(text).split()), every_hash=True)


def _escape_line(line: str, every_hash: bool = False) -> str:
    line = line.strip()
    for char, reference in _ENTITIES:
        line = line.replace(char, reference)
    line = _INLINE.sub(r"\\\1", line)
    if every_hash:  # not the ``#`` of a character reference added above
        line = re.sub(r"(?<!&)#", r"\\#", line)
    if line[:1] in _LINE_START_ENTITY:
        line = _LINE_START_ENTITY[line[0]] + line[1:]
    line = _LINE_START.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def lines(text: str) -> list[str]:
    """Non-empty lines of user text, each escaped; join them with ``HARD_BREAK``."""
    return [_escape_line(line) for line in clean(text).split("\n") if line.strip()]


HARD_BREAK = "\\\n"


def paragraphs(text: str) -> list[str]:
    """Paragraphs of user text (split on blank lines); line breaks inside one are kept."""
    blocks = re.split(r"\n\s*\n", clean(text).strip())
    out: list[str] = []
    for block in blocks:
        parts = lines(block)
        if parts:
            out.append(HARD_BREAK.join(parts))
    return out


def list_item(text: str, indent: str = "  ") -> str:
    """Text for after a list marker: extra lines are kept as hard breaks, indented."""
    parts = lines(text)
    return (HARD_BREAK + indent).join(parts)


def cell(text: str) -> str:
    """A table cell: one line, ``|`` escaped. Empty stays empty."""
    return inline(text)


# YAML double-quoted scalars: a JSON string is one, provided the characters
# YAML does not allow raw in a stream (C1 controls, surrogates, BOM, U+FFFE/F)
# or treats as line breaks (NEL, LS, PS) are written as \u escapes.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar that any YAML 1.1/1.2 parser reads back as ``text``."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
