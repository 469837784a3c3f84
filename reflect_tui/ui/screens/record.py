"""A completed session, read-only, as its record reads. Reopening is deliberate."""

from __future__ import annotations

from collections.abc import Iterable

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from reflect_tui.domain.session import Session
from reflect_tui.errors import UserError
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.flows.export_flow import copy_markdown, export_minutes
from reflect_tui.ui.parts import (
    Banner,
    TopBar,
    read_only_message,
    reflect_app,
    without_front_matter,
)
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.footer import KeepFooter


class RecordScreen(Screen[None]):
    DEFAULT_CSS = css_beside(__file__, "record.tcss")
    AUTO_FOCUS = "#record-pane"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "back", "Home", id="record.back"),
        Binding("ctrl+r", "reopen", "Reopen to edit", id="record.reopen"),
        Binding("ctrl+o", "open_steps", "Step view", id="record.steps"),
        Binding("ctrl+d", "debrief", "Start debrief", id="record.debrief"),
        Binding("ctrl+e", "export", "Export", id="record.export"),
        Binding("ctrl+y", "copy", "Copy Markdown", id="record.copy"),
        Binding("delete", "delete", "Delete", id="record.delete", show=False),
        Binding("ctrl+g", "sign_off", "Agreed by…", id="record.sign_off", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        yield TopBar("complete record", session_title=s.title, confidential=s.is_confidential)
        yield Banner(id="banner")
        with VerticalScroll(id="record-pane"):
            yield Markdown(id="record")
        yield KeepFooter()

    def on_mount(self) -> None:
        app = reflect_app(self)
        banner = self.query_one(Banner)
        if app.store.read_only:
            banner.show(read_only_message(app))
        else:
            banner.show(
                "This session is complete and shown read-only. Ctrl+R reopens it for changes."
            )
        self.show_record()

    def show_record(self) -> None:
        try:
            from reflect_tui import minutes

            text = minutes.render_markdown(self.session, confirmed_confidential=True)
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            text = ""
        self.query_one("#record", Markdown).update(
            without_front_matter(text) + history_text(self.session)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sign_off":
            return None if reflect_app(self).store.read_only else can_sign_off(self.session)
        if action in ("reopen", "delete") and reflect_app(self).store.read_only:
            return None
        if action == "debrief":  # only on a finished pre-visit plan (follow-through)
            from reflect_tui.ui.flows.followup import can_debrief

            return None if reflect_app(self).store.read_only else can_debrief(self.session)
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_open_steps(self) -> None:
        reflect_app(self).open_runner(self.session, read_only=True)

    @work
    async def action_reopen(self) -> None:
        app = reflect_app(self)
        ok = await app.push_screen_wait(
            ConfirmScreen(
                "Reopen this completed session for changes? It becomes a draft again until "
                "you finish it once more.",
                yes="Reopen",
                no="Keep it complete",
            )
        )
        if not ok:
            return
        from reflect_tui.services import sessions
        from reflect_tui.store.audit import current_user

        s = self.session
        try:  # the finished version, with its finish time, is kept in the history
            done = sessions.reopen(app.store, s, app.clock.now(), current_user())
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        if done.audit_problem:
            self.notify(done.audit_problem, severity="error")
        app.open_runner(s, replace=True)

    @work
    async def action_sign_off(self) -> None:
        from reflect_tui.ui.dialogs.sign_off import SignOffDialog

        app = reflect_app(self)
        s = self.session
        if not can_sign_off(s) or app.store.read_only:
            return
        answer = await app.push_screen_wait(SignOffDialog(s.title, s.subject))
        if answer is None:
            return
        from reflect_tui.services import sessions

        try:
            done = sessions.sign_off(app.store, s, answer[0], app.clock.now(), answer[1])
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        if done.audit_problem:
            self.notify(done.audit_problem, severity="error")
        self.show_record()
        self.notify(f"Signed off as agreed by {answer[0]}.")

    @work
    async def action_delete(self) -> None:
        from reflect_tui.ui.flows.erase_flow import delete_session

        if await delete_session(self, self.session.id):
            self.app.pop_screen()

    @work
    async def action_export(self) -> None:
        await export_minutes(self, self.session, ask_format=True)

    @work
    async def action_copy(self) -> None:
        await copy_markdown(self, self.session)

    def action_debrief(self) -> None:
        from reflect_tui.ui.flows.followup import start_debrief_from

        start_debrief_from(reflect_app(self), self.session)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Reopen session",
            "Make this completed session editable again (Ctrl+R)",
            self.action_reopen,
        )
        yield SystemCommand(
            "Step view", "Browse the record step by step (Ctrl+O)", self.action_open_steps
        )
        yield SystemCommand(
            "Export minutes", "Write the record to the minutes folder (Ctrl+E)", self.action_export
        )
        yield SystemCommand(
            "Copy Markdown", "Copy the record to the clipboard (Ctrl+Y)", self.action_copy
        )
        if can_sign_off(self.session) and not reflect_app(self).store.read_only:
            yield SystemCommand(
                "Sign off as agreed",
                "Record who agreed this supervision record, when, with comments (Ctrl+G)",
                self.action_sign_off,
            )
        if not reflect_app(self).store.read_only:
            yield SystemCommand(
                "Delete record",
                "Move this record to the bin, or erase it for good (Delete)",
                self.action_delete,
            )
        from reflect_tui.ui.flows.followup import debrief_commands

        yield from debrief_commands(reflect_app(self), self.session)


def history_text(session: Session) -> str:
    """The record's earlier finished versions, under its minutes (empty if never reopened)."""
    from reflect_tui.dataprotection import history

    lines = history.describe(session)
    if not lines:
        return ""
    return "\n\n## Record history\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"


def can_sign_off(session: Session) -> bool:
    """Supervision records (one-to-one) can carry an "agreed by" sign-off."""
    from reflect_tui.domain.template import SessionKind

    return session.template.kind is SessionKind.ONE_TO_ONE
