"""A store where one person, Zed Canary, is held in every way a person can be held."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from followup_samples import open_store, saved, session

from reflect_tui.domain.answers import ActionItem
from reflect_tui.domain.people import Person
from reflect_tui.minutes import save_minutes_on_finish
from reflect_tui.store import Store

ABOUT_ZED = [
    b"ZED-SUBJECT-CANARY",
    b"ZED-PRIVATE-CANARY",
    b"ZED-ACTION-CANARY",
    b"ZED-TEAM-CANARY",
    b"ZED-MENTION-CANARY",
]
ABOUT_OTHERS = [b"BO-ONLY-CANARY", b"BO-PRIVATE-CANARY", b"CY-ONLY-CANARY"]


def build(tmp_path: Path) -> Path:
    with open_store(tmp_path) as store:
        store.save_people(
            [Person("Zed Canary", role="Practitioner", team="North", line_manager="Alex Rowe")]
        )
        bo = next(p for p in store.people() if p.name == "Bo Lind")
        bo.line_manager = "Zed Canary"
        store.save_person(bo)
        own = session(
            "supervision-one-to-one",
            date(2026, 9, 1),
            subject="Zed Canary",
            facilitator="Alex Rowe",
            actions=(ActionItem(what="Book ZED-ACTION-CANARY course", owner="Zed Canary"),),
            answers={
                "decisions": "ZED-SUBJECT-CANARY decided",
                "impact": "ZED-PRIVATE-CANARY felt",
                "wellbeing": 4,
            },
        )
        team = session(
            "team-reflection",
            date(2026, 9, 2),
            team="North",
            answers={"what-happened": "ZED-TEAM-CANARY: zed canary led the visit"},
        )
        team.participants = ["Zed Canary", "Bo Lind"]
        others = session(
            "supervision-one-to-one",
            date(2026, 9, 3),
            subject="Bo Lind",
            facilitator="Zed Canary",
            answers={"decisions": "BO-ONLY-CANARY", "impact": "BO-PRIVATE-CANARY"},
        )
        mention = session(
            "decompression",
            date(2026, 9, 4),
            subject="Cy Marsh",
            answers={
                "notes": "Said Zed  Canary helped ZED-MENTION-CANARY",
                "check-in": "CY-ONLY-CANARY",
            },
        )
        saved(store, own, team, others, mention)
        save_minutes_on_finish(store, store.get_session(team.id))
    for _ in range(2):  # backups that hold all of it
        with Store.open(tmp_path / "data") as store:
            store.set_setting("do_not_share", ["Zed Canary"])
    return tmp_path / "data"
