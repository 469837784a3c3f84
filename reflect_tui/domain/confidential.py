"""Where confidential content may go: every rule in one place.

Minutes, the CLI lists, the report and the screens all ask this module, so a
rule is written once and moves in one piece when sessions become typed records.

The rules:

1. Anything derived from a confidential session stays confidential: an action
   it agreed and carried into a later *shared* session, an outcome note typed
   in it about an earlier shared session's action, a debrief started from a
   confidential plan. Shared minutes say only that an action from a
   confidential session was reviewed (no text, owner, title or date), unless
   the person confirmed that this action may be shown (``disclosed``).
2. Lists (``reflect actions``, ``due``, ``list``) leave confidential sessions'
   details out unless asked with ``--confidential``; room-visible screens (room
   mode or the "shared screen" setting) hide confidential records and their
   actions entirely, keeping at most a count.
3. Consent decides tags: a session whose template asks for consent to use its
   themes has no tags outside its own record until consent is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from reflect_tui.domain.kinds import Confidentiality

if TYPE_CHECKING:
    from reflect_tui.domain.followup import CarriedAction, FollowUp
    from reflect_tui.domain.session import Session
    from reflect_tui.domain.template import Field

# The store setting that makes every screen behave as if it were on a projector.
SHARED_SCREEN_SETTING = "shared_screen"  # the key of Settings.shared_screen

CONSENT_FIELD = "theme-consent"
# Templates whose sessions never share tags unless consent is recorded, even if
# an old snapshot lacks the consent field.
CONSENT_REQUIRED_TEMPLATES = frozenset({"decompression"})
_CONSENTING = frozenset({"yes", "given", "consent given", "agreed", "i agree", "consented"})
_REFUSING = frozenset({"no", "refused", "not given", "declined"})

# What shared minutes say in place of a confidential carried action.
CONFIDENTIAL_CARRIED_TEXT = "An action from a confidential session was reviewed."
CONFIDENTIAL_FOLLOW_UP_TEXT = "reviewed in a later session"


class Settings(Protocol):
    def get_setting(self, key: str, default: object = None) -> object: ...


def shared_screen(settings: Settings) -> bool:
    """The store's "shared screen" setting: every screen behaves as in room mode."""
    from reflect_tui.domain.settings import shared_screen_on

    return shared_screen_on(settings)


class HasConfidentiality(Protocol):
    @property
    def confidentiality(self) -> Confidentiality: ...


def is_confidential(record: HasConfidentiality) -> bool:
    """A session, summary or anything else that carries a confidentiality."""
    return record.confidentiality is Confidentiality.CONFIDENTIAL


def listed(record: HasConfidentiality, *, include_confidential: bool) -> bool:
    """Whether a list shows this record's details (``--confidential`` shows all)."""
    return include_confidential or not is_confidential(record)


def shown_on_screen(record: HasConfidentiality, *, room: bool) -> bool:
    """Whether a room-visible screen may show this record (or its actions) at all."""
    return not (room and is_confidential(record))


def carried_detail_shown(carried: CarriedAction, *, into_confidential: bool) -> bool:
    """Whether a carried action's text, owner, source and dates may appear with it.

    Always inside a confidential session (its minutes are confidential too);
    in a shared session only when the action did not come from a confidential
    session or the person confirmed it may be shown.
    """
    return into_confidential or not carried.confidential or carried.disclosed


def follow_up_detail_shown(line: FollowUp) -> bool:
    """Whether a follow-up line may give its date, note and deciding session's title.

    Not when it was decided in a confidential session and lives in a shared one.
    """
    return not line.confidential


def field_shown(field: Field, *, include_private: bool = False) -> bool:
    """Whether a field's answer may appear outside the record itself (minutes, lists, the
    actions table, search results, the room): never a private field's, unless asked."""
    return include_private or not field.private


def derived_confidentiality(origin: HasConfidentiality) -> Confidentiality:
    """The confidentiality of something started from ``origin`` (a debrief of a plan)."""
    return Confidentiality.CONFIDENTIAL if is_confidential(origin) else Confidentiality.SHARED


# ------------------------------------------------------------------ consent


def _words(answer: str) -> str:
    return " ".join(answer.casefold().replace("’", "'").split())


def consent_state(session: Session) -> str:
    """``"given"``, ``"refused"``, ``"open"`` (asked, not answered yet) or ``"not asked"``."""
    if session.template.field_by_id(CONSENT_FIELD) is None:
        return "open" if session.template.id in CONSENT_REQUIRED_TEMPLATES else "not asked"
    answer = session.answers.get(CONSENT_FIELD)
    if not isinstance(answer, str) or not answer.strip():
        return "open"
    words = _words(answer)
    first = words.split(" ", 1)[0].strip(",.;:-—")
    if words in _CONSENTING or first == "yes":
        return "given"
    if words in _REFUSING or first == "no":
        return "refused"
    return "open"  # "Decide at the end of the session", or anything else


def consent_given(session: Session) -> bool:
    """Whether the session's themes may feed the thematic report."""
    return consent_state(session) in ("given", "not asked")


def consent_open(session: Session) -> bool:
    """Consent is asked for but not answered: finishing must ask for it first."""
    return (
        session.template.field_by_id(CONSENT_FIELD) is not None and consent_state(session) == "open"
    )


def shareable_themes(session: Session) -> list[str]:
    """The tags that may appear outside the session's own record (front matter, lists).

    Never a private field's tags; none at all until consent is given where it is asked.
    """
    if not consent_given(session):
        return []
    return session.themes(include_private=False)


def record_consent(session: Session, given: bool) -> str:
    """Answer the consent question with the template's own wording; returns the answer."""
    field = session.template.field_by_id(CONSENT_FIELD)
    wanted = "given" if given else "refused"
    answer = "Yes" if given else "No"
    if field is not None:
        for option in field.options:
            from reflect_tui.domain.session import Session

            probe = Session(session.template, "", session.date, answers={CONSENT_FIELD: option})
            if consent_state(probe) == wanted:
                answer = option
                break
    session.answers[CONSENT_FIELD] = answer
    return answer
