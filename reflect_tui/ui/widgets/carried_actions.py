"""Open actions carried into a session's first step, each decided right there.

Each carried action shows what it is, who owns it, when it was due and where
it came from, with ``○ done  ○ dropped  ○ carried on`` (keys d / x / c) and a
note. A decision is written to the action's own session at once and kept in
this session (``Session.carried``), so both sets of minutes show it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, VerticalGroup
from textual.message import Message
from textual.widgets import Input, Label, Static

from reflect_tui.domain.confidential import carried_detail_shown
from reflect_tui.domain.followup import CarriedAction, Outcome
from reflect_tui.domain.session import Session
from reflect_tui.errors import UserError
from reflect_tui.services import carry
from reflect_tui.ui.theme_style import themed
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.option_strip import OptionStrip

if TYPE_CHECKING:
    from reflect_tui.ui.app import ReflectApp

OUTCOMES = [Outcome.DONE, Outcome.DROPPED, Outcome.CARRIED]
SHORTCUTS = {"d": 0, "x": 1, "c": 2}

DEFAULT_CSS = css_beside(__file__, "carried_actions.tcss")


class OutcomeStrip(OptionStrip):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "pick(0)", "Done", id="carried.done"),
        Binding("x", "pick(1)", "Dropped", id="carried.dropped"),
        Binding("c", "pick(2)", "Carried on", id="carried.carry"),
        Binding(
            "v",
            "disclose",
            "Show in minutes",
            id="carried.disclose",
            tooltip="Show this action from a confidential session here and in these minutes",
        ),
    ]

    class Disclose(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_disclose(self) -> None:
        self.post_message(self.Disclose(self.index))

    def __init__(self, outcome: Outcome, *, index: int, disabled: bool = False) -> None:
        selected = OUTCOMES.index(outcome) if outcome in OUTCOMES else None
        super().__init__([o.value for o in OUTCOMES], selected, shortcuts=SHORTCUTS)
        self.index = index
        self.disabled = disabled

    def action_pick(self, index: int) -> None:
        self.select(index)


def describe(action: CarriedAction, today: date, *, into_confidential: bool = False) -> Text:
    text = Text()
    if not carried_detail_shown(action, into_confidential=into_confidential):
        text.append("An action from a confidential session", style="bold")
        text.append(
            "\n  Its text, owner and source stay out of this shared session. "
            "v: show it here and in the minutes.",
            style="dim italic",
        )
        return text
    text.append(action.what or "(no description)", style="bold")
    text.append(f" — {action.owner or 'unassigned'}", style="dim")
    if action.due:
        late = action.due < today
        text.append(
            f", due {action.due.isoformat()}" + (" (overdue)" if late else ""),
            style=themed("bold $error") if late else "dim",
        )
    if action.from_title:
        when = f", {action.from_date.isoformat()}" if action.from_date else ""
        text.append(f"\n  from {action.from_title}{when}", style="dim italic")
    return text


class CarriedActions(VerticalGroup):
    """The carried-forward list; posts ``Decided`` when an outcome or its note is set."""

    DEFAULT_CSS = DEFAULT_CSS

    class Disclosed(Message):
        """The person confirmed a confidential carried action may be shown."""

        def __init__(self, action_id: str) -> None:
            super().__init__()
            self.action_id = action_id

    class Decided(Message):
        def __init__(self, action_id: str, outcome: Outcome, note: str) -> None:
            super().__init__()
            self.action_id = action_id
            self.outcome = outcome
            self.note = note

    def __init__(
        self,
        carried: list[CarriedAction],
        *,
        today: date,
        read_only: bool = False,
        into_confidential: bool = False,
        id: str | None = "carried-actions",
    ) -> None:
        super().__init__(id=id)
        self.carried = carried
        self.into_confidential = into_confidential
        self.today = today
        self.read_only = read_only
        self._unsaved_notes: set[int] = set()
        if carried:
            self.border_title = f"Actions carried forward ({len(carried)})"
        else:  # one dim line, no box: nothing to decide (hidden in room mode)
            self.add_class("-empty")

    def compose(self) -> ComposeResult:
        if not self.carried:
            yield Static("No open actions carried from earlier sessions.", id="carried-empty")
            return
        yield Static(
            Text(
                "Review these first. d: done · x: dropped · c: carried on; add a note if useful.",
                style="dim",
            )
        )
        for index, action in enumerate(self.carried):
            with VerticalGroup(classes="carried-item"):
                yield Label(
                    describe(action, self.today, into_confidential=self.into_confidential),
                    classes="carried-label",
                    name=str(index),
                )
                with HorizontalGroup(classes="carried-line"):
                    yield OutcomeStrip(action.outcome, index=index, disabled=self.read_only)
                    yield Input(
                        action.note,
                        placeholder="note",
                        compact=True,
                        classes="carried-note",
                        name=str(index),
                        disabled=self.read_only,
                    )

    def focus_first(self) -> None:
        strips = list(self.query(OutcomeStrip))
        if strips and not self.read_only:
            strips[0].focus()

    def on_option_strip_changed(self, event: OptionStrip.Changed) -> None:
        event.stop()
        strip = event.strip
        if not isinstance(strip, OutcomeStrip):
            return
        outcome = Outcome.PENDING if event.selected is None else OUTCOMES[event.selected]
        self._decide(strip.index, outcome)

    def on_outcome_strip_disclose(self, event: OutcomeStrip.Disclose) -> None:
        event.stop()
        action = self.carried[event.index]
        if self.read_only or carried_detail_shown(action, into_confidential=self.into_confidential):
            return
        action.disclosed = True
        label = next((lb for lb in self.query(Label) if lb.name == str(event.index)), None)
        if label is not None:
            label.update(describe(action, self.today, into_confidential=self.into_confidential))
        self.post_message(self.Disclosed(action.id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.name is None:
            return
        index = int(event.input.name)
        self._decide(index, self.carried[index].outcome)
        self.screen.focus_next()

    def on_input_changed(self, event: Input.Changed) -> None:
        # Notes are written to the store on Enter, on leaving the box and with the
        # outcome, not per keystroke (each write touches the action's own session).
        event.stop()
        if event.input.name is not None and not self.read_only:
            index = int(event.input.name)
            if event.input.value.strip() != self.carried[index].note:
                self._unsaved_notes.add(index)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        widget = event.widget
        if isinstance(widget, Input) and widget.name is not None:
            self._flush(int(widget.name))

    def flush_notes(self) -> list[CarriedActions.Decided]:
        """Every note typed but not yet saved, as decisions for the caller to apply now.

        The runner calls this before saving and applies them at once (a posted
        message could arrive after the app has quit). The session's own carried
        entries already hold the notes.
        """
        return [
            self._decide(index, self.carried[index].outcome, post=False)
            for index in sorted(self._unsaved_notes)
        ]

    def _flush(self, index: int) -> None:
        if index in self._unsaved_notes:
            self._decide(index, self.carried[index].outcome)

    def _decide(self, index: int, outcome: Outcome, *, post: bool = True) -> Decided:
        action = self.carried[index]  # the session's own entry (refresh_carried)
        box = next((i for i in self.query(Input) if i.name == str(index)), None)
        note = box.value if box is not None else ""
        action.outcome = outcome
        action.note = note.strip()
        self._unsaved_notes.discard(index)
        decided = self.Decided(action.id, outcome, note)
        if post:
            self.post_message(decided)
        return decided


def carried_for(app: ReflectApp, session: Session, *, read_only: bool) -> CarriedActions | None:
    """The widget for a session's first step, or None if this kind carries nothing.

    In an editable session the list is refreshed from the store first (new
    open actions are added; decisions already made are kept).
    """
    if not carry.carries_actions(session):
        return None
    carried = session.carried
    if not read_only:
        try:
            carried = carry.carried_into(app.store, session, refresh=True)
        except UserError as err:
            app.notify(f"Could not look up earlier actions: {err}", severity="error")
    return CarriedActions(
        carried,
        today=app.clock.now().date(),
        read_only=read_only,
        into_confidential=session.is_confidential,
    )


def disclose(app: ReflectApp, session: Session, event: CarriedActions.Disclosed) -> bool:
    """Record the person's confirmation in the session (the caller saves it)."""
    try:
        carry.disclose(session, event.action_id)
    except UserError as err:
        app.notify(str(err), severity="error", timeout=10)
        return False
    return True


def decide(app: ReflectApp, session: Session, event: CarriedActions.Decided) -> bool:
    """Apply a decision from the widget; False (and a message) if it could not be saved."""
    try:
        carry.decide(
            app.store,
            session,
            event.action_id,
            event.outcome,
            today=app.clock.now().date(),
            note=event.note,
        )
    except UserError as err:
        app.notify(str(err), severity="error", timeout=10)
        return False
    return True
