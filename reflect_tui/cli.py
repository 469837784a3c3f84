"""The `reflect` command: opens the app, or runs one of the sub-commands.

Every failure a person can cause ends in a one-paragraph message on stderr and
a non-zero exit code, never a traceback (``UserError``). Sub-commands live in
``reflect_tui.commands``; each module registers its own parsers.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator, Sequence

from reflect_tui.commands.options import (
    COMMAND_MODULES,
    Handler,
    VersionAction,
    build_parser,
    common_options,
    data_option,
)
from reflect_tui.errors import UserError

__all__ = [
    "COMMAND_MODULES",
    "Handler",
    "VersionAction",
    "build_parser",
    "common_options",
    "data_option",
    "main",
]

# Options that may come before the app opens; each takes one value.
APP_OPTIONS = ("--data", "--templates")


def opens_app(argv: Sequence[str]) -> bool:
    """True if ``argv`` only names data/template folders: no command, no help.

    Then the sub-command parsers (and everything they import) are not needed,
    which keeps the app's start-up short.
    """
    expect_value = False
    for arg in argv:
        if expect_value:
            expect_value = False
        elif arg in APP_OPTIONS:
            expect_value = True
        elif not any(arg.startswith(f"{opt}=") for opt in APP_OPTIONS):
            return False
    return not expect_value


def asks_version(argv: Sequence[str]) -> bool:
    """True for ``reflect --version`` (with folder options at most): no sub-parsers needed."""
    return "--version" in argv and opens_app([a for a in argv if a != "--version"])


def open_app(args: argparse.Namespace) -> int:
    from reflect_tui.ui.app import run_app  # Textual only loads when the app opens

    return run_app(data=data_option(args), template_dirs=getattr(args, "templates", None))


@contextlib.contextmanager
def collector_held() -> Iterator[None]:
    """No garbage collection while the app is imported and starts; as before afterwards.

    Importing Textual and the app builds ~100,000 objects that live as long as the
    process, and the collector walked them over and over on the way (about 20 ms of
    a start). ``run_app`` turns it back on once the first screen is drawn
    (``ui.app.keep_out_of_the_collectors_way``); leaving this block restores the state
    it found, whatever happened inside.
    """
    import gc

    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def use_terminal_for_passphrases() -> None:
    """Sub-commands unlock an encrypted folder from the terminal or $REFLECT_PASSPHRASE."""
    from reflect_tui.store.unlock import TerminalSource, set_default_source

    set_default_source(TerminalSource())
    from reflect_tui.os_keyring import use_keyring_in_commands

    use_keyring_in_commands()


def main(argv: Sequence[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else list(argv)
    app = opens_app(args_list)
    if app:  # Textual draws through its own filter (ui/terminal_safe.py)
        with collector_held():
            return _run(args_list, app)
    from reflect_tui.textsafe import OutputError, SafeStream

    # Everything a command prints, stored text included, goes through one filter:
    # no control character or ESC sequence ever reaches the terminal.
    out, err = sys.stdout, sys.stderr
    safe_out = SafeStream(out)
    sys.stdout, sys.stderr = safe_out, SafeStream(err)
    try:
        code = _run(args_list, app)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except OutputError as failed:
        _discard(out)
        if isinstance(failed.cause, BrokenPipeError) or failed.stream is not safe_out:
            return 0 if isinstance(failed.cause, BrokenPipeError) else 1
        with contextlib.suppress(OSError):
            print(
                f"reflect: could not write the output ({failed.strerror}). Nothing else "
                "failed; send the output somewhere with room (or to a file with -o) and try "
                "again.",
                file=err,
            )
        return 1
    finally:
        sys.stdout, sys.stderr = out, err


def _discard(stream: object) -> None:
    """After a failed write, send what is still buffered nowhere (no error at exit)."""
    import os

    if stream is not sys.__stdout__ or sys.__stdout__ is None:
        return
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
        os.close(devnull)


def _run(args_list: list[str], app: bool) -> int:
    parser = build_parser(commands=not (app or asks_version(args_list)))
    args = parser.parse_args(args_list)
    handler: Handler = getattr(args, "func", open_app)
    if hasattr(args, "func"):
        use_terminal_for_passphrases()
    if handler is not open_app:  # the app shows the store's notices on screen itself
        _print_store_notices()
    try:
        return _handle(handler, args)
    finally:
        _stop_store_notices()


def _handle(handler: Handler, args: argparse.Namespace) -> int:
    from reflect_tui.textsafe import OutputError

    try:
        return handler(args)
    except OutputError:
        raise  # the output failed: main says so
    except UserError as err:
        from reflect_tui.textsafe import visible

        print(f"reflect: {visible(str(err))}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("reflect: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # never a traceback: it can quote names and notes
        return _unexpected(err)


def _print_store_notices() -> None:
    from reflect_tui.store.repository import set_notice_handler

    set_notice_handler(lambda text: print(f"reflect: note: {text}", file=sys.stderr))


def _stop_store_notices() -> None:
    repository = sys.modules.get("reflect_tui.store.repository")
    if repository is not None:
        repository.set_notice_handler(None)


def _unexpected(err: Exception) -> int:
    """A bug, not the user's mistake: say so plainly, without the error's text or values."""
    import os

    from reflect_tui.crashreport import CRASH_EXIT

    if os.environ.get("REFLECT_DEBUG"):
        raise err
    print(
        f"reflect: an unexpected error ({type(err).__name__}) stopped this command. Its "
        "details are not shown, as they could quote your data; run it again with "
        "REFLECT_DEBUG=1 set to see them, and tell whoever supports reflect.",
        file=sys.stderr,
    )
    return CRASH_EXIT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
