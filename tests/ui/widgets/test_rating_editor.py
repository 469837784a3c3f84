"""The rating editor: arrows and digits on the field's scale, with the scale's words."""

from __future__ import annotations

from typing import Any

from host_app import SIZES, HostApp
from samples import RATING

from reflect_tui.domain.template import Field, FieldKind, Scale


def label(app: HostApp) -> str:
    return str(app.editor.query_one(".rating-label").render())


async def test_arrows_and_digits_set_the_rating_and_its_label() -> None:
    app = HostApp(RATING, None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "not rated" in label(app)
        await pilot.press("right")
        assert app.editor.value == 1
        assert "really struggling" in label(app)
        await pilot.press("7")
        assert app.editor.value == 7
        assert label(app) == "7 of 10 — doing well"
        await pilot.press("left", "left")
        assert app.editor.value == 5
        assert "getting by" in label(app)
        await pilot.press("1", "0")
        assert app.editor.value == 10
        await pilot.press("delete")
        assert app.editor.value is None
        assert "not rated" in label(app)
        assert app.changes == ["wellbeing"] * 7


async def test_out_of_range_digit_keeps_the_rating_and_explains() -> None:
    app = HostApp(RATING, 4)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("0")
        assert app.editor.value == 4
        assert app.changes == []
        [problem] = app.editor.problems
        assert "1 to 10" in problem and "unchanged" in problem
        await pilot.press("3")
        assert app.editor.value == 3
        assert app.editor.problems == []


async def test_two_digit_points_on_a_five_to_twelve_scale() -> None:
    field = Field(id="r", kind=FieldKind.RATING, label="Energy", scale=Scale(5, 12))
    app = HostApp(field, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")  # could become 10, 11 or 12
        assert app.editor.value is None and app.editor.problems == []
        await pilot.press("2")
        assert app.editor.value == 12
        await pilot.press("3")
        assert app.editor.value == 12
        assert len(app.editor.problems) == 1


async def test_clicking_a_point_rates_it() -> None:
    app = HostApp(RATING, None)
    async with app.run_test(size=(80, 24)) as pilot:
        strip = app.editor.query_one(".rating-strip")
        spans = strip._spans  # type: ignore[attr-defined]
        start, _ = spans[2]
        await pilot.click(strip, offset=(start + 2, 0))
        assert app.editor.value == 3


async def test_stored_value_outside_the_scale_shows_as_not_rated() -> None:
    app = HostApp(RATING, 42)
    async with app.run_test(size=(80, 24)):
        assert app.editor.value is None


@SIZES
def test_snapshot_rating(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HostApp(RATING, 6), terminal_size=size)


@SIZES
def test_snapshot_rating_out_of_range(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HostApp(RATING, None), press=["0"], terminal_size=size)
