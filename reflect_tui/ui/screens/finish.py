"""Finish: the record as it will be exported, privacy findings, mark complete.

Findings are listed with the step and field they came from; choosing one goes
back to the runner with the cursor in that field. A confidential session is
never exported or copied without an explicit yes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from reflect_tui.domain.confidential import consent_open
from reflect_tui.domain.session import Session
from reflect_tui.errors import UserError
from reflect_tui.services.sessions import unanswered_required
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.flows.export_flow import copy_markdown, export_minutes
from reflect_tui.ui.parts import Banner, TopBar, reflect_app, without_front_matter
from reflect_tui.ui.results import FinishResult, GoToField
from reflect_tui.ui.theme_style import themed
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.footer import KeepFooter

if TYPE_CHECKING:
    from reflect_tui.minutes.privacy import Finding


def finding_line(session: Session, finding: Finding) -> Text:
    where = ""
    field_id = finding.field_id
    if field_id:
        f = session.template.field_by_id(field_id)
        where = f.label if f is not None else field_id
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{finding.kind}: ", style=themed("bold $warning"))
    text.append(repr(finding.text))
    if where:
        text.append(f"  in “{where}”", style="dim")
    return text


class FinishScreen(Screen[FinishResult]):
    """Dismisses with "complete", a (step_id, field_id) to jump to, or None (back)."""

    DEFAULT_CSS = css_beside(__file__, "finish.tcss")
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+d", "complete", "Mark complete", id="finish.complete", priority=True),
        Binding("ctrl+e", "export", "Export", id="finish.export"),
        Binding("ctrl+y", "copy", "Copy Markdown", id="finish.copy"),
        Binding("escape", "back", "Back to session", id="finish.back"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.findings: list[Finding] = []
        self.markdown = ""

    def compose(self) -> ComposeResult:
        s = self.session
        yield TopBar("finish", session_title=s.title, confidential=s.is_confidential)
        yield Banner(id="banner")
        with Horizontal(id="finish-main"):
            with VerticalScroll(id="preview-pane"):
                yield Markdown(id="preview")
            with Vertical(id="finish-side"):
                yield Static("Privacy check", id="findings-title")
                yield OptionList(id="findings")
                yield Button(
                    "Mark complete (Ctrl+D)", id="complete", variant="success", compact=True
                )
                yield Button("Export… (Ctrl+E)", id="export", compact=True)
                yield Button("Copy Markdown (Ctrl+Y)", id="copy", compact=True)
                yield Button("Back (Esc)", id="back", compact=True)
        yield KeepFooter()

    def on_mount(self) -> None:
        app = reflect_app(self)
        banner = self.query_one(Banner)
        if self.session.is_confidential:
            banner.show(
                "Confidential session: this record stays with the facilitator. It is only "
                "exported or copied if you confirm."
            )
        clean = ""
        try:
            from reflect_tui import minutes
            from reflect_tui.services.export import privacy_check

            self.markdown = minutes.render_markdown(self.session, confirmed_confidential=True)
            check = privacy_check(app.store, self.session)
            self.findings = list(check.findings)
            clean = "Nothing flagged. " + check.summary(short=True)
        except UserError as err:
            banner.show(str(err), error=True)
        self.query_one("#preview", Markdown).update(without_front_matter(self.markdown))
        box = self.query_one("#findings", OptionList)
        if not self.findings:
            box.add_option(
                Option(
                    Text(clean, style=themed("$success")),
                    disabled=True,
                )
            )
        for n, finding in enumerate(self.findings):
            box.add_option(Option(finding_line(self.session, finding), id=f"finding-{n}"))
        self.query_one("#complete", Button).focus()

    @on(OptionList.OptionSelected, "#findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        finding = self.findings[event.option_index]
        if finding.field_id:
            self.dismiss(GoToField(finding.step_id or "", finding.field_id))

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {
            "complete": self.action_complete,
            "export": self.action_export,
            "copy": self.action_copy,
            "back": self.action_back,
        }
        handler = actions.get(event.button.id or "")
        if handler is not None:
            handler()

    def action_back(self) -> None:
        self.dismiss(None)

    @work
    async def action_complete(self) -> None:
        app = reflect_app(self)
        from reflect_tui.services import sessions

        if consent_open(self.session):
            # Consent is settled before the session is complete (domain.confidential).
            from reflect_tui.ui.dialogs.choice import ChoiceScreen

            answer = await app.push_screen_wait(
                ChoiceScreen(
                    "Before finishing: the person has not said yet whether anonymised themes "
                    "from this session may be used in the thematic report. Ask them now. "
                    "Without a yes, no tag from this session goes anywhere but this record.",
                    [("yes", "Yes, they may be used", "y"), ("no", "No, nothing from it", "n")],
                    cancel=("Go back", "b"),
                )
            )
            if answer is None:
                return
            sessions.answer_consent(self.session, answer == "yes", app.clock.now())
        missing = unanswered_required(self.session)
        if missing:
            shown = "; ".join(missing[:4]) + (
                f"; and {len(missing) - 4} more" if len(missing) > 4 else ""
            )
            ok = await app.push_screen_wait(
                ConfirmScreen(
                    f"{len(missing)} question(s) marked * have no answer yet: {shown}. "
                    "Mark the session complete anyway? (Go back with n or Esc; Esc again "
                    "returns to the steps.)",
                    yes="Mark complete",
                    no="Go back",
                )
            )
            if not ok:
                return
        if self.findings:
            ok = await app.push_screen_wait(
                ConfirmScreen(
                    f"The privacy check flagged {len(self.findings)} item(s). Mark the session "
                    "complete anyway? (You can still reopen it later.)",
                    yes="Mark complete",
                    no="Go back",
                )
            )
            if not ok:
                return
        try:
            done = sessions.complete(app.store, self.session, app.clock.now())
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        if done.minutes_problem is not None:
            self.notify(done.message(), severity="warning", timeout=15)
        else:
            self.notify(done.message())
        self.dismiss("complete")

    @work
    async def action_export(self) -> None:
        await export_minutes(self, self.session, ask_format=True)

    @work
    async def action_copy(self) -> None:
        await copy_markdown(self, self.session)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Mark complete", "Finish the session (Ctrl+D)", self.action_complete)
        yield SystemCommand(
            "Export minutes", "Write the record to a file (Ctrl+E)", self.action_export
        )
        yield SystemCommand(
            "Copy Markdown", "Copy the record to the clipboard (Ctrl+Y)", self.action_copy
        )
