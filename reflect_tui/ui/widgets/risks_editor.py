"""A risk register: hazards rated likelihood x severity, before and after controls.

Each row shows its score and coloured band as it is typed; the highest band of
the register is shown at the top. "?" (or an empty box) means "don't know",
which scores as UNKNOWN and ranks above moderate — never as low.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Input, Label, Static

from reflect_tui.domain import risk
from reflect_tui.domain.answers import RiskRow, risk_rows
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.risk_badge import RiskBadge, badge_text, band_style
from reflect_tui.ui.widgets.rows_editor import EditorRow, RowsEditor

#: Input class -> (RiskRow attribute, word used in messages).
RATINGS = {
    "risk-l": ("likelihood", "Likelihood"),
    "risk-s": ("severity", "Severity"),
    "risk-rl": ("residual_likelihood", "Likelihood after controls"),
    "risk-rs": ("residual_severity", "Severity after controls"),
}
LEGEND = "L = likelihood, S = severity, each 1–5 or ? if you don't know; score = L × S."


def parse_rating(text: str) -> tuple[int | None, bool]:
    """(rating, ok): ``""`` and ``"?"`` are "don't know"; anything but 1-5 is not ok."""
    text = text.strip()
    if text in ("", "?"):
        return None, True
    if text.isdigit() and risk.SCALE_MIN <= int(text) <= risk.SCALE_MAX:
        return int(text), True
    return None, False


def rating_text(value: int | None) -> str:
    return "" if value is None else str(value)


class RisksEditor(RowsEditor):
    """The value is ``list[RiskRow]``."""

    DEFAULT_CSS = css_beside(__file__, "risks_editor.tcss")
    ROW_NOUN = "hazard"

    def blank_item(self) -> RiskRow:
        return RiskRow(hazard="")

    def is_blank(self, item: Any) -> bool:
        ratings = (
            item.likelihood,
            item.severity,
            item.residual_likelihood,
            item.residual_severity,
        )
        return not item.hazard.strip() and not item.controls.strip() and ratings == (None,) * 4

    def compose_header(self) -> ComposeResult:
        # One line each, so the summary never clips in a narrow pane.
        with HorizontalGroup(classes="risk-summary"):
            yield Label("Highest risk:", classes="risk-summary-label")
            yield RiskBadge(classes="risk-highest")
        with HorizontalGroup(classes="risk-summary"):
            yield Label("After controls:", classes="risk-summary-label")
            yield RiskBadge(classes="risk-highest-residual")
        yield Static(LEGEND, classes="risk-legend")
        with HorizontalGroup(classes="row-header"):
            yield Label("Hazard / controls", classes="risk-text")
            yield Label("L", classes="risk-rating")
            yield Label("S", classes="risk-rating")
            yield Label("Score", classes="risk-badge-column")

    def compose_row(self, row: EditorRow) -> ComposeResult:
        item: RiskRow = row.item
        with HorizontalGroup(classes="row-line"):
            yield self.row_input("Add a hazard", item.hazard, classes="risk-text")
            yield self.row_input("L", rating_text(item.likelihood), classes="risk-rating risk-l")
            yield self.row_input("S", rating_text(item.severity), classes="risk-rating risk-s")
            yield RiskBadge(item.score, item.band, classes="risk-badge-column risk-badge")
            yield self.remove_button()
        with HorizontalGroup(classes="row-line risk-controls-line"):
            yield self.row_input(
                "controls: what reduces it", item.controls, classes="risk-text risk-controls"
            )
            yield self.row_input(
                "L", rating_text(item.residual_likelihood), classes="risk-rating risk-rl"
            )
            yield self.row_input(
                "S", rating_text(item.residual_severity), classes="risk-rating risk-rs"
            )
            yield RiskBadge(
                item.residual_score,
                item.residual_band,
                classes="risk-badge-column risk-residual-badge",
            )
            yield Label("", classes="risk-spacer")

    def on_mount(self) -> None:
        if not self.read_only:  # read-only draws the highest band in its text instead
            self.call_after_refresh(self._show_highest)
        else:  # its Rich text holds the theme's band colours: redraw it on a new theme
            self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw_text())

    def _redraw_text(self) -> None:
        for shown in self.query(".field-read-only"):
            if isinstance(shown, Static):
                shown.update(self.read_only_text())

    def apply_input(self, row: EditorRow, field_input: Input) -> None:
        item: RiskRow = row.item
        if field_input.has_class("risk-controls"):
            item.controls = field_input.value
        elif field_input.has_class("risk-text"):
            item.hazard = field_input.value
        else:
            css_class = next(c for c in RATINGS if field_input.has_class(c))
            attribute, word = RATINGS[css_class]
            rating, ok = parse_rating(field_input.value)
            setattr(item, attribute, rating)
            key = f"{row.key}:{css_class}"
            field_input.set_class(not ok, "-bad")
            if ok:
                self.set_problem(key, None)
            else:
                hazard = item.hazard.strip()
                where = f" ({hazard})" if hazard else ""
                self.set_problem(
                    key,
                    f'{word} "{field_input.value.strip()}"{where} must be 1–5, or ? if you '
                    "don't know. Your text is kept; it counts as unknown until fixed.",
                )
        row.query_one(".risk-badge", RiskBadge).show(item.score, item.band)
        row.query_one(".risk-residual-badge", RiskBadge).show(
            item.residual_score, item.residual_band
        )

    def is_unstored(self, row: EditorRow, field_input: Input) -> bool:
        if not any(field_input.has_class(c) for c in RATINGS):
            return False
        return not parse_rating(field_input.value)[1]

    def after_change(self) -> None:
        self._show_highest()

    def _show_highest(self) -> None:
        rows = [r for r in risk_rows(self._value) if not self.is_blank(r)]
        for css_class, pairs in (
            (".risk-highest", [(r.score, r.band) for r in rows]),
            (".risk-highest-residual", [(r.residual_score, r.residual_band) for r in rows]),
        ):
            # None while read-only (the text shows the band) or before the header mounts.
            found = [w for w in self.query(css_class) if isinstance(w, RiskBadge)]
            if not found:
                continue
            badge = found[0]
            top = risk.highest([band for _, band in pairs])
            if top is None:
                badge.show(None, risk.Band.UNKNOWN, text="none yet")
                badge.add_class("-empty")
                continue
            badge.remove_class("-empty")
            unknown = sum(1 for _, band in pairs if band is risk.Band.UNKNOWN)
            if unknown:
                # An unknown is never summarised away by a known score: it needs attention.
                # (Each row's own badge still shows its known score.)
                badge.show(None, risk.Band.UNKNOWN, text=f"UNKNOWN ({unknown} not scored)")
                continue
            scores = [s for s, b in pairs if b is top and s is not None]
            badge.show(max(scores) if scores else None, top)

    def row_text(self, item: Any) -> Text:
        text = Text(f"• {item.hazard} ")
        text.append(
            f" {badge_text(item.score, item.band).strip()} ", style=band_style(self.app, item.band)
        )
        if item.controls.strip() or item.residual_score is not None:
            text.append(f"\n  controls: {item.controls.strip() or '—'} ")
            text.append(
                f" {badge_text(item.residual_score, item.residual_band).strip()} ",
                style=band_style(self.app, item.residual_band),
            )
        return text

    def read_only_text(self) -> Text:
        rows = list(risk_rows(self._value))
        top = risk.highest([r.band for r in rows])
        if top is None:
            return Text(self.EMPTY_TEXT)
        head = Text("Highest risk: ", style="bold")
        head.append(f" {top.value.upper()} ", style=band_style(self.app, top))
        return head + Text("\n") + super().read_only_text()
