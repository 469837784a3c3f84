"""A date with an optional time of day, kept as ISO text."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Input, Label

from reflect_tui.domain.answers import Value, text_of
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.dates import DATE_HINT, TIME_HINT, parse_date, parse_time
from reflect_tui.ui.widgets.editor_base import FieldEditor


def split_iso(value: str) -> tuple[str, str]:
    """("YYYY-MM-DD", "HH:MM") from a stored value ("" parts where unset)."""
    day, _, time = value.partition("T")
    return day, time[:5]


class DateTimeEditor(FieldEditor):
    """The value is "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "" (unset).

    While the date or time typed is not valid the value is "" and the text stays
    in its input with a message saying what to type.
    """

    DEFAULT_CSS = css_beside(__file__, "datetime_editor.tcss")

    def normalise(self, value: Value) -> Value:
        return text_of(value)

    def compose_body(self) -> ComposeResult:
        day, time = split_iso(text_of(self._value))
        with HorizontalGroup(classes="datetime-line"):
            yield Label("Date", classes="datetime-caption")
            yield self.quiet(
                Input(
                    day,
                    placeholder="YYYY-MM-DD",
                    compact=True,
                    classes="datetime-date",
                    select_on_focus=False,
                )
            )
            yield Label("Time", classes="datetime-caption")
            yield self.quiet(
                Input(
                    time,
                    placeholder="HH:MM",
                    compact=True,
                    classes="datetime-time",
                    select_on_focus=False,
                )
            )
            yield Label("(time optional)", classes="datetime-hint")

    def read_only_text(self) -> Text:
        day, time = split_iso(text_of(self._value))
        return Text(f"{day} {time}".strip() or self.EMPTY_TEXT)

    def _compute(self, *, final: bool) -> None:
        day_text = self.query_one(".datetime-date", Input).value.strip()
        time_text = self.query_one(".datetime-time", Input).value.strip()
        day = parse_date(day_text) if day_text else None
        time = parse_time(time_text) if time_text else None
        date_bad = bool(day_text) and day is None
        time_bad = bool(time_text) and time is None
        self._flag(
            "date",
            date_bad and (final or len(day_text) >= len("YYYY-MM-DD") or "date" in self._problems),
            f'"{day_text}" is not a date — {DATE_HINT}.',
        )
        self._flag(
            "time",
            time_bad and (final or len(time_text) >= len("HH:MM") or "time" in self._problems),
            f'"{time_text}" is not a time — {TIME_HINT}.',
        )
        self._flag(
            "time-without-date",
            bool(time) and not day_text,
            "Add a date for this time (the time alone is not saved).",
        )
        self._echo(day, day_text)
        if day is None or time_bad:
            self.set_value("")
        else:
            self.set_value(day.isoformat() + (f"T{time}" if time else ""))

    def _echo(self, day: date | None, typed: str) -> None:
        """A day-first date is said back in words, so the reader sees how it was read."""
        from reflect_tui.domain.dates import in_words, is_iso

        words = in_words(day) if day is not None and not is_iso(typed) else ""
        hint = f"{words} (time optional)" if words else "(time optional)"
        self.query_one(".datetime-hint", Label).update(hint)

    def pending_text(self) -> dict[str, str]:
        day_text = self.query_one(".datetime-date", Input).value.strip()
        time_text = self.query_one(".datetime-time", Input).value.strip()
        pending: dict[str, str] = {}
        if day_text and parse_date(day_text) is None:
            pending["date"] = day_text
        if time_text and (parse_time(time_text) is None or not day_text):
            pending["time"] = time_text
        if pending and day_text:  # keep the pair together: one box alone is not the answer
            pending.setdefault("date", day_text)
        if pending and time_text:
            pending.setdefault("time", time_text)
        return pending

    def restore_pending(self, texts: dict[str, str]) -> None:
        boxes = {"date": ".datetime-date", "time": ".datetime-time"}
        for key, text in texts.items():
            if key in boxes:
                self.query_one(boxes[key], Input).value = text
        if texts:
            self._compute(final=True)

    def _flag(self, key: str, bad: bool, message: str) -> None:
        self.set_problem(key, message if bad else None)
        css_class = ".datetime-time" if key == "time" else ".datetime-date"
        if key != "time-without-date":
            self.query_one(css_class, Input).set_class(bad, "-bad")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._compute(final=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._compute(final=True)
        self.screen.focus_next()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, Input):
            self._compute(final=True)
