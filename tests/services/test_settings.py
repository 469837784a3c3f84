"""One typed Settings object over the store's settings table."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from services_samples import NOW

from reflect_tui.dataprotection import retention
from reflect_tui.domain import settings
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.settings import Settings, save
from reflect_tui.domain.themes import DEFAULT_THEMES
from reflect_tui.errors import UserError
from reflect_tui.followup.cadence import Cadence, load_cadence, save_cadence
from reflect_tui.minutes import private_names
from reflect_tui.report import vocabulary
from reflect_tui.store import Store


class Recording:
    """A settings table in memory that remembers which keys were written."""

    def __init__(self, values: dict[str, object] | None = None) -> None:
        self.values = dict(values or {})
        self.written: list[str] = []

    def get_setting(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)

    def set_setting(self, key: str, value: object) -> None:
        self.values[key] = value
        self.written.append(key)


def test_a_new_store_has_the_defaults() -> None:
    s = Settings.load(Recording())
    assert s == Settings()
    assert (s.bin_days, s.auto_lock_minutes, s.time_signal, s.shared_screen) == (
        30,
        10,
        True,
        False,
    )
    assert s.vocabulary == list(DEFAULT_THEMES)
    assert (s.decompression_months, s.supervision_weeks) == (3, 4)


def test_a_hand_edited_value_that_makes_no_sense_falls_back_to_its_default() -> None:
    s = Settings.load(
        Recording(
            {
                "bin_days": "soon",
                "auto_lock_minutes": "later",
                "cadence": {"decompression_months": 99, "supervision_weeks": True},
                "shared_screen": "yes",
                "retention": {"team": "never", "one-to-one": 365},
                "do_not_share": ["  Jo   Bloggs ", "", 7],
            }
        )
    )
    assert (s.bin_days, s.auto_lock_minutes, s.shared_screen) == (30, 10, False)
    assert (s.decompression_months, s.supervision_weeks) == (3, 4)
    assert s.retention == {"team": None, "one-to-one": 365}
    assert s.do_not_share == ("Jo Bloggs", "7")


def test_a_damaged_theme_list_is_reported_not_replaced_by_the_defaults() -> None:
    source = Recording({"themes": "workload, rota"})
    assert Settings.load(source).themes_problem is not None
    with pytest.raises(UserError, match="reflect themes reset"):
        vocabulary.load(source)


def test_saving_writes_only_what_changed() -> None:
    source = Recording({"bin_days": 14, "theme": "nord"})
    current = Settings.load(source)
    assert save(source, replace(current, time_signal=False)) == [settings.TIME_SIGNAL]
    assert save(source, Settings.load(source)) == []
    assert source.values == {"bin_days": 14, "theme": "nord", "time_signal": False}


def test_the_modules_that_own_a_setting_read_and_write_it_through_settings(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path / "data", FixedClock(NOW)) as store:
        save_cadence(store, Cadence(2, 6))
        private_names.add_names(store, ["Jo Bloggs"])
        private_names.add_pattern(store, r"CRN\d{6}")
        retention.set_period(store, "team", 400)
        vocabulary.save(store, ["workload", "rota"])
    with Store.open(tmp_path / "data", FixedClock(NOW)) as store:
        s = Settings.load(store)
        assert load_cadence(store) == Cadence(2, 6)
        assert s.do_not_share == ("Jo Bloggs",)
        assert s.reference_patterns == (r"CRN\d{6}",)
        assert retention.periods(store)["team"] == 400
        assert vocabulary.load(store) == ["workload", "rota"]
        assert store.get_setting("cadence") == {"decompression_months": 2, "supervision_weeks": 6}


def test_every_setting_has_a_key_in_the_stored_form() -> None:
    assert len(Settings().stored()) == len(settings.setting_names()) - 1  # cadence is two fields
