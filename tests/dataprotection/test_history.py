"""Reopening keeps what was finished and when; a supervision record can be signed off."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from followup_samples import open_store, saved, session

from reflect_tui.dataprotection import history
from reflect_tui.domain.session import Session, Status
from reflect_tui.errors import UserError


def test_reopening_twice_keeps_both_finished_versions_and_the_first_finish_time() -> None:
    s = session("supervision-one-to-one", date(2026, 10, 1), subject="Bo Lind")
    first = datetime(2026, 10, 1, 11, 0)
    s.finished_at = first
    s.answers["decisions"] = "Agreed to hand over two cases"
    history.reopen(s, datetime(2026, 10, 2, 9, 0), "jo")
    assert s.status is Status.DRAFT and s.finished_at is None
    s.answers["decisions"] = "Agreed to hand over three cases"
    s.status, s.finished_at = Status.COMPLETE, datetime(2026, 10, 2, 9, 30)
    history.reopen(s, datetime(2026, 10, 3, 9, 0), "sam")
    versions = history.versions(s)
    assert [v.record["answers"]["decisions"] for v in versions] == [
        "Agreed to hand over two cases",
        "Agreed to hand over three cases",
    ]
    assert history.first_finished(s) == first
    assert history.describe(s) == [
        "Version 1: finished 2026-10-01 11:00; reopened 2026-10-02 09:00 by jo.",
        "Version 2: finished 2026-10-02 09:30; reopened 2026-10-03 09:00 by sam.",
    ]
    again = Session.from_dict(s.to_dict())  # it survives the store's round trip
    assert history.describe(again) == history.describe(s)


def test_the_history_is_kept_in_the_store(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        s = session("supervision-one-to-one", date(2026, 10, 1), subject="Bo Lind")
        s.finished_at = datetime(2026, 10, 1, 11, 0)
        history.reopen(s, datetime(2026, 10, 2, 9, 0), "jo")
        saved(store, s)
        assert len(history.versions(store.get_session(s.id))) == 1


def test_sign_off_says_who_agreed_and_when() -> None:
    s = session("supervision-one-to-one", date(2026, 10, 1), subject="Bo Lind")
    when = datetime(2026, 10, 1, 12, 0)
    history.sign_off(s, "  Bo Lind ", when, "Happy with the record")
    agreed = history.signed_off(s)
    assert agreed is not None and (agreed.agreed_by, agreed.at) == ("Bo Lind", when)
    with pytest.raises(UserError, match="who agreed"):
        history.sign_off(s, " ", when)
