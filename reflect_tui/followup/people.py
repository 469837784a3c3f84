"""The roster: finding people by name, and adding or editing them safely.

Names are matched case-insensitively with spaces collapsed ("name_key"), so
"morgan  ellery" finds "Morgan Ellery". Two people may not share a name: the
name is what sessions and actions refer to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from reflect_tui.domain.people import Person
from reflect_tui.domain.people import name_key as name_key  # re-exported: the followup name
from reflect_tui.errors import UserError
from reflect_tui.textsafe import name_problem

MAX_NAME = 80


class PeopleStore(Protocol):
    def people(self) -> list[Person]: ...

    def save_person(self, person: Person) -> None: ...


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def find_person(people: Iterable[Person], name: str) -> Person | None:
    key = name_key(name)
    return next((p for p in people if name_key(p.name) == key), None)


def plain(text: str, what: str) -> str:
    """``text`` if it holds no control character (ESC sequences could drive a terminal)."""
    problem = name_problem(text, f"The {what}")
    if problem is not None:
        raise UserError(problem)
    return text


def clean_name(name: str, what: str = "name") -> str:
    cleaned = " ".join(plain(name, what).split())
    if not cleaned:
        raise UserError(f"The {what} is empty: give a name or initials.")
    if len(cleaned) > MAX_NAME:
        raise UserError(f"The {what} {cleaned[:20]!r}… is longer than {MAX_NAME} characters.")
    return cleaned


def teams(people: Iterable[Person]) -> list[str]:
    return sorted({p.team for p in people if p.team.strip()}, key=str.casefold)


def line_reports(people: Sequence[Person], manager: str) -> list[Person]:
    return [p for p in people if p.line_manager and same_name(p.line_manager, manager)]


def add_person(
    store: PeopleStore,
    name: str,
    *,
    role: str = "",
    team: str = "",
    line_manager: str = "",
    facilitator: bool = False,
) -> Person:
    """Add someone to the roster; a name already there is refused, not duplicated."""
    people = store.people()
    cleaned = clean_name(name)
    if find_person(people, cleaned) is not None:
        raise UserError(
            f"{cleaned!r} is already on the roster. Use `reflect people edit {cleaned!r}` "
            "to change their details."
        )
    manager = " ".join(plain(line_manager, "line manager").split())
    if manager and same_name(manager, cleaned):
        raise UserError(f"{cleaned!r} cannot be their own line manager.")
    person = Person(
        name=cleaned,
        role=plain(role, "role").strip(),
        team=" ".join(plain(team, "team").split()),
        line_manager=manager,
        facilitator=facilitator,
    )
    store.save_person(person)
    return person


def edit_person(
    store: PeopleStore,
    name: str,
    *,
    new_name: str | None = None,
    role: str | None = None,
    team: str | None = None,
    line_manager: str | None = None,
    facilitator: bool | None = None,
) -> Person:
    """Change someone's details; fields left as None keep their value."""
    people = store.people()
    person = find_person(people, name)
    if person is None:
        raise UserError(
            f"Nobody called {name!r} is on the roster. See the names with `reflect people list`."
        )
    changes: dict[str, object] = {}
    if new_name is not None:
        cleaned = clean_name(new_name, "new name")
        other = find_person(people, cleaned)
        if other is not None and other.id != person.id:
            raise UserError(f"{cleaned!r} is already on the roster; choose another name.")
        changes["name"] = cleaned
    if role is not None:
        changes["role"] = plain(role, "role").strip()
    if team is not None:
        changes["team"] = " ".join(plain(team, "team").split())
    if line_manager is not None:
        manager = " ".join(plain(line_manager, "line manager").split())
        if manager and same_name(manager, str(changes.get("name", person.name))):
            raise UserError(f"{person.name!r} cannot be their own line manager.")
        changes["line_manager"] = manager
    if facilitator is not None:
        changes["facilitator"] = facilitator
    updated = replace(person, **changes)  # type: ignore[arg-type]
    store.save_person(updated)
    return updated
