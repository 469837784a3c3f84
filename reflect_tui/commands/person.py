"""`reflect person forget NAME`, `reflect person export NAME`: one person's data rights."""

from __future__ import annotations

import argparse
from pathlib import Path

from reflect_tui.commands.erasure import confirm
from reflect_tui.commands.writing import open_for_writing
from reflect_tui.errors import UserError


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    person = subparsers.add_parser(
        "person",
        parents=[parent],
        help="forget a person, or export everything held about them",
        description=(
            "Data-protection requests about one person. `forget` removes them from the roster "
            "and replaces their name everywhere else (sessions, actions, backups, journals, "
            "minutes), after showing what will change. `export` gathers everything held about "
            "them into Markdown, HTML and JSON files."
        ),
    )
    person.set_defaults(func=_need_action)
    acts = person.add_subparsers(dest="person_action", metavar="ACTION")

    forget = acts.add_parser(
        "forget",
        parents=[parent],
        help="remove or anonymise one person everywhere",
        description=(
            "Remove the person from the roster and replace their full name, wherever it is "
            "held, by “(name removed)”: subject, facilitator, attendance, action owners, people "
            "fields and mentions in any answer, in every session, backup and autosave file. "
            "Sessions themselves stay; erase one with `reflect delete ID --purge`."
        ),
    )
    forget.add_argument("name", metavar="NAME", help="their full name")
    forget.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    forget.set_defaults(func=run_forget)

    export = acts.add_parser(
        "export",
        parents=[parent],
        help="everything held about one person (subject access)",
        description=(
            "Write subject-access-NAME.md, .html and .json: the roster entry, sessions about "
            "them (private fields included and labelled), team sessions they were part of, "
            "actions they own, wellbeing ratings and other mentions. The files are NOT "
            "encrypted: hand them over and delete them."
        ),
    )
    export.add_argument("name", metavar="NAME", help="their full name")
    export.add_argument(
        "-o", "--output", metavar="DIR", default=".", help="folder to write to (default: here)"
    )
    export.add_argument("--force", action="store_true", help="replace existing files")
    export.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    export.set_defaults(func=run_export)


def _need_action(args: argparse.Namespace) -> int:
    raise UserError("Say what to do: `reflect person forget NAME` or `reflect person export NAME`.")


def run_forget(args: argparse.Namespace) -> int:
    from reflect_tui.dataprotection import forget

    with open_for_writing(args) as store:
        plan = forget.plan(store, args.name)
        if plan.empty:
            raise UserError(
                f"Nobody called {args.name!r} is on the roster or named in any session; "
                "nothing changed."
            )
        preview = "\n".join(plan.lines())
        confirm(
            f"Forget {plan.name}? This will change:\n{preview}\nBackups, autosave files and "
            "minutes are changed the same way. This cannot be undone.",
            args.yes,
        )
        report = forget.forget(store, args.name)
    print(
        f"{plan.name} is forgotten: {len(report.changed_sessions)} session(s) changed, "
        f"{len(report.rewritten)} file(s) rewritten."
    )
    for problem in report.problems:
        print(f"reflect: warning: {problem}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from reflect_tui import paths
    from reflect_tui.commands import options
    from reflect_tui.dataprotection import subject_access
    from reflect_tui.store import Store

    # Reading is enough (it works beside an open app window); the audit log has its own lock.
    with Store.open(paths.data_dir(options.data_option(args)), read_only=True) as store:
        bundle = subject_access.gather(store, args.name)
        if bundle.empty:
            raise UserError(
                f"Nothing is held about {args.name!r}: no roster entry and no session names them."
            )
        folder = Path(args.output).expanduser()
        confirm(
            f"Export everything held about {bundle.name} ({len(bundle.subject_of)} session(s) "
            f"about them, {len(bundle.team_sessions)} team session(s), {len(bundle.actions)} "
            f"action(s)) to {folder}? The files are not encrypted.",
            args.yes,
        )
        written = subject_access.export(store, args.name, folder, force=args.force)
    names = ", ".join(str(p) for p in written)
    print(f"Wrote {names}. They are not encrypted: hand them over, then delete them.")
    return 0
