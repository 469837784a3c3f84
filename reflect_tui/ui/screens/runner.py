"""The session runner: steps, guidance, the step's fields, the clock, autosave.

Every change goes to the in-memory Session and the store's Autosaver is told
(``touch``); the store writes it from its own thread within a second. A step
change, leaving the screen and quitting all ``flush`` so nothing is ever lost.
Room mode is the projector view: no step list, no private fields, a big clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Markdown, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from reflect_tui.domain import settings
from reflect_tui.domain.answers import is_empty
from reflect_tui.domain.session import Session
from reflect_tui.domain.settings import Settings
from reflect_tui.domain.settings import save as save_settings
from reflect_tui.domain.template import Step
from reflect_tui.domain.themes import DEFAULT_THEMES
from reflect_tui.errors import UserError
from reflect_tui.ui.parts import Banner, TopBar, read_only_message, reflect_app
from reflect_tui.ui.results import FinishResult, GoToField
from reflect_tui.ui.theme_style import theme_style, themed
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.carried_actions import (
    CarriedActions,
    carried_for,
    decide,
    disclose,
)
from reflect_tui.ui.widgets.fields import FieldEditor, editor_for
from reflect_tui.ui.widgets.footer import KeepFooter
from reflect_tui.ui.widgets.room_tray import RoomTray

if TYPE_CHECKING:
    from reflect_tui.store.autosave import Autosaver
    from reflect_tui.ui.room_link import RoomLink

# Elapsed time is saved with the next change, and at least this often while running.
CLOCK_SAVE_EVERY = 30
# Store setting: ring the bell and say so once when a step's timebox (or the session) ends.
TIME_SIGNAL_SETTING = settings.TIME_SIGNAL
# Text typed that an answer cannot hold yet (a bad date), kept with the draft by field id.


def clock_text(seconds: float) -> str:
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def step_done(session: Session, step: Step) -> bool:
    return any(not is_empty(f.kind, session.answers.get(f.id)) for f in step.fields)


SAVE_ERROR_ADVICE = (
    "Your text is safe in this window but is NOT saved to disk yet. Free some disk space "
    "(or fix the folder's permissions); saving retries with your next change. "
    "Do not close the app until the bar says saved."
)


class RunnerScreen(Screen[None]):
    DEFAULT_CSS = css_beside(__file__, "runner.tcss")
    # Below 100 columns the step list gives its room to the step (F2 shows it for a jump).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    BINDINGS = [  # noqa: RUF012
        # Priority: the text area binds F6/F7 itself (select line / all).
        # Short words: all of them must fit the footer at 80 columns.
        Binding("f5", "step(-1)", "Back", id="runner.prev", priority=True, tooltip="Previous step"),
        Binding("f6", "step(1)", "Next", id="runner.next", priority=True, tooltip="Next step"),
        Binding(
            "f2",
            "focus_steps",
            "Steps",
            id="runner.steps",
            priority=True,
            tooltip="Step list: jump to any step",
        ),
        Binding(
            "f7",
            "room_mode",
            "Room",
            id="runner.room",
            priority=True,
            tooltip="Room mode for the projector: hides private fields",
        ),
        Binding(
            "f8",
            "pause",
            "Pause",
            id="runner.pause",
            priority=True,
            tooltip="Pause or resume the session clock",
        ),
        Binding(
            "f9",
            "finish",
            "Finish",
            id="runner.finish",
            priority=True,
            tooltip="Finish: preview the record, mark it complete",
        ),
        Binding(
            "f4",
            "join_room",
            "Join",
            id="runner.join_room",
            priority=True,
            show=False,
            tooltip="Open the room to phones: anonymous items",
        ),
        Binding(
            "f3",
            "prompt",
            "Prompt",
            id="runner.prompt",
            priority=True,
            tooltip="Room mode: show or hide the facilitator's prompt for this step",
        ),
        Binding(
            "escape",
            "home",
            "Home",
            id="runner.home",
            tooltip="Save and go back to the session list",
        ),
    ]

    def __init__(self, session: Session, *, read_only: bool = False) -> None:
        super().__init__()
        self.session = session
        self.step_index = min(max(session.current_step, 0), max(len(session.template.steps) - 1, 0))
        self.forced_read_only = read_only
        self.autosaver: Autosaver | None = None
        self.paused = False
        self.room = False
        self._last_tick: datetime | None = None
        self._unsaved_ticks = 0
        self._session_closed = False
        self.room_link: RoomLink | None = None  # the room (F4), see ui/room_link.py
        # Steps (and "session") whose time-up signal was given, so it comes only once.
        self._signalled: set[str] = set()

    # -- layout ---------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return (
            self.forced_read_only or self.session.is_complete or reflect_app(self).store.read_only
        )

    def compose(self) -> ComposeResult:
        s = self.session
        yield TopBar(s.template.title, session_title=s.title, confidential=s.is_confidential)
        yield Banner(id="banner")
        with Horizontal(id="runner-main"):
            yield OptionList(id="steps")
            with Vertical(id="main-column"):
                yield Digits("00:00", id="room-clock")
                yield Static(id="room-clock-of")
                yield Static(id="step-title")
                with VerticalScroll(id="step-pane"):
                    yield Markdown(id="guidance")
                    yield Vertical(id="editors")
                    yield Static(id="step-next")
        with Horizontal(id="status-bar"):
            yield Static(id="clock")
            yield Static(id="autosave")
            # The footer gives way to the focused editor's keys at 80 columns;
            # this hint keeps the way to every key in sight.
            yield Static("F1 keys", id="keys-hint")
        yield KeepFooter(compact=True)

    async def on_mount(self) -> None:
        app = reflect_app(self)
        if app.store.read_only:
            self.query_one(Banner).show(read_only_message(app))
        if not self.read_only:
            self.autosaver = app.store.autosaver(self.session, self._on_autosave_state)
            app.before_quit.append(self.save_now)
        self._last_tick = app.clock.now()
        if app.room_mode:  # room mode is app-wide: a session opened in it starts in it
            self.room = True
            self.set_class(True, "-room")
        self.set_interval(1.0, self.tick)
        self.show_autosave("saved", None)
        await self.show_step(self.step_index, focus=True)

    def on_unmount(self) -> None:
        self.close_session()

    # -- steps ----------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.session.template.steps[self.step_index]

    def fill_steps(self) -> None:
        steps = self.query_one("#steps", OptionList)
        steps.clear_options()
        for n, step in enumerate(self.session.template.steps):
            text = Text(no_wrap=True, overflow="ellipsis")
            if n == self.step_index:
                text.append("▶ ", style="bold")
            elif step_done(self.session, step):
                text.append("✓ ", style=themed("$success"))
            else:
                text.append("· ", style="dim")
            text.append(f"{n + 1}. {step.title}", style="bold" if n == self.step_index else "")
            steps.add_option(Option(text, id=f"step-{n}"))
        steps.highlighted = self.step_index

    def editor_context(self) -> tuple[list[str], list[str]]:
        app = reflect_app(self)
        people: dict[str, None] = {}
        for name in [self.session.facilitator, *self.session.participants]:
            if name:
                people.setdefault(name, None)
        try:
            for person in app.store.people():
                people.setdefault(person.name, None)
            themes = Settings.load(app.store).vocabulary
        except UserError:
            themes = list(DEFAULT_THEMES)
        for theme in self.session.themes():
            if theme not in themes:
                themes.append(theme)
        return list(people), themes

    async def show_step(
        self, index: int, *, focus: bool = True, field_id: str | None = None
    ) -> None:
        steps = self.session.template.steps
        if not steps:
            return
        self.step_index = max(0, min(len(steps) - 1, index))
        if not self.read_only:
            self.session.current_step = self.step_index
        step = self.step
        self.fill_steps()
        title = Text()
        title.append(f"Step {self.step_index + 1} of {len(steps)}: ", style="dim")
        title.append(step.title, style="bold")
        self.query_one("#step-title", Static).update(title)
        await self.query_one("#guidance", Markdown).update(step.guidance or "")
        nxt = self.query_one("#step-next", Static)
        if self.step_index + 1 < len(steps):
            nxt.update(Text(f"F6: next step — {steps[self.step_index + 1].title}", style="dim"))
        elif self.read_only:
            nxt.update(Text("Last step. Esc: back.", style="dim"))
        else:
            nxt.update(
                Text(
                    "Last step. F9: finish — preview the record and mark it complete.", style="dim"
                )
            )
        box = self.query_one("#editors", Vertical)
        await box.remove_children()
        people, themes = self.editor_context()
        editors: list[FieldEditor] = []
        for f in step.fields:
            editor = editor_for(
                f,
                self.session.answer(f.id),
                read_only=self.read_only,
                people=people,
                themes=themes,
                id=f"field-{f.id}",
            )
            editors.append(editor)
        await box.mount_all(editors)
        if self.step_index == 0:  # follow-through: open actions carried forward come first
            carried = carried_for(reflect_app(self), self.session, read_only=self.read_only)
            if carried is not None:
                await box.mount(carried, before=0)
                if self.autosaver is not None:
                    self.autosaver.touch()
        self._already_over(step)
        pending = self.session.pending_text
        for editor in editors:
            editor.set_room_mode(self.room)
            texts = pending.get(editor.field.id)
            if isinstance(texts, dict) and texts and not self.read_only:
                editor.restore_pending({str(k): str(v) for k, v in texts.items()})
        self.update_clock()
        if self.room_link is not None:
            self.room_link.step_shown()
        pane = self.query_one("#step-pane", VerticalScroll)
        pane.scroll_home(animate=False)
        if focus:
            # At once, not after a refresh: the next key typed must land in this step.
            self.focus_field(field_id)

    def focus_field(self, field_id: str | None = None) -> None:
        """Put the cursor where a person starts typing: the first unanswered field.

        With ``field_id`` (a privacy finding) that field, scrolled into view; otherwise
        the step stays at the top of its guidance, and the pane follows the cursor as
        soon as the person types.
        """
        editors = [
            e
            for e in self.query_one("#editors").query(FieldEditor)
            if not (self.room and e.field.private)
        ]
        if field_id is not None:
            editors = [e for e in editors if e.field.id == field_id] or editors
        else:
            unanswered = [
                e for e in editors if is_empty(e.field.kind, self.session.answers.get(e.field.id))
            ]
            editors = unanswered + [e for e in editors if e not in unanswered]
        for editor in editors:
            if editor.focus_first(scroll_visible=field_id is not None):
                if field_id is not None:
                    self.call_after_refresh(self._reveal, editor)
                return
        self.query_one("#steps", OptionList).focus()

    def _reveal(self, editor: FieldEditor) -> None:
        self.query_one("#step-pane", VerticalScroll).scroll_to_widget(editor, animate=False)

    # -- the pane follows the cursor -----------------------------------------

    @on(TextArea.SelectionChanged)
    @on(TextArea.Changed)
    def _cursor_moved(self) -> None:
        self.call_after_refresh(self.follow_cursor)

    def follow_cursor(self) -> None:
        """Scroll the step pane so the focused box's cursor line is on screen."""
        focused = self.focused
        pane = self.query_one("#step-pane", VerticalScroll)
        if focused is None or pane not in focused.ancestors:
            return
        view = pane.scrollable_content_region
        row = focused.cursor_screen_offset.y if isinstance(focused, TextArea) else focused.region.y
        if row >= view.bottom:
            pane.scroll_to(y=pane.scroll_y + row - view.bottom + 2, animate=False)
        elif row < view.y:
            pane.scroll_to(y=max(0, pane.scroll_y - (view.y - row)), animate=False)

    @on(OptionList.OptionSelected, "#steps")
    async def _jump(self, event: OptionList.OptionSelected) -> None:
        self.save_now(wait=False)
        await self.show_step(event.option_index)

    async def action_step(self, delta: int) -> None:
        target = self.step_index + delta
        if not 0 <= target < len(self.session.template.steps):
            if delta > 0:
                self.notify(
                    "This is the last step."
                    if self.read_only
                    else "This is the last step: press F9 to finish."
                )
            return
        self.save_now(wait=False)
        await self.show_step(target)

    def action_focus_steps(self) -> None:
        if self.room:
            self.leave_room_view()
        self.remove_class("-with-tray")  # the room's tray gives the list its place back
        self.add_class("-steps-open")
        self.query_one("#steps", OptionList).focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "steps":
            self.remove_class("-steps-open")

    async def goto_field(self, step_id: str, field_id: str) -> None:
        """Show the step holding ``field_id`` with the cursor in it (privacy findings)."""
        for n, step in enumerate(self.session.template.steps):
            if step.id == step_id or any(f.id == field_id for f in step.fields):
                await self.show_step(n, field_id=field_id)
                return

    # -- changes and saving ---------------------------------------------------

    @on(CarriedActions.Decided)
    def _carried_decided(self, event: CarriedActions.Decided) -> None:
        if self.read_only or self.autosaver is None:
            return
        if decide(reflect_app(self), self.session, event):
            self.autosaver.touch()

    @on(CarriedActions.Disclosed)
    def _carried_disclosed(self, event: CarriedActions.Disclosed) -> None:
        if self.read_only or self.autosaver is None:
            return
        if disclose(reflect_app(self), self.session, event):
            self.autosaver.touch()

    @on(FieldEditor.Changed)
    def _changed(self, event: FieldEditor.Changed) -> None:
        if self.read_only or self.autosaver is None:
            return
        self.session.answers[event.field_id] = event.editor.value
        self.keep_pending(event.editor)
        self.call_after_refresh(self.follow_cursor)  # typing into a box out of sight shows it
        self.session.updated_at = reflect_app(self).clock.now()
        self._unsaved_ticks = 0
        self.autosaver.touch()
        if self.room_link is not None:
            self.room_link.field_changed(event.field_id)

    @on(FieldEditor.ProblemsChanged)
    def _problems_changed(self, event: FieldEditor.ProblemsChanged) -> None:
        if self.read_only or self.autosaver is None:
            return
        self.keep_pending(event.editor)
        self.autosaver.touch()

    def keep_pending(self, editor: FieldEditor) -> None:
        """Keep text ``editor`` cannot store yet with the draft (or forget it once fixed)."""
        # A new dict each time: the autosave worker may be writing the old one.
        pending = dict(self.session.pending_text)
        texts = editor.pending_text() if editor.is_mounted else {}
        if texts:
            pending[editor.field.id] = texts
        else:
            pending.pop(editor.field.id, None)
        self.session.pending_text = pending

    def collect_open_text(self) -> None:
        """Everything typed on this step that the editors have not reported yet."""
        for carried in self.query(CarriedActions):
            for decided in carried.flush_notes():
                self._carried_decided(decided)
        for editor in self.query(FieldEditor):
            if not editor.read_only:
                self.keep_pending(editor)

    def _on_autosave_state(self, state: str, error: str | None) -> None:
        """Called by the store from its worker thread."""
        if self._session_closed:
            return
        reflect_app(self).post_from_any_thread(self.show_autosave, state, error)

    def show_autosave(self, state: str, error: str | None) -> None:
        found = self.query("#autosave")
        if not self.is_mounted or not found:
            return  # the screen closed before the worker's report arrived
        widget = found.only_one(Static)
        banner = self.query_one(Banner)
        if self.read_only:
            widget.update(Text("read-only", style="bold"))
            return
        if state == "error":
            widget.update(Text("✗ NOT SAVED", style=themed("bold $error")))
            banner.show(
                f"Could not save: {error or 'the disk refused the write'}. {SAVE_ERROR_ADVICE}",
                error=True,
            )
            return
        if banner.has_class("-error"):
            banner.clear()
            if reflect_app(self).store.read_only:
                banner.show(read_only_message(reflect_app(self)))
        if state == "saving":
            widget.update(Text("saving…", style="italic"))
        else:
            widget.update(Text("✓ saved", style=themed("$success")))

    def save_now(self, *, wait: bool = True) -> None:
        """Make everything durable now (leaving, quitting, finishing).

        A step change passes ``wait=False``: the snapshot is handed to the autosave
        worker, so nothing that grows with the store runs while the next step is built
        and typed into.
        """
        if self.autosaver is None or self.read_only:
            return
        if self.is_mounted:
            self.collect_open_text()
            if wait:
                self.autosaver.touch()
        try:
            self.autosaver.flush(wait=wait)
        except UserError as err:
            self.show_autosave("error", str(err))

    def close_session(self) -> None:
        self.stop_room()
        if self._session_closed:
            return
        self.save_now()
        self._session_closed = True
        app = reflect_app(self)
        if self.save_now in app.before_quit:
            app.before_quit.remove(self.save_now)
        if self.autosaver is not None:
            try:
                self.autosaver.close()
            except UserError as err:
                self.notify(str(err), severity="error", timeout=30)
            self.autosaver = None

    # -- clock ----------------------------------------------------------------

    def tick(self) -> None:
        now = reflect_app(self).clock.now()
        last, self._last_tick = self._last_tick, now
        if last is None or self.paused or self.read_only:
            self.update_clock()
            return
        delta = max(0.0, (now - last).total_seconds())
        if delta:
            self.session.elapsed_seconds += delta
            key = self.step.id
            self.session.step_seconds[key] = self.session.step_seconds.get(key, 0.0) + delta
            self._unsaved_ticks += 1
            if self._unsaved_ticks >= CLOCK_SAVE_EVERY and self.autosaver is not None:
                self._unsaved_ticks = 0
                self.autosaver.touch()
        self.update_clock()

    def update_clock(self) -> None:
        s = self.session
        text = Text(no_wrap=True, overflow="ellipsis")
        head = f"Session {clock_text(s.elapsed_seconds)}"
        text.append(head, style="bold")
        text.append(f" of {s.template.duration_minutes} min")
        session_over = s.elapsed_seconds - s.template.duration_minutes * 60
        if s.template.duration_minutes and session_over > 0:
            text.append(
                f" +{max(1, round(session_over / 60))}",
                style=theme_style(self.app, "bold $warning"),
            )
        step = self.step
        spent = s.step_seconds.get(step.id, 0.0)
        text.append(f" · step {clock_text(spent)}")
        if step.timebox_minutes:
            text.append(f" of {step.timebox_minutes} min")
            over = spent - step.timebox_minutes * 60
            if over > 0:
                text.append(
                    f" over by {max(1, round(over / 60))} min",
                    style=theme_style(self.app, "bold $warning"),
                )
        if self.paused:
            text.append("  ⏸ PAUSED (F8)", style="bold reverse")
        self.query_one("#clock", Static).update(text)
        self.query_one("#room-clock", Digits).update(clock_text(s.elapsed_seconds))
        self.query_one("#room-clock-of", Static).update(
            f"of {s.template.duration_minutes} min"
            + (f" · over by {max(1, round(session_over / 60))} min" if session_over > 0 else "")
        )
        if not self.read_only and not self.paused:
            self.signal_time_up(step, spent, session_over)

    def _already_over(self, step: Step) -> None:
        """A step (or session) opened already past its time rings no bell: it is not news."""
        s = self.session
        if step.timebox_minutes and s.step_seconds.get(step.id, 0.0) >= step.timebox_minutes * 60:
            self._signalled.add(f"step:{step.id}")
        if s.template.duration_minutes and s.elapsed_seconds > s.template.duration_minutes * 60:
            self._signalled.add("session")

    def signal_time_up(self, step: Step, spent: float, session_over: float) -> None:
        """Once per step (and once for the session): a bell and a notice that time is up."""
        due: list[tuple[str, str]] = []
        if step.timebox_minutes and spent >= step.timebox_minutes * 60:
            due.append(
                (
                    f"step:{step.id}",
                    f"Time for “{step.title}” is up ({step.timebox_minutes} min). "
                    "F6 moves on when the group is ready.",
                )
            )
        if self.session.template.duration_minutes and session_over > 0:
            due.append(
                (
                    "session",
                    f"The session has run past its {self.session.template.duration_minutes} "
                    "minutes. Agree with the group whether to carry on or stop here.",
                )
            )
        fresh = [(key, message) for key, message in due if key not in self._signalled]
        if not fresh:
            return
        self._signalled.update(key for key, _ in fresh)
        if not self.time_signal_on():
            return
        self.app.bell()
        for _, message in fresh:
            self.notify(message, title="Time", severity="warning", timeout=12)

    def time_signal_on(self) -> bool:
        try:
            return Settings.load(reflect_app(self).store).time_signal
        except UserError:
            return True

    def toggle_time_signal(self) -> None:
        on = not self.time_signal_on()
        store = reflect_app(self).store
        try:
            save_settings(store, replace(Settings.load(store), time_signal=on))
        except UserError as err:
            self.notify(str(err), severity="error")
            return
        self.notify(
            "A bell and a notice will say when a step's time is up."
            if on
            else "No bell or notice when a step's time is up (the clock still shows it)."
        )

    def action_prompt(self) -> None:
        """Room mode hides the guidance; F3 shows the facilitator's prompt (and hides it)."""
        if not self.room:
            return
        self.toggle_class("-show-prompt")
        if self.has_class("-show-prompt"):
            self.query_one("#step-pane", VerticalScroll).scroll_home(animate=False)

    def action_pause(self) -> None:
        self.paused = not self.paused
        if self.paused:
            self.stop_room("Session paused: the room is closed (F4 opens a new one).")
        self._last_tick = reflect_app(self).clock.now()
        self.update_clock()
        if self.autosaver is not None:
            self.autosaver.touch()

    # -- room mode ------------------------------------------------------------

    def action_room_mode(self) -> None:
        self.room = not self.room
        reflect_app(self).room_mode = self.room  # app-wide: home and lists follow
        self.set_class(self.room, "-room")
        if self.room_link is not None:
            self.room_link.room_mode(self.room)
        self.remove_class("-show-prompt")
        self.refresh_bindings()
        for editor in self.query(FieldEditor):
            editor.set_room_mode(self.room)
        if self.room:
            focused = self.focused
            if (
                focused is None
                or any(
                    e.field.private
                    for e in focused.ancestors_with_self
                    if isinstance(e, FieldEditor)
                )
                or focused.id == "steps"
            ):
                self.focus_field()
        self.notify(
            "Room mode on: private fields hidden (F7 to leave)." if self.room else "Room mode off."
        )

    def leave_room_view(self) -> None:
        """Leave this screen's room view; the app stays in room mode (F7 on home ends it),
        so going home from the projector never shows confidential records."""
        app = reflect_app(self)
        keep = app.room_mode
        self.action_room_mode()
        app.room_mode = keep

    # -- leaving --------------------------------------------------------------

    def action_home(self) -> None:
        if self.room:
            self.leave_room_view()
            return
        self.close_session()
        self.app.pop_screen()

    def action_finish(self) -> None:
        if self.read_only:
            self.notify("This session cannot be changed in this window.")
            return
        self.save_now()
        self.stop_room()
        reflect_app(self).open_finish(self.session, self._after_finish)

    def _after_finish(self, result: FinishResult) -> None:
        if result == "complete":
            self.close_session()
            reflect_app(self).open_record(self.session, replace=True)
        elif isinstance(result, GoToField):
            self.call_later(self.goto_field, result.step_id, result.field_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "prompt":  # the guidance shows anyway outside room mode
            return self.room
        # Not shown at all in a read-only view: there is nothing to pause or finish.
        return not (action in ("finish", "pause") and self.read_only)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Next step", "Move to the next step (F6)", lambda: self.call_later(self.action_step, 1)
        )
        yield SystemCommand(
            "Previous step",
            "Move to the previous step (F5)",
            lambda: self.call_later(self.action_step, -1),
        )
        yield SystemCommand(
            "Room mode", "Projector view: hides private fields (F7)", self.action_room_mode
        )
        if not self.read_only:
            yield SystemCommand("Pause or resume the clock", "F8", self.action_pause)
            yield SystemCommand(
                "Open the room to phones",
                "Participants add anonymous items and vote from their browsers (F4)",
                lambda: self.call_later(self.action_join_room),
            )
            on = self.time_signal_on()
            yield SystemCommand(
                "Time-up signal: turn off" if on else "Time-up signal: turn on",
                "A bell and a notice once when a step's time (or the session's) is up",
                self.toggle_time_signal,
            )
        if self.room:
            yield SystemCommand(
                "Show the facilitator's prompt",
                "Room mode: this step's guidance (F3)",
                self.action_prompt,
            )
            yield SystemCommand(
                "Finish session", "Preview the record and mark it complete (F9)", self.action_finish
            )
        yield SystemCommand("Home", "Save and go back to the session list (Esc)", self.action_home)

    # -- the room (phones add items; see ui/room_link.py and docs/room.md) -------

    async def action_join_room(self) -> None:
        from reflect_tui.room.session_link import room_refusal

        refusal = room_refusal(self.session, read_only=self.read_only)
        if refusal is not None:
            self.notify(refusal, severity="warning", timeout=8)
            return
        if self.paused:
            self.notify("The session is paused: resume it (F8) to open the room.")
            return
        if self.room_link is None:
            from reflect_tui.ui.room_link import RoomLink

            link = RoomLink(self)
            try:
                await link.start()
            except UserError as err:
                link.stop_now()
                self.notify(str(err), severity="error", timeout=15)
                return
            self.room_link = link
        self.show_join_panel()

    def show_join_panel(self) -> None:
        from reflect_tui.room.network import interfaces
        from reflect_tui.ui.dialogs.join import JoinScreen

        link = self.room_link
        if link is None:
            return
        url, qr, host, joined = link.join_panel_args()
        self.app.push_screen(JoinScreen(url, qr, interfaces(), host, joined), self._after_join)

    async def _after_join(self, answer: tuple[str, str] | None) -> None:
        link = self.room_link
        if link is None:
            return
        if answer is None:  # back from the join panel: the cursor goes to the tray
            self.call_after_refresh(link.focus_tray)
            return
        what, value = answer
        if what == "stop":
            self.stop_room("The room is closed: phones can no longer add items.")
            return
        if what == "rotate":
            link.rotate()
            self.notify("New join link: the old one no longer works.")
        elif what == "host":
            try:
                await link.move(value)
            except UserError as err:
                self.notify(str(err), severity="error", timeout=15)
        self.show_join_panel()

    def stop_room(self, message: str | None = None) -> None:
        link, self.room_link = self.room_link, None
        if link is not None:
            link.stop_now()
            if message:
                self.notify(message)

    def room_saved(self) -> None:
        """The room changed the session (an item accepted off screen, a vote kept)."""
        self.session.updated_at = reflect_app(self).clock.now()
        if self.autosaver is not None:
            self.autosaver.touch()

    async def on_room_tray_act(self, event: RoomTray.Act) -> None:
        event.stop()
        if self.room_link is not None:
            await self.room_link.act(event.what, event.ids)
