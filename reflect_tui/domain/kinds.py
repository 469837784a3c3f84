"""The closed vocabularies stored records are written in: enums and nothing else.

Summaries, the index and home's facts name a session's status, kind and
confidentiality, and a field's kind; reading them must not load the session and
template models (a few dozen dataclasses, built at import). The models re-export
these names, so either import works.
"""

from __future__ import annotations

from enum import StrEnum


class FieldKind(StrEnum):
    TEXT = "text"
    LIST = "list"
    ACTIONS = "actions"
    RATING = "rating"
    CHECKLIST = "checklist"
    RISKS = "risks"
    CHOICE = "choice"
    DATETIME = "datetime"
    PEOPLE = "people"


class SessionKind(StrEnum):
    TEAM = "team"
    ONE_TO_ONE = "one-to-one"
    INDIVIDUAL = "individual"


class Confidentiality(StrEnum):
    SHARED = "shared"
    CONFIDENTIAL = "confidential"


class Status(StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
