"""What is wrong with a template, and where: the ``FILE:LINE: message`` contract.

Every problem names the file line a person should open, plus a hint in
parentheses saying how to fix it, so a supervisor can correct a template
without reading code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reflect_tui.errors import UserError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a template file.

    ``line`` is 1-based. It is 0 only for problems that concern no line at all
    (a file that cannot be opened, a folder that does not exist); ``str()``
    then leaves the line out.
    """

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line > 0:
            return f"{self.file}:{self.line}: {self.message}"
        return f"{self.file}: {self.message}"


class TemplateError(UserError):
    """A template that cannot be used; ``problems`` lists every fault found, in line order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems, key=lambda p: (p.file, p.line))
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid template")
