"""The actions a session owns: the one derivation the actions table, lists and carry-forward
use. Private fields' actions and copies of other sessions' actions are not owned; each owned
action carries the confidentiality of its session."""

from __future__ import annotations

from datetime import datetime

from reflect_tui.domain.actions import owned_actions
from reflect_tui.domain.answers import ActionItem
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Confidentiality
from reflect_tui.templates import TemplateLibrary, parse_template

PRIVATE_ACTIONS = """\
---
id: huddle
title: Huddle
kind: team
confidentiality: shared
version: 1
---

# Huddle

## Actions {#actions}

Agree what happens next.

```field
id: actions
kind: actions
label: What we agreed
```

```field
id: mine
kind: actions
label: Only the facilitator's
private: yes
```
"""


def test_the_actions_a_session_owns_leave_out_private_fields_and_copies() -> None:
    t = parse_template(PRIVATE_ACTIONS, "huddle.md")
    s = Session.start(t, "Huddle", datetime(2026, 10, 1, 9), team="North")
    s.answers["actions"] = [
        ActionItem(what="Book the room", created_in=s.id),
        ActionItem(what="Carried in from elsewhere", created_in="someone-else"),
    ]
    s.answers["mine"] = [ActionItem(what="PRIVATE check on Bo")]
    s.status = Status.COMPLETE
    owned = owned_actions(s)
    assert [(o.action.what, o.field_id) for o in owned] == [("Book the room", "actions")]
    assert all(o.confidentiality is Confidentiality.SHARED for o in owned)


def test_every_owned_action_knows_the_confidentiality_of_its_session() -> None:
    team = TemplateLibrary.from_dirs([]).get("team-reflection")
    s = Session.start(
        team, "North", datetime(2026, 10, 1, 9), confidentiality=Confidentiality.CONFIDENTIAL
    )
    s.answers["actions"] = [ActionItem(what="Ring HR", created_in=s.id)]
    assert [o.confidentiality for o in owned_actions(s)] == [Confidentiality.CONFIDENTIAL]
