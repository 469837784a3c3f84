"""Starting a session: pick a template, then say who is there.

The header form is short on purpose: a facilitator fills it in while people
sit down. Confidentiality comes from the template and can only be raised here
deliberately, never silently lost.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Confidentiality, FieldKind, SessionKind, Template
from reflect_tui.errors import UserError
from reflect_tui.ui.dialogs.choice import ChoiceScreen
from reflect_tui.ui.parts import Banner, TopBar, reflect_app
from reflect_tui.ui.theme_style import themed
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.footer import KeepFooter
from reflect_tui.ui.widgets.glyphs import GlyphRadioButton
from reflect_tui.ui.widgets.suggest import CommaListSuggester

if TYPE_CHECKING:
    from reflect_tui.ui.app import ReflectApp

KIND_WORDS = {
    SessionKind.TEAM: "team",
    SessionKind.ONE_TO_ONE: "one-to-one",
    SessionKind.INDIVIDUAL: "individual",
}


def template_line(t: Template) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(t.title, style="bold")
    text.append(f"  {KIND_WORDS.get(t.kind, str(t.kind))} · {t.duration_minutes} min", style="dim")
    if t.confidentiality is Confidentiality.CONFIDENTIAL:
        text.append("  CONFIDENTIAL", style=themed("bold $error"))
    return text


def template_details(t: Template) -> Text:
    text = Text()
    text.append(f"{t.title}\n", style="bold")
    text.append(f"{t.description}\n", style="")
    text.append(
        f"{KIND_WORDS.get(t.kind, str(t.kind)).capitalize()} session · about "
        f"{t.duration_minutes} minutes · {len(t.steps)} steps · ",
        style="dim",
    )
    if t.confidentiality is Confidentiality.CONFIDENTIAL:
        text.append("confidential", style=themed("bold $error"))
    else:
        text.append("shared record", style="dim")
    return text


def match_rank(t: Template, needle: str) -> int | None:
    """How well ``t`` matches what was typed: 0 best; None when it does not match.

    0: every word starts a word of the title ("pre" -> "Pre-visit risk analysis");
    1: every word is in the id or title ("pre" -> "Decompression session");
    2: every word is somewhere, description and kind included.
    """
    words = needle.lower().split()
    if not words:
        return 0
    title_words = re.split(r"[^\w]+", t.title.lower())
    if all(any(tw.startswith(w) for tw in title_words) for w in words):
        return 0
    if all(w in f"{t.id} {t.title}".lower() for w in words):
        return 1
    if all(w in f"{t.id} {t.title} {t.description} {t.kind}".lower() for w in words):
        return 2
    return None


def rank_templates(templates: list[Template], needle: str) -> list[Template]:
    """The templates matching ``needle``, best match first (library order within a rank)."""
    ranked = [
        (rank, n, t) for n, t in enumerate(templates) if (rank := match_rank(t, needle)) is not None
    ]
    return [t for _, _, t in sorted(ranked, key=lambda r: (r[0], r[1]))]


class TemplatePickerScreen(Screen[None]):
    DEFAULT_CSS = css_beside(__file__, "new_session.tcss")
    AUTO_FOCUS = "#template-filter"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "back", "Back", id="picker.back"),
        Binding("down", "move(1)", "Next", id="picker.down", show=False),
        Binding("up", "move(-1)", "Previous", id="picker.up", show=False),
        Binding("enter", "choose", "Choose template", id="picker.choose"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar("new session")
        with Vertical(id="picker-body"):
            yield Static(
                "What kind of session? Type to narrow the list, Enter to choose.", id="picker-hint"
            )
            yield Input(placeholder="Type to filter templates", id="template-filter", compact=True)
            yield OptionList(id="templates")
            yield Static(id="template-details")
        yield KeepFooter()

    def on_mount(self) -> None:
        reflect_app(self).quiet_cursor(self.query_one("#template-filter", Input))
        self.fill("")

    def templates(self) -> list[Template]:
        return list(reflect_app(self).library.templates())

    def fill(self, needle: str) -> None:
        box = self.query_one("#templates", OptionList)
        box.clear_options()
        for t in rank_templates(self.templates(), needle):
            box.add_option(Option(template_line(t), id=t.id))
        if box.option_count:
            box.highlighted = 0
        self.show_details()

    def show_details(self) -> None:
        box = self.query_one("#templates", OptionList)
        details = self.query_one("#template-details", Static)
        option = box.highlighted_option
        if option is None or option.id is None:
            details.update(Text("No template matches. Backspace to widen the search.", style="dim"))
            return
        details.update(template_details(reflect_app(self).library.get(option.id)))

    @on(Input.Changed, "#template-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(Input.Submitted, "#template-filter")
    def _submitted(self) -> None:
        self.action_choose()

    @on(OptionList.OptionHighlighted, "#templates")
    def _highlighted(self) -> None:
        self.show_details()

    @on(OptionList.OptionSelected, "#templates")
    def _selected(self) -> None:
        self.action_choose()

    def action_move(self, delta: int) -> None:
        box = self.query_one("#templates", OptionList)
        if box.option_count == 0:
            return
        current = box.highlighted if box.highlighted is not None else -1
        box.highlighted = max(0, min(box.option_count - 1, current + delta))

    def action_choose(self) -> None:
        option = self.query_one("#templates", OptionList).highlighted_option
        if option is None or option.id is None:
            self.notify("No template matches the filter.", severity="warning")
            return
        template = reflect_app(self).library.get(option.id)
        self.app.switch_screen(HeaderFormScreen(template))

    def action_back(self) -> None:
        self.app.pop_screen()


def split_names(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


class HeaderFormScreen(Screen[None]):
    """Title, date and who is there. Nothing typed here is lost.

    Leaving with Esc asks first if anything was typed; quitting the app (Ctrl+Q)
    starts the session as a draft, so the text is on the home screen next time.
    """

    DEFAULT_CSS = css_beside(__file__, "new_session.tcss")
    AUTO_FOCUS = "#title"
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s", "start", "Start session", id="header.start", priority=True),
        Binding("escape", "back", "Back to templates", id="header.back"),
    ]

    def __init__(self, template: Template) -> None:
        super().__init__()
        self.template = template
        self._initial: dict[str, object] = {}
        self._left = False

    def compose(self) -> ComposeResult:
        app = reflect_app(self)
        t = self.template
        today = app.clock.now().date().isoformat()
        names = known_names(app)
        team = t.kind is SessionKind.TEAM
        yield TopBar(
            "new session",
            session_title=t.title,
            confidential=t.confidentiality is Confidentiality.CONFIDENTIAL,
        )
        yield Banner(id="banner")
        rows: list[tuple[str, str, str, str, bool]] = [
            ("Title", "title", t.title, "what to call this session", False),
            ("Date", "date", today, "YYYY-MM-DD", False),
            ("Facilitator", "facilitator", "", "your name", True),
            ("Participants", "participants", "", "names or initials, separated by commas", True),
            ("Apologies", "apologies", "", "who could not come, separated by commas", True),
            (
                "Team" if team else "Session for",
                "who",
                "",
                "the team's name" if team else "the person's name or initials",
                True,
            ),
        ]
        self.known_teams = known_teams(app) if team else []
        with VerticalScroll(id="header-form"):
            yield Static(template_details(t), id="header-template")
            for label, box_id, value, hint, suggest in rows:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    suggester: Suggester | None = None
                    if box_id == "who" and team:
                        suggester = SuggestFromList(self.known_teams, case_sensitive=False)
                    elif suggest:
                        suggester = CommaListSuggester(names)
                    yield Input(
                        value=value,
                        placeholder=hint,
                        id=box_id,
                        suggester=suggester,
                        compact=True,
                    )
                if box_id == "who" and team:
                    yield Static("", id="team-note")
            with Horizontal(classes="form-row", id="confidentiality-row"):
                yield Label("Record", classes="form-label")
                with RadioSet(id="confidentiality", compact=True):
                    yield GlyphRadioButton(
                        "Shared (minutes can be exported)",
                        value=t.confidentiality is Confidentiality.SHARED,
                        id="shared",
                    )
                    yield GlyphRadioButton(
                        "Confidential (stays with the facilitator)",
                        value=t.confidentiality is Confidentiality.CONFIDENTIAL,
                        id="confidential",
                    )
            with Horizontal(id="header-buttons"):
                yield Button("Start session (Ctrl+S)", id="start", variant="primary", compact=True)
                yield Button("Back (Esc)", id="back", compact=True)
        yield KeepFooter()

    def on_mount(self) -> None:
        app = reflect_app(self)
        app.quiet_cursor(*self.query(Input))
        self._initial = self.snapshot()
        app.before_quit.append(self.keep_on_quit)
        self.call_after_refresh(self.show_top)

    def show_top(self) -> None:
        """Open with the first box and its label in view, even on a small terminal."""
        self.query_one("#header-form", VerticalScroll).scroll_home(animate=False)

    def on_unmount(self) -> None:
        self.forget_quit_hook()

    def forget_quit_hook(self) -> None:
        hooks = reflect_app(self).before_quit
        if self.keep_on_quit in hooks:
            hooks.remove(self.keep_on_quit)

    # -- nothing typed is lost ------------------------------------------------

    def snapshot(self) -> dict[str, object]:
        values: dict[str, object] = {i.id or "": i.value for i in self.query(Input)}
        values["confidentiality"] = self.confidentiality()
        return values

    def is_dirty(self) -> bool:
        return bool(self._initial) and self.snapshot() != self._initial

    def keep_on_quit(self) -> None:
        """On Ctrl+Q: anything typed becomes a draft session (resume it from home)."""
        if self._left or not self.is_dirty() or reflect_app(self).store.read_only:
            return
        app = reflect_app(self)
        from reflect_tui.services import sessions

        try:
            session = self.build_session(lenient=True)
            sessions.start(app.store, session)
        except UserError:
            return  # the app is closing; the store has said why it cannot save
        self._left = True

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.action_back()

    @on(Input.Submitted)
    def _next_box(self) -> None:
        self.focus_next()

    @on(Input.Changed, "#who")
    def _team_changed(self, event: Input.Changed) -> None:
        if self.template.kind is SessionKind.TEAM:
            self.query_one("#team-note", Static).update(team_note(event.value, self.known_teams))

    def value(self, box_id: str) -> str:
        return self.query_one(f"#{box_id}", Input).value.strip()

    def confidentiality(self) -> Confidentiality:
        pressed = self.query_one("#confidentiality", RadioSet).pressed_button
        if pressed is not None and pressed.id == "confidential":
            return Confidentiality.CONFIDENTIAL
        return Confidentiality.SHARED

    def build_session(self, *, lenient: bool = False) -> Session:
        """The session the form describes; ``lenient`` uses today for a date that is not one."""
        app = reflect_app(self)
        raw_date = self.value("date")
        from reflect_tui.domain.dates import DATE_FORMS, parse_day

        typed = parse_day(raw_date)  # YYYY-MM-DD or day first (DD/MM/YYYY)
        if typed is not None:
            when_date = typed
        elif lenient:
            when_date = app.clock.now().date()
        else:
            raise UserError(
                f"The date {raw_date!r} is not a date: write it as {DATE_FORMS}, e.g. "
                f"{app.clock.now().date():%d/%m/%Y}."
            )
        now = app.clock.now()
        when = datetime.combine(when_date, now.time())
        header: dict[str, Any] = {
            "facilitator": self.value("facilitator"),
            "participants": split_names(self.value("participants")),
            "apologies": split_names(self.value("apologies")),
            "confidentiality": self.confidentiality(),
        }
        if self.template.kind is SessionKind.TEAM:
            header["team"] = self.value("who")
        else:
            header["subject"] = self.value("who")
        session = Session.start(
            self.template, self.value("title") or self.template.title, when, **header
        )
        session.created_at = now
        session.started_at = now
        carry_attendance(session)
        return session

    def action_start(self) -> None:
        from reflect_tui.ui.flows.followup import check_line_manager

        app = reflect_app(self)
        try:
            session = self.build_session()
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return

        from reflect_tui.services import sessions

        def go(session: Session) -> None:  # after the line-manager check (decompression)
            try:
                sessions.start(app.store, session)
            except UserError as err:
                self.query_one(Banner).show(str(err), error=True)
                return
            self._left = True
            self.forget_quit_hook()
            app.open_runner(session, replace=True)

        check_line_manager(app, session, go)

    def action_back(self) -> None:
        """Back to the templates; asks first when something was typed."""
        if not self.is_dirty():
            self.leave()
            return

        def answered(choice: str | None) -> None:
            if choice == "start":
                self.action_start()
            elif choice == "discard":
                self.leave()
            else:
                self.query_one("#title", Input).focus()

        self.app.push_screen(
            ChoiceScreen(
                "You have typed in this form. Start the session with it, throw it away, "
                "or keep editing?",
                [("start", "Start session", "s"), ("discard", "Discard", "d")],
                cancel=("Keep editing", "k"),
            ),
            answered,
        )

    def leave(self) -> None:
        self._left = True
        self.forget_quit_hook()
        self.app.switch_screen(TemplatePickerScreen())


#: The attendance question of the team templates ("Who is taking part?").
ATTENDANCE_FIELD = "present"


def carry_attendance(session: Session) -> None:
    """Put the header's participants into the attendance question, so nobody types them twice."""
    names = [n for n in [*session.participants] if n]
    if not names:
        return
    for step in session.template.steps:
        for f in step.fields:
            if f.id == ATTENDANCE_FIELD and f.kind is FieldKind.PEOPLE:
                if not session.answers.get(f.id):
                    session.answers[f.id] = list(names)
                return


def known_teams(app: ReflectApp) -> list[str]:
    """Team names from the roster and from earlier team sessions, A to Z."""
    from reflect_tui.followup.people import teams

    try:
        found = {*teams(app.store.people()), *(s.team for s in app.store.list_sessions())}
    except UserError:
        return []
    return sorted({t.strip() for t in found if t and t.strip()}, key=str.casefold)


def team_note(typed: str, known: list[str]) -> Text:
    """What the Team box means for follow-through: known, new, or maybe a known one."""
    name = typed.strip()
    if not name or not known:
        return Text("")
    if any(name.casefold() == k.casefold() for k in known):
        return Text("Known team: its open actions are carried into this session.", style="dim")
    from reflect_tui.ui.widgets.fuzzy import matches

    close = [k for k in known if matches(name, k)]
    text = Text()
    text.append("New team name. ", style="bold")
    if close:
        text.append(
            f"Did you mean {', '.join(close[:3])}? (→ accepts the suggestion.) "
            "Earlier actions only carry forward under the same team name."
        )
    else:
        text.append(
            "Nothing is carried forward from earlier sessions; known teams: "
            + ", ".join(known[:4])
            + ("…" if len(known) > 4 else "")
        )
    return text


def known_names(app: ReflectApp) -> list[str]:
    try:
        return sorted({p.name for p in app.store.people() if p.name})
    except UserError:
        return []
