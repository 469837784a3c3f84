"""Errors meant for a person, not a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix. ``str(err)`` says what is wrong, where, and what to do.

    The CLI prints it without a traceback and exits with ``exit_code``.
    """

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
