"""Writing exports to disk: owner-only files, never overwriting without ``force``.

Files are written to a temporary file in the target folder first and then put
in place in one step, so a crash never leaves half a file under the real name.
Without ``force`` the final step is a hard link, which fails if the name was
taken in the meantime, so an existing file is never replaced by accident.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

from reflect_tui.domain.session import Session
from reflect_tui.errors import UserError
from reflect_tui.minutes import rules
from reflect_tui.minutes.card import render_visit_card
from reflect_tui.minutes.html import render_html
from reflect_tui.minutes.markdown import render_markdown
from reflect_tui.minutes.naming import default_filename
from reflect_tui.store.files import Codec, FileBlob, with_role

Format = Literal["md", "html"]
FILE_MODE = 0o600
DIR_MODE = 0o700


class ExportExists(UserError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} already exists; nothing was written. Choose another name with -o PATH, "
            "or add --force to replace it."
        )
        self.path = path


class ExportFailed(UserError):
    pass


def render(
    session: Session,
    *,
    fmt: Format = "md",
    card: bool = False,
    confirmed_confidential: bool = False,
) -> str:
    """The text of an export (all the confidentiality rules apply)."""
    if fmt not in ("md", "html"):
        raise UserError(f"unknown export format {fmt!r}: use md or html")
    if card:
        return render_visit_card(session, fmt=fmt, confirmed_confidential=confirmed_confidential)
    if fmt == "html":
        return render_html(session, confirmed_confidential=confirmed_confidential)
    return render_markdown(session, confirmed_confidential=confirmed_confidential)


def export_session(
    session: Session,
    dest: str | os.PathLike[str] | None = None,
    *,
    fmt: Format = "md",
    card: bool = False,
    confirmed_confidential: bool = False,
    force: bool = False,
    directory: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the minutes (or visit card) and return the path written.

    ``dest`` may be a file, or a folder: an existing one, or a path without an
    extension (such as the store's minutes folder before its first use), which
    is created owner-only. Without ``dest`` the file goes into ``directory``
    (created if missing; default: the current folder). The file is named
    ``default_filename`` inside a folder, is 0600, and an existing file is only
    replaced with ``force``.
    """
    text = render(session, fmt=fmt, card=card, confirmed_confidential=confirmed_confidential)
    name = default_filename(session, fmt, card=card)
    if dest is None:
        folder = Path(directory).expanduser() if directory is not None else Path.cwd()
        _ensure_folder(folder)
        path = folder / name
    else:
        path = Path(dest).expanduser()
        try:
            is_folder = path.is_dir() or (not path.exists() and not path.suffix)
        except OSError as err:  # a name too long, a loop of links
            raise ExportFailed(f"cannot write {path}: {err.strerror or err}") from err
        if is_folder:
            _ensure_folder(path)
            path = path / name
    write_private_file(path, text, force=force)
    return path


def _ensure_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=DIR_MODE, parents=True)
    except OSError as err:
        raise ExportFailed(f"cannot create the folder {folder}: {err.strerror or err}") from err


def write_private_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` as an owner-only file, atomically.

    ``force`` replaces an existing regular file only: never a folder, a pipe, a
    device or socket, nor a file of a reflect data folder (the store itself).
    """
    check_writable(path, force=force)
    folder = path.parent
    remove_stale_exports(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(), suffix=".tmp", dir=folder)
    except OSError as err:
        raise ExportFailed(f"cannot write in {folder}: {err.strerror}") from err
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, FILE_MODE)
        if force:
            os.replace(tmp, path)
        else:
            _link_without_overwrite(tmp, path)
    except FileExistsError as err:
        raise ExportExists(path) from err
    except OSError as err:
        raise ExportFailed(f"cannot write {path}: {err.strerror}") from err
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def check_writable(path: Path, *, force: bool = False) -> None:
    """Raise ExportFailed/ExportExists unless ``write_private_file(path, force=force)`` may
    write there: called first by anything that records an export before writing it."""
    folder = path.parent
    try:
        existing: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        existing = None
    except OSError as err:  # a name too long, a loop of links, no permission
        raise ExportFailed(f"cannot write {path}: {err.strerror or err}") from err
    if not folder.is_dir():
        raise ExportFailed(f"cannot write {path}: the folder {folder} does not exist")
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise ExportFailed(f"cannot write {path}: it is a folder; give a file name")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise ExportFailed(
            f"cannot write {path}: it is not a plain file (a pipe, device or socket), so it "
            "is never replaced; give the name of a file"
        )
    if existing is not None and not force:
        raise ExportExists(path)
    if existing is not None and _in_data_folder(path):
        raise ExportFailed(
            f"cannot write {path}: it belongs to a reflect data folder, and --force never "
            "replaces reflect's own files; export somewhere else"
        )


_TEMP_START = ".reflect-export-"
_DATA_MARKERS = ("reflect.lock", "reflect.json")


def _temp_prefix() -> str:
    return f"{_TEMP_START}{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def remove_stale_exports(folder: Path) -> list[Path]:
    """Remove temp files left by an export that was killed mid-write (its process is gone)."""
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in folder.glob(f"{_TEMP_START}*.tmp"):
            pid_text = entry.name[len(_TEMP_START) :].split("-", 1)[0]
            if pid_text.isdigit() and _alive(int(pid_text)):
                continue
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


def _in_data_folder(path: Path) -> bool:
    """True for a file of a reflect data folder: the store, a backup, a journal, the lock."""
    with contextlib.suppress(OSError):
        real = path.resolve()
        for folder in (real.parent, real.parent.parent):
            if any((folder / marker).exists() for marker in _DATA_MARKERS) and (
                folder == real.parent or real.parent.name in ("backups", "journal")
            ):
                return True
    return False


def _link_without_overwrite(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: exclusive create, then copy the bytes in.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "wb") as out:
            out.write(tmp.read_bytes())
            out.flush()
            os.fsync(out.fileno())


class _HasMinutesDir(Protocol):
    @property
    def minutes_dir(self) -> Path: ...


@runtime_checkable
class _HasCodec(Protocol):
    """A store whose files go through a codec (``Store.codec``; encrypted folders)."""

    @property
    def codec(self) -> Codec: ...

    @property
    def encrypted(self) -> bool: ...


_SESSION_LINE = re.compile(r'^session: "([^"]*)"$', re.MULTILINE)


def _minutes_of(path: Path, codec: Codec | None = None) -> str | None:
    """The session id in the front matter of an existing minutes file, if any."""
    try:
        if codec is None:
            with path.open(encoding="utf-8", errors="replace") as f:
                head = f.read(8192)
        else:
            head = (FileBlob(path, codec).read() or b"")[:8192].decode("utf-8", "replace")
    except (OSError, ValueError):
        return None
    front = head.split("\n---\n", 1)[0]
    m = _SESSION_LINE.search(front)
    return m.group(1) if m else None


def save_minutes_on_finish(store: _HasMinutesDir, session: Session) -> Path | None:
    """Save the Markdown minutes of a finished shared session in the store's minutes folder.

    Confidential sessions are never saved this way (``None``): they are written
    only on an explicit export. Finishing the same session again replaces its
    own earlier minutes; another session's file with the same name is kept and
    this one gets ``-2``, ``-3``... .
    """
    if not rules.saved_on_finish(session):
        return None
    folder = Path(store.minutes_dir)
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    text = render_markdown(session)
    if isinstance(store, _HasCodec) and store.encrypted:
        return _save_encoded(folder, session, text, with_role(store.codec, "minutes"))
    base = default_filename(session, "md")
    stem = base[: -len(".md")]
    for n in range(1, 1000):
        path = folder / (base if n == 1 else f"{stem}-{n}.md")
        if path.exists():
            if _minutes_of(path) == session.id:
                write_private_file(path, text, force=True)
                return path
            continue
        try:
            write_private_file(path, text)
        except ExportExists:
            continue
        return path
    raise ExportFailed(f"too many minutes files named {stem}-N.md in {folder}; tidy the folder")


def _save_encoded(folder: Path, session: Session, text: str, codec: Codec | None) -> Path:
    """The same naming rules, written through the store's codec (an encrypted folder)."""
    base = default_filename(session, "md")
    stem = base[: -len(".md")]
    for n in range(1, 1000):
        path = folder / (base if n == 1 else f"{stem}-{n}.md")
        if path.exists() and _minutes_of(path, codec) != session.id:
            continue
        try:
            FileBlob(path, codec).write(text.encode("utf-8"))
        except OSError as err:
            raise ExportFailed(f"cannot write {path}: {err.strerror or err}") from err
        return path
    raise ExportFailed(f"too many minutes files named {stem}-N.md in {folder}; tidy the folder")
