"""What one screen hands back to another through the app, typed.

Screens never import each other (tests/test_architecture.py), so a result that
crosses from one screen to the next is declared here, where both can name it.
"""

from __future__ import annotations

from typing import Literal, NamedTuple


class GoToField(NamedTuple):
    """From the finish screen: back to the runner with the cursor in this field."""

    step_id: str
    field_id: str


# The finish screen dismisses with "complete" (the session was marked complete), a
# field to go back to (a privacy finding was chosen), or None (back, nothing done).
FinishResult = Literal["complete"] | GoToField | None
