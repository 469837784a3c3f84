"""The risk register: scores and bands as you type; unknown is never shown as low."""

from __future__ import annotations

from typing import Any

from host_app import SIZES, HostApp
from samples import RISKS, sample_value

from reflect_tui.domain.answers import RiskRow, risk_rows
from reflect_tui.domain.risk import Band
from reflect_tui.ui.widgets.risk_badge import RiskBadge


def badge(app: HostApp, selector: str, index: int = 0) -> RiskBadge:
    return app.editor.query(selector)[index]  # type: ignore[return-value]


async def test_row_score_and_band_follow_each_keystroke() -> None:
    app = HostApp(RISKS, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Dog at the address", "tab", "2")
        await pilot.pause()
        assert badge(app, ".risk-badge").band is Band.UNKNOWN
        assert "UNKNOWN" in str(badge(app, ".risk-badge").render())
        await pilot.press("tab", "2")
        await pilot.pause()
        assert badge(app, ".risk-badge").band is Band.MODERATE
        assert "4 MODERATE" in str(badge(app, ".risk-badge").render())
        await pilot.press("backspace", "5")
        await pilot.pause()
        assert badge(app, ".risk-badge").band is Band.HIGH
        await pilot.press("tab", *"Owner shuts it away", "tab", "1", "tab", "5")
        await pilot.pause()
        assert app.editor.value == [
            RiskRow("Dog at the address", 2, 5, "Owner shuts it away", 1, 5)
        ]
        assert badge(app, ".risk-residual-badge").band is Band.MODERATE
        assert set(app.changes) == {"risks"}
        assert len(app.changes) == len("Dog at the address" + "Owner shuts it away") + 6


async def test_highest_band_at_the_top_counts_unknown_above_moderate() -> None:
    app = HostApp(RISKS, [RiskRow("Dog", 2, 2)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert badge(app, ".risk-highest").band is Band.MODERATE
        texts = app.editor.query("Input.risk-text")
        hazards = [i for i in texts if not i.has_class("risk-controls")]
        hazards[-1].focus()
        await pilot.press(*"Night access", "tab", "?", "tab", "3")
        await pilot.pause()
        assert badge(app, ".risk-highest").band is Band.UNKNOWN
        await pilot.press("shift+tab", "backspace", "5", "tab", "backspace", "5")
        await pilot.pause()
        highest = badge(app, ".risk-highest")
        assert highest.band is Band.EXTREME and "25 EXTREME" in str(highest.render())
        await pilot.press("ctrl+delete")
        await pilot.pause()
        await pilot.pause()
        assert badge(app, ".risk-highest").band is Band.MODERATE


async def test_rating_outside_one_to_five_is_kept_flagged_and_counted_unknown() -> None:
    app = HostApp(RISKS, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Stairs", "tab", "7", "tab", "5")
        await pilot.pause()
        assert app.editor.query("Input.risk-l").first().value == "7"  # type: ignore[attr-defined]
        assert risk_rows(app.editor.value)[0].likelihood is None
        assert badge(app, ".risk-badge").band is Band.UNKNOWN
        [problem] = app.editor.problems
        assert '"7"' in problem and "1–5" in problem and "Stairs" in problem
        await pilot.press("shift+tab", "backspace", "1")
        await pilot.pause()
        assert app.editor.problems == []
        assert risk_rows(app.editor.value)[0].likelihood == 1
        assert badge(app, ".risk-badge").band is Band.MODERATE  # 1 x 5 = 5


async def test_empty_register_says_so_rather_than_showing_low() -> None:
    app = HostApp(RISKS, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "none yet" in str(badge(app, ".risk-highest").render())


@SIZES
def test_snapshot_risks(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HostApp(RISKS, sample_value(RISKS)), terminal_size=size)


@SIZES
def test_snapshot_risks_read_only(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HostApp(RISKS, sample_value(RISKS), read_only=True), terminal_size=size)


@SIZES
def test_snapshot_risks_room_mode(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HostApp(RISKS, sample_value(RISKS), room_mode=True), terminal_size=size)


@SIZES
def test_snapshot_risks_light_theme(snap_compare: Any, size: tuple[int, int]) -> None:
    app = HostApp(RISKS, sample_value(RISKS), theme="textual-light")
    assert snap_compare(app, terminal_size=size)


async def test_after_controls_says_unknown_while_any_residual_is_unknown() -> None:
    rows = [
        RiskRow("Dog", 4, 3, controls="Dog shut away", residual_likelihood=2, residual_severity=4),
        RiskRow("Night access", 3, 3, controls="Go in daylight"),  # residual not scored yet
    ]
    app = HostApp(RISKS, rows)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        after = badge(app, ".risk-highest-residual")
        assert after.band is Band.UNKNOWN
        shown = str(after.render())
        assert "UNKNOWN (1 not scored)" in shown and "HIGH" not in shown


async def test_a_read_only_risk_list_redraws_in_the_new_theme_colours() -> None:
    from rich.style import Style

    from reflect_tui.ui.widgets.risk_badge import band_style

    app = HostApp(RISKS, [RiskRow("Dog at the address", 4, 5)], read_only=True)

    def colours(style: Style) -> tuple[object, object]:
        assert style.color is not None and style.bgcolor is not None
        return style.color.triplet, style.bgcolor.triplet

    async with app.run_test(size=(80, 24)) as pilot:

        def expected() -> tuple[object, object]:
            return colours(Style.parse(band_style(app.editor.app, Band.EXTREME)))

        def extreme_colours() -> tuple[object, object]:
            shown = app.editor.query_one(".field-read-only")
            found = [
                colours(seg.style)
                for seg in shown.render_line(0)
                if "EXTREME" in seg.text and seg.style is not None and seg.style.bgcolor
            ]
            return found[0]

        before = extreme_colours()
        assert before == expected()
        app.theme = "gruvbox"
        await pilot.pause()
        await pilot.pause()
        after = extreme_colours()
        assert after == expected() and after != before
