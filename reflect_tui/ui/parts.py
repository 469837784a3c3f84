"""Small pieces every screen shares: the top bar, the error banner, confirmation.

The top bar always says which session is open, whether it is confidential and
whether this window is read-only, so nobody types into the wrong thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.widgets import Static

from reflect_tui.ui.theme_style import themed
from reflect_tui.ui.widgets._css import css_beside

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from reflect_tui.store.summary import SessionSummary
    from reflect_tui.ui.app import ReflectApp


def reflect_app(node: MessagePump) -> ReflectApp:
    """The running ReflectApp, typed (``node.app`` is a plain ``App``)."""
    return cast("ReflectApp", node.app)


def summary_line(s: SessionSummary) -> Text:
    """One row of the session list: date, status, template, title, who."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{s.date}  ", style="dim")
    if str(s.status) == "draft":
        step = f"step {int(s.current_step) + 1}/{s.step_count}" if s.step_count else "draft"
        text.append(f"▶ {step:<10} ", style="bold")
    else:
        text.append("✓ complete   ", style=themed("$success"))
    if str(s.confidentiality) == "confidential":
        text.append("CONFIDENTIAL ", style=themed("bold $error"))
    text.append(f"{s.title}", style="bold")
    text.append(f"  {s.template_title}", style="dim")
    who = s.team or s.subject
    if who:
        text.append(f" · {who}", style="dim")
    return text


def without_front_matter(markdown: str) -> str:
    """The record as a person reads it: the YAML block is for machines, not the preview."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[end + 5 :].lstrip("\n")
    return markdown


CONFIDENTIAL_MARK = "CONFIDENTIAL"


class TopBar(Static):
    """One line: where you are, the session, confidentiality, read-only state."""

    DEFAULT_CSS = css_beside(__file__, "top_bar.tcss")

    def __init__(self, place: str, *, session_title: str = "", confidential: bool = False) -> None:
        super().__init__(id="top-bar")
        self.place = place
        self.session_title = session_title
        self.confidential = confidential

    def on_mount(self) -> None:
        self.refresh_bar()

    def refresh_bar(self) -> None:
        app = reflect_app(self)
        text = Text()
        text.append("reflect", style="bold")
        text.append(f" · {self.place}")
        if self.session_title:
            text.append(f" · {self.session_title}")
        if self.confidential:
            text.append("  ")
            text.append(f" {CONFIDENTIAL_MARK} ", style=themed("bold $text on $error"))
        if app.store.read_only:
            text.append("  ")
            text.append(" READ-ONLY ", style=themed("bold $background on $warning"))
        self.update(text)


class Banner(Static):
    """A persistent message across the screen (read-only store, save failures).

    Hidden while empty; it never disappears on its own, so a problem cannot be
    missed.
    """

    DEFAULT_CSS = css_beside(__file__, "banner.tcss")

    def show(self, message: str, *, error: bool = False) -> None:
        self.update(message)
        self.set_class(error, "-error")
        self.add_class("-shown")

    def clear(self) -> None:
        self.update("")
        self.remove_class("-shown", "-error")


def read_only_message(app: ReflectApp) -> str:
    reason = app.store.read_only_reason or "This data is open read-only."
    return f"{reason} You can read everything here; changes are not possible in this window."
