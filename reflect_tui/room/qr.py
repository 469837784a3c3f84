"""The join address as a QR code drawn with half-block characters.

Each character cell holds two modules, one above the other (``▀``, ``▄``,
``█`` or a space), so the code is square on a terminal whose cells are about
twice as tall as they are wide. Lines are meant to be drawn dark-on-light
(black text on a white background): phone cameras read that best, and the
quiet zone around the code is part of the drawing.
"""

from __future__ import annotations

QUIET_ZONE = 2  # modules of light border; the terminal's margin adds more


def qr_lines(text: str, *, border: int = QUIET_ZONE) -> list[str]:
    """The QR code for ``text``; dark modules are drawn, light ones are spaces."""
    import segno  # only when a room is opened

    code = segno.make(text, error="m", micro=False)
    rows = [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=border)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    lines: list[str] = []
    for top, bottom in zip(rows[0::2], rows[1::2], strict=True):
        chars = []
        for upper, lower in zip(top, bottom, strict=True):
            if upper and lower:
                chars.append("█")
            elif upper:
                chars.append("▀")
            elif lower:
                chars.append("▄")
            else:
                chars.append(" ")
        lines.append("".join(chars))
    return lines


def qr_matrix(lines: list[str]) -> list[list[bool]]:
    """The modules back from drawn lines (for tests and for checking a drawing)."""
    matrix: list[list[bool]] = []
    for line in lines:
        matrix.append([ch in "█▀" for ch in line])
        matrix.append([ch in "█▄" for ch in line])
    return matrix
