"""`reflect search TEXT`: find a phrase in session titles and answers."""

from __future__ import annotations

import argparse

from reflect_tui import paths
from reflect_tui.commands import options, output
from reflect_tui.errors import UserError
from reflect_tui.search import Hit
from reflect_tui.services.search import has_words, search_store
from reflect_tui.store import Store


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "search",
        parents=[parent],
        help="find a phrase in session titles and answers",
        description=(
            "Find TEXT in the titles and the answers of every session, newest first, with the "
            "session, the step and the words around it. Case and accents are ignored "
            "('cafe' finds 'Café'); the words must appear together, as typed. Private fields "
            "are never searched unless you give --private. Hits in confidential sessions are "
            "marked CONFIDENTIAL."
        ),
    )
    parser.add_argument("text", nargs="+", metavar="TEXT", help="the words to find")
    parser.add_argument(
        "--private", action="store_true", help="also search private fields (marked PRIVATE)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(func=run_search)


def run_search(args: argparse.Namespace) -> int:
    query = " ".join(args.text)
    if not has_words(query):
        raise UserError("Say what to find: `reflect search WORDS`.")
    with Store.open(paths.data_dir(options.data_option(args)), read_only=True) as store:
        hits = search_store(store, query, include_private=args.private)
        where = store.data_dir
    if args.json:
        output.print_json([h.to_json() for h in hits])
        return 0
    if not hits:
        print(f"Nothing in {where} matches {query!r}.")
        return 0
    sessions = len({h.session_id for h in hits})
    print(
        f"{len(hits)} match{'es' if len(hits) != 1 else ''} in {sessions} "
        f"session{'s' if sessions != 1 else ''} for {query!r}:"
    )
    last = ""
    for hit in hits:
        if hit.session_id != last:
            print()
            print(output.display(session_line(hit)))
            last = hit.session_id
        print(output.display(f"    {place(hit)}: {hit.snippet}"))
    return 0


def session_line(hit: Hit) -> str:
    mark = "  [CONFIDENTIAL]" if hit.confidential else ""
    return f"{hit.session_date.isoformat()}  {hit.session_id}  {hit.session_title}{mark}"


def place(hit: Hit) -> str:
    where = "Title" if not hit.step_id else f"{hit.step_title} › {hit.field_label}"
    return where + (" [PRIVATE]" if hit.private else "")
