"""The pre-export privacy check: likely identifiers in the text that would leave.

It looks for e-mail addresses, UK phone numbers, NHS numbers (with a valid
check digit), National Insurance numbers, UK postcodes, addresses without a
postcode (a house or flat number with a street word), dates of birth (near a
birth word, or alone in brackets), case and reference numbers (configurable
patterns, ``reference_patterns``) and names: the store's "do not share" list,
the store's people who were not in the session, and names found without a list
(``minutes.names``: titles, first names, name-shaped pairs). It flags; it
never edits. Each finding says where it is, so the app can jump to the field
and the CLI can name it.

The rules, in plain words, are in docs/minutes.md ("The privacy check").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from reflect_tui.domain.answers import ActionItem, ChecklistEntry, ListItem, RiskRow
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import FieldKind
from reflect_tui.errors import UserError
from reflect_tui.minutes import rules
from reflect_tui.minutes.card import CARD_FIELD_IDS
from reflect_tui.minutes.followup import follow_up_texts
from reflect_tui.minutes.names import (
    do_not_share_parts,
    do_not_share_pattern,
    heuristic_names,
    name_before,
)


class Kind(StrEnum):
    EMAIL = "e-mail address"
    PHONE = "phone number"
    NHS_NUMBER = "NHS number"
    NI_NUMBER = "National Insurance number"
    POSTCODE = "postcode"
    DATE_OF_BIRTH = "date of birth"
    NAME = "name"
    REFERENCE = "case or reference number"
    ADDRESS = "address"


@dataclass(frozen=True)
class Finding:
    """One likely identifier. ``line`` and ``column`` are 1-based within the scanned text.

    From ``check_session_privacy`` the scanned text is one field's value (or one
    part of one row, see ``item`` and ``part``), and ``step_id``/``field_id``
    say which field; ``field_id`` is ``"title"`` for the session title.
    """

    kind: Kind
    text: str
    line: int
    column: int
    step_id: str | None = None
    field_id: str | None = None
    item: int | None = None
    part: str | None = None
    where: str = ""
    reason: str = ""

    def describe(self) -> str:
        """One line for a person: what, which text, where."""
        place = self.where or "text"
        extra = f" ({self.reason})" if self.reason else ""
        return f"{place}, line {self.line} column {self.column}: {self.kind} {self.text!r}{extra}"


# --- the detectors -------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])"
)

# A UK number: +44 / 0044 (optionally "(0)") or a leading 0, then 9-10 more digits in
# groups separated by one space, hyphen or dot (brackets allowed round the area code).
_PHONE = re.compile(
    r"(?<![\w+/-])(?<!\d\.)"
    r"(?:(?:\+|00)44[ .-]?(?:\(0\)[ .-]?)?\(?|\(?0)"
    r"\d(?:[ .-]?\)?[ .-]?\d){8,9}"
    r"(?!\w|[/.,-]\d)"
)

_NHS = re.compile(r"(?<![\w/-])(?<!\d\.)\d{3}([ -]?)\d{3}\1\d{4}(?!\w|[/.,-]\d)")

# NI number: two prefix letters (D, F, I, Q, U, V never; O never second), six digits,
# an optional suffix A-D; spaces allowed between the pairs.
_NI = re.compile(
    r"(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])?"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_NI_NEVER = frozenset({"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})

# UK postcode: outward code (A9, A99, A9A, AA9, AA99, AA9A) and inward code (9AA).
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])("
    r"(?:[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|\d\d|[A-HK-Y]\d[ABEHMNPRV-Y]?|[A-HK-Y]\d\d))"
    r" ?\d[ABD-HJLNP-UW-Z]{2}"
    r"|GIR ?0AA)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"  # 03/04/1985, 3.4.85
    r"|\d{4}-\d{1,2}-\d{1,2}"  # 1985-04-03
    r"|\d{1,2}(?:st|nd|rd|th)?(?: of)? " + _MONTH + r"\.?,? (?:\d{4}|'?\d{2})"  # 3rd Apr 85
    r"|" + _MONTH + r"\.? \d{1,2}(?:st|nd|rd|th)?,? (?:\d{4}|'?\d{2})"  # April 3, 1985
    r")(?![\w/]|[.-]\d)",
    re.IGNORECASE,
)
# Words that make a nearby date a date of birth.
_BIRTH_WORDS = re.compile(
    r"\b(?:d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s*date|birthday|born|b\.d\.)",
    re.IGNORECASE,
)
BIRTH_WINDOW_BEFORE = 40
BIRTH_WINDOW_AFTER = 20


def nhs_check_digit_ok(digits: str) -> bool:
    """The NHS number rule: weights 10..2 on the first nine digits, 11 - (sum mod 11);
    11 means 0, 10 means the number is invalid."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def uk_phone_ok(raw: str) -> bool:
    """Digit count and prefix of a UK number (national 10 or 11 digits after the 0)."""
    digits = re.sub(r"\D", "", raw)
    stripped = raw.lstrip("(").lstrip()
    if stripped.startswith("+44") or stripped.startswith("0044"):
        digits = digits[2:] if stripped.startswith("+") else digits[4:]
        if raw.replace(" ", "").find("(0)") != -1:
            digits = digits[1:]
        national = "0" + digits
    else:
        national = digits
    if len(national) == 11:
        return national[1] in "1235789"
    if len(national) == 10:
        return national.startswith(("01", "0800", "0500"))
    return False


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: Kind
    reason: str = ""


_PRIORITY = {
    Kind.EMAIL: 0,
    Kind.NHS_NUMBER: 2,
    Kind.PHONE: 3,
    Kind.NI_NUMBER: 4,
    Kind.DATE_OF_BIRTH: 5,
    Kind.POSTCODE: 6,
    Kind.REFERENCE: 7,
    Kind.ADDRESS: 8,
    Kind.NAME: 9,
}
# Names on a list are surer than any pattern; names found by shape are the least sure.
_LISTED_NAME_PRIORITY = 1

# Case and reference numbers: a keyword and a code with a digit in it, a probation CRN
# (a letter and six digits), a police PNC id (yy/nnnnnnX), a prefixed code such as
# CR-2024-00123. A store's ``reference_patterns`` setting adds its own (Python regex).
DEFAULT_REFERENCE_PATTERNS = (
    r"(?i:\b(?:case|ref(?:erence)?|crn|pnc|mosaic|client|file|record|referral|patient|hospital"
    r"|court|prison(?:er)?|nomis|delius)\b(?:\s*(?:no\.?|number|num|ref|id|#))?\s*[:#]?\s*)"
    r"((?=[A-Z0-9/-]*\d)[A-Z0-9][A-Z0-9/-]{2,}(?:\s\d[\d/-]*)*)\b",
    r"\b[A-Z]\d{6}\b",
    r"\b\d{2}/\d{5,7}[A-Z]\b",
    r"\b[A-Z]{2,4}[-/]\d{2,4}[-/]\d{3,}\b",
)
REFERENCE_SETTING = "reference_patterns"  # the key of Settings.reference_patterns

_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Court|Ct|Crescent|Cres|Place"
    r"|Pl|Terrace|Gardens|Gdns|Grove|Hill|Park|Square|Walk|Mews|Row|Parade|View|Rise|Green"
    r"|Estate|House|Tower|Towers|Court|Wharf|Quay)"
)
_ADDRESS = re.compile(
    r"(?i:\b(?:flat|apartment|apt|unit)\s+\d+[a-z]?,?\s+)(?:[A-Z][a-z'’-]+\s+){1,3}"
    + _STREET
    + r"\b"
    r"|(?i:\b(?:flat|apartment|apt|unit|room)\s+\d+[a-z]?,?\s+)?"
    r"(?<![\w£$.,:/-])\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z'’-]+\s+){1,3}" + _STREET + r"\b\.?"
    r"|(?i:\b(?:flat|apartment|apt)\s+\d+[a-z]?\b)"
)
# A date with a year, alone in brackets (optionally after "b." or "DOB"), follows a name.
_BRACKET_DATE = re.compile(
    r"\((?:\s*(?:b\.|dob:?|d\.o\.b\.?:?)\s*)?(\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{1,2}(?:st|nd|rd|th)? " + _MONTH + r" \d{4})\s*\)",
    re.IGNORECASE,
)


def reference_patterns(extra: Iterable[str] = ()) -> list[re.Pattern[str]]:
    """The default case-reference patterns and the store's own; a bad one is a clear error."""
    out = [re.compile(p) for p in DEFAULT_REFERENCE_PATTERNS]
    for raw in extra:
        try:
            out.append(re.compile(str(raw)))
        except re.error as err:
            raise UserError(
                f"the reference pattern {raw!r} (setting {REFERENCE_SETTING!r}) is not a valid "
                f"regular expression: {err}. Fix or remove it with `reflect private-names`."
            ) from None
    return out


def _pattern_hits(text: str, references: Iterable[re.Pattern[str]] = ()) -> list[_Hit]:
    hits: list[_Hit] = []
    for pattern in references:
        for m in pattern.finditer(text):
            group = 1 if pattern.groups else 0  # a pattern may capture just the code
            if m.end(group) > m.start(group):
                hits.append(_Hit(m.start(group), m.end(group), Kind.REFERENCE))
    for m in _ADDRESS.finditer(text):
        hits.append(_Hit(m.start(), m.end(), Kind.ADDRESS, "a number and a street"))
    for m in _BRACKET_DATE.finditer(text):
        hits.append(_Hit(m.start(1), m.end(1), Kind.DATE_OF_BIRTH, "a date alone in brackets"))
        named = name_before(text, m.start())
        if named is not None:
            hits.append(_Hit(*named, Kind.NAME, "a name before a date of birth"))
    for m in _EMAIL.finditer(text):
        hits.append(_Hit(m.start(), m.end(), Kind.EMAIL))
    for m in _PHONE.finditer(text):
        if uk_phone_ok(m.group()):
            hits.append(_Hit(m.start(), m.end(), Kind.PHONE))
    for m in _NHS.finditer(text):
        if nhs_check_digit_ok(re.sub(r"\D", "", m.group())):
            hits.append(_Hit(m.start(), m.end(), Kind.NHS_NUMBER, "valid check digit"))
    for m in _NI.finditer(text):
        if m.group(1).upper() not in _NI_NEVER:
            hits.append(_Hit(m.start(), m.end(), Kind.NI_NUMBER))
    for m in _POSTCODE.finditer(text):
        code = m.group(1)
        if code.islower() and _ORDINAL.search(code):
            continue  # "b1 2nd" is far more often a floor than a postcode
        if not (code.isupper() or code.islower()) and not code[-2:].isupper():
            continue  # mixed case such as "Be1 2ab" is a word, not a postcode
        hits.append(_Hit(m.start(), m.end(), Kind.POSTCODE))
    for m in _DATE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end == -1 else line_end
        before = text[max(line_start, m.start() - BIRTH_WINDOW_BEFORE) : m.start()]
        after = text[m.end() : min(line_end, m.end() + BIRTH_WINDOW_AFTER)]
        if _BIRTH_WORDS.search(before) or _BIRTH_WORDS.search(after):
            hits.append(_Hit(m.start(), m.end(), Kind.DATE_OF_BIRTH, "near a birth word"))
    return hits


def _name_pattern(name: str) -> re.Pattern[str] | None:
    words = name.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


DO_NOT_SHARE_REASON = "on the do-not-share list"
KNOWN_REASON = "a known person who was not in the session"


def _name_hits(text: str, names: dict[str, str], fine: Iterable[str] = ()) -> list[_Hit]:
    hits: list[_Hit] = []
    for name, reason in names.items():
        listed = reason == DO_NOT_SHARE_REASON
        pattern = do_not_share_pattern(name) if listed else _name_pattern(name)
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            hits.append(_Hit(m.start(), m.end(), Kind.NAME, reason))
        parts = do_not_share_parts(name) if listed else None
        if parts is not None:
            for m in parts.finditer(text):
                hits.append(_Hit(m.start(), m.end(), Kind.NAME, reason))
    for start, end, reason in heuristic_names(text, [*fine, *names]):
        hits.append(_Hit(start, end, Kind.NAME, reason))
    return hits


def _name_of(person: str | Person) -> str:
    return person.name if isinstance(person, Person) else str(person)


def names_to_flag(
    do_not_share: Iterable[str] = (),
    known_people: Iterable[str | Person] = (),
    attendees: Iterable[str] = (),
) -> dict[str, str]:
    """Names to look for, each with the reason it is flagged (do-not-share wins)."""
    present = {" ".join(a.split()).casefold() for a in attendees}
    names: dict[str, str] = {}
    for person in known_people:
        name = " ".join(_name_of(person).split())
        if name and name.casefold() not in present:
            names.setdefault(name, KNOWN_REASON)
    for entry in do_not_share:
        name = " ".join(str(entry).split())
        if name:
            names[name] = DO_NOT_SHARE_REASON
    return names


def check_privacy(
    text: str,
    *,
    do_not_share: Iterable[str] = (),
    known_people: Iterable[str | Person] = (),
    attendees: Iterable[str] = (),
    references: Iterable[str] = (),
) -> list[Finding]:
    """Likely identifiers in ``text``, in reading order.

    ``known_people`` are the store's people; those named in ``attendees`` (the
    people in the session) are not flagged. ``do_not_share`` names are always
    flagged. ``references`` are extra case-reference patterns. Where two
    findings overlap, the more specific one is kept.
    """
    attending = [a for a in attendees if a.strip()]
    names = names_to_flag(do_not_share, known_people, attending)
    return _findings(text, names, reference_patterns(references), attending)


def _rank(hit: _Hit) -> int:
    if hit.kind is Kind.NAME and hit.reason in (DO_NOT_SHARE_REASON, KNOWN_REASON):
        return _LISTED_NAME_PRIORITY
    return _PRIORITY[hit.kind]


def _findings(
    text: str,
    names: dict[str, str],
    references: Iterable[re.Pattern[str]] = (),
    fine: Iterable[str] = (),
    *,
    skip_known: bool = False,
) -> list[Finding]:
    hits = _pattern_hits(text, references) + _name_hits(text, names, fine)
    if skip_known:
        # An action's owner: colleagues are expected there. Only the do-not-share
        # list (and numbers, addresses...) count; names found by shape do not.
        hits = [h for h in hits if h.kind is not Kind.NAME or h.reason == DO_NOT_SHARE_REASON]
    hits.sort(key=lambda h: (_rank(h), h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for hit in hits:
        if any(hit.start < k.end and k.start < hit.end for k in kept):
            continue
        kept.append(hit)
    kept.sort(key=lambda h: (h.start, h.end))
    out = []
    for hit in kept:
        line = text.count("\n", 0, hit.start) + 1
        column = hit.start - (text.rfind("\n", 0, hit.start) + 1) + 1
        out.append(Finding(hit.kind, text[hit.start : hit.end], line, column, reason=hit.reason))
    return out


# --- a whole session ------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One piece of text that an export would carry, and where it came from."""

    text: str
    step_id: str | None
    field_id: str
    where: str
    item: int | None = None
    part: str | None = None


def exported_texts(session: Session, *, card: bool = False) -> list[Source]:
    """Every piece of user text the minutes (or the visit card) would carry.

    Private fields are never included. For a card only the card's fields count,
    and of a risk register only the controls.
    """
    out = [Source(session.title, None, "title", "session title")]
    for step, fields in rules.exportable_steps(session):
        for f in fields:
            if card and f.id not in CARD_FIELD_IDS and f.kind is not FieldKind.RISKS:
                continue
            value = session.answers.get(f.id)
            where = f"{step.title} › {f.label}"
            found = _sources(f.kind, value, step.id, f.id, where)
            if card and f.kind is FieldKind.RISKS:
                found = [s for s in found if s.part == "controls"]
            out.extend(found)
    if not card:  # the minutes' Follow-up section (carried actions, later changes)
        out.extend(Source(text, None, key, where) for text, key, where in follow_up_texts(session))
    return out


_PARTS: dict[type, tuple[str, ...]] = {
    ListItem: ("text", "themes"),
    ActionItem: ("what", "owner", "note"),
    ChecklistEntry: ("item", "note"),
    RiskRow: ("hazard", "controls"),
}


def _sources(
    kind: FieldKind, value: object, step_id: str, field_id: str, where: str
) -> list[Source]:
    if value in (None, "", []):
        return []
    if kind in (FieldKind.TEXT, FieldKind.DATETIME):
        return [Source(str(value), step_id, field_id, where)]
    if kind is FieldKind.PEOPLE and isinstance(value, list):
        return [
            Source(str(p), step_id, field_id, f"{where} (person {i + 1})", item=i)
            for i, p in enumerate(value)
        ]
    if not isinstance(value, list):
        return []
    out = []
    for i, row in enumerate(value):
        for part in _PARTS.get(type(row), ()):
            raw = getattr(row, part)
            text = ", ".join(raw) if isinstance(raw, list) else str(raw)
            if text:
                label = f"{where} (item {i + 1}, {part})"
                out.append(Source(text, step_id, field_id, label, item=i, part=part))
    return out


def check_session_privacy(
    session: Session,
    *,
    do_not_share: Iterable[str] = (),
    known_people: Iterable[str | Person] = (),
    card: bool = False,
    references: Iterable[str] = (),
) -> list[Finding]:
    """Check each exported field of ``session`` separately; findings carry step and field ids.

    ``card=True`` checks only what the visit card carries.

    People named in the session's header (facilitator, attendees, apologies and
    the person it is for) are not flagged as known people.
    """
    attendees = [session.facilitator, *session.participants, *session.apologies, session.subject]
    attending = [a for a in attendees if a.strip()]
    known = [_name_of(p) for p in known_people]
    names = names_to_flag(do_not_share, known, attending)
    patterns = reference_patterns(references)
    fine = [*attending, session.team] if session.team.strip() else attending
    fine = [*fine, *known]  # the roster's names are never "a name found by its shape"
    out: list[Finding] = []
    for src in exported_texts(session, card=card):
        owner = src.part == "owner" or src.field_id == "carried.owner"
        # Roster colleagues are expected as action owners: not findings there.
        found = _findings(
            src.text, names, patterns, [*fine, *known] if owner else fine, skip_known=owner
        )
        for f in found:
            out.append(
                Finding(
                    f.kind,
                    f.text,
                    f.line,
                    f.column,
                    step_id=src.step_id,
                    field_id=src.field_id,
                    item=src.item,
                    part=src.part,
                    where=src.where,
                    reason=f.reason,
                )
            )
    return out


def checked_summary(
    *,
    texts: int,
    do_not_share: int,
    references: int = 0,
    what: str = "title, answers, checklist items, carried actions",
    short: bool = False,
) -> str:
    """What the check looked at and for, in words (never "no names" when names were not checked).

    Said after a clean check so nobody reads more into it than was done; ``short`` fits
    a side panel.
    """
    if short:
        names = (
            f"the do-not-share list ({do_not_share})" if do_not_share else "no do-not-share list"
        )
        return (
            f"Checked {texts} texts for names ({names}; titles, first names), numbers, "
            "addresses, dates of birth and case references. It can miss things."
        )
    listed = (
        f"the do-not-share list ({do_not_share} entries)"
        if do_not_share
        else "no do-not-share list (add names with `reflect private-names add`)"
    )
    extra = f" and {references} pattern(s) of your own" if references else ""
    return (
        f"Checked {texts} piece(s) of text ({what}) "
        "for e-mail addresses, phone numbers, NHS and National Insurance numbers, postcodes, "
        "addresses, dates of birth, case references"
        + extra
        + ", and names: "
        + listed
        + ", people on the roster who were not there, titles such as Mr or PC, common first "
        "names and name-shaped pairs. A check can miss things: read it through before sharing."
    )
