"""`reflect people [list|add|edit]`: the roster of participants, owners and facilitators."""

from __future__ import annotations

import argparse

from reflect_tui import paths
from reflect_tui.commands import options, output
from reflect_tui.commands.writing import open_for_writing
from reflect_tui.domain.people import Person
from reflect_tui.followup.people import add_person, edit_person
from reflect_tui.store import Store


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    people = subparsers.add_parser(
        "people",
        parents=[parent],
        help="list, add or edit the people on the roster",
        description=(
            "The roster: name (or initials), role, team, line manager and whether they "
            "facilitate sessions. Without an action, lists everyone."
        ),
    )
    # `reflect people --json` and `reflect people list --json` are the same listing.
    people.add_argument("--json", action="store_true", help="print JSON instead of a table")
    output.add_format_option(people)
    people.set_defaults(func=run_list)
    actions = people.add_subparsers(dest="people_action", metavar="ACTION")

    listing = actions.add_parser("list", parents=[parent], help="list everyone on the roster")
    listing.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print JSON"
    )
    output.add_format_option(listing, inherit=True)
    listing.set_defaults(func=run_list)

    add = actions.add_parser(
        "add",
        parents=[parent],
        help="add someone",
        description="Add someone to the roster. A name already on it is refused.",
    )
    add.add_argument("name", metavar="NAME", help="full name or initials")
    add.add_argument("--role", default="", help="job title")
    add.add_argument("--team", default="", help="team name")
    add.add_argument("--line-manager", default="", metavar="NAME", help="their line manager")
    add.add_argument("--facilitator", action="store_true", help="they facilitate sessions")
    add.set_defaults(func=run_add)

    edit = actions.add_parser(
        "edit",
        parents=[parent],
        help="change someone's details",
        description=(
            "Change the details of someone on the roster; anything not given stays as it is. "
            "Renaming does not rewrite past sessions, which keep the name used at the time."
        ),
    )
    edit.add_argument("name", metavar="NAME", help="their name as it is on the roster")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help="a new name")
    edit.add_argument("--role", help="job title")
    edit.add_argument("--team", help="team name ('' for none)")
    edit.add_argument("--line-manager", metavar="NAME", help="line manager ('' for none)")
    group = edit.add_mutually_exclusive_group()
    group.add_argument(
        "--facilitator",
        dest="facilitator",
        action="store_true",
        default=None,
        help="they facilitate sessions",
    )
    group.add_argument(
        "--not-facilitator",
        dest="facilitator",
        action="store_false",
        help="they do not facilitate sessions",
    )
    edit.set_defaults(func=run_edit)


def describe(person: Person) -> str:
    parts = [person.name]
    if person.role:
        parts.append(person.role)
    if person.team:
        parts.append(f"team: {person.team}")
    if person.line_manager:
        parts.append(f"line manager: {person.line_manager}")
    if person.facilitator:
        parts.append("facilitator")
    return ", ".join(parts)


def run_list(args: argparse.Namespace) -> int:
    with Store.open(paths.data_dir(options.data_option(args)), read_only=True) as store:
        people = store.people()
        where = store.data_dir
    fmt = output.output_format(args)
    if fmt == "json":
        output.print_json([p.to_json() for p in people])
        return 0
    if fmt == "csv":
        output.write_csv(
            ("name", "role", "team", "line_manager", "facilitator"),
            [(p.name, p.role, p.team, p.line_manager, p.facilitator) for p in people],
        )
        return 0
    if not people:
        print(
            f"Nobody is on the roster in {where} yet. Add someone with `reflect people add NAME`."
        )
        return 0
    header = ("NAME", "ROLE", "TEAM", "LINE MANAGER", "FACILITATES")
    rows = [
        (p.name, p.role, p.team, p.line_manager, "yes" if p.facilitator else "") for p in people
    ]
    output.print_table(header, rows)
    return 0


def run_add(args: argparse.Namespace) -> int:
    with open_for_writing(args) as store:
        person = add_person(
            store,
            args.name,
            role=args.role,
            team=args.team,
            line_manager=args.line_manager,
            facilitator=args.facilitator,
        )
    print(f"Added {describe(person)}.")
    return 0


def run_edit(args: argparse.Namespace) -> int:
    with open_for_writing(args) as store:
        person = edit_person(
            store,
            args.name,
            new_name=args.new_name,
            role=args.role,
            team=args.team,
            line_manager=args.line_manager,
            facilitator=args.facilitator,
        )
    print(f"Saved {describe(person)}.")
    return 0
