"""Layout 2 on disk: one file per session, a sharded summaries index, checked, never trusted.

::

    reflect.json              TinyDB: meta (settings, the index manifest), people, bin, home
    sessions/<id>.json        one session record each (role "session")
    index/<xx>.json           summaries of the sessions whose id starts with xx (role "index")
    index/pending.json        the sessions the last commit was about to write (role "index")
    backups/sessions/<id>/NNNNNN.json   earlier versions of a session file

An index entry is derived from the decoded ``Session`` when it is saved (never
from raw JSON): its summary, its listed actions, the few facts the thematic report counts
(theme tags and consent), and the size and SHA-256 of
the session file's plaintext. Each shard is stamped with the folder's store id
and the generation of the commit that wrote it; ``reflect.json`` holds each
shard's generation, size and SHA-256 (meta ``index``). A shard that does not
match (stale, missing, cut short, edited, copied from another folder, or left
by an interrupted commit) is rebuilt from the session files it covers. A
session file whose bytes do not match its entry is decoded and validated before
anything is taken from it. See docs/storage.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reflect_tui.domain import confidential
from reflect_tui.domain.kinds import FieldKind
from reflect_tui.store import schema
from reflect_tui.store.errors import FileUndecryptable
from reflect_tui.store.files import Codec, FileBlob, fsync_dir, private_dir, with_role
from reflect_tui.store.summary import SessionSummary
from reflect_tui.store.validate import HOME_STAMP_KEY

if TYPE_CHECKING:
    from reflect_tui.domain.session import Session

SESSIONS_DIR = "sessions"
INDEX_DIR = "index"
PENDING_NAME = "pending.json"
VERSIONS_DIR = "sessions"  # under backups/
INDEX_FORMAT = "reflect-index"
SHARD_CHARS = 2
# Drafts, and at least this many newest sessions, are kept in reflect.json itself
# (table "home") so home can be drawn without reading any shard.
HOME_RECENT = 200
# The newest drafts are kept there too, up to this many (home shows 100); the ids and dates
# of older drafts are in the home facts (store/facts.py), so reflect.json never grows with
# the drafts and draft_sessions() reads the whole index only when there are more.
HOME_DRAFTS = 100
KEEP_VERSIONS = 5
FACTS_FORMAT = "reflect-facts"
FACTS_KEY = "facts"  # in the manifest: {part: {gen, size, sha256}}
FACT_FILES_BY_PART = {"facts": "home-facts", "actions": "home-actions"}
FACT_FILES = frozenset(FACT_FILES_BY_PART.values())

INDEX_KEY = "index"  # meta: {"generation": int, "shards": {name: {gen, size, sha256, count}}}
STORE_ID_KEY = "index_id"  # (not "store_id": that is the report's setting)
COUNT_KEY = "session_count"
DEPTH_KEY = "home_depth"
DRAFTS_KEY = "draft_count"
DRAFT_DEPTH_KEY = "home_draft_depth"
INTERNAL = frozenset(
    {INDEX_KEY, STORE_ID_KEY, COUNT_KEY, DEPTH_KEY, DRAFTS_KEY, DRAFT_DEPTH_KEY, HOME_STAMP_KEY}
)

Doc = dict[str, Any]
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class IndexProblem(ValueError):
    """A shard cannot be trusted; the text says why (it is then rebuilt)."""


def decode_record(record: Doc) -> Session:
    """The one place the store turns a stored session record into a Session.

    (``validate.READERS`` checks with the same function; ``Store._decode`` and
    ``Store._encode`` wrap this pair.) Raises ``decoding.DecodeError`` naming the field.
    """
    from reflect_tui.domain.session import Session

    return Session.from_dict(record)


def encode_session(session: Session) -> Doc:
    """The one place the store turns a Session into the record it stores."""
    return session.to_dict()


def safe_id(session_id: str) -> bool:
    return bool(_SAFE_ID.match(session_id))


def shard_of(session_id: str) -> str:
    return session_id[:SHARD_CHARS].lower()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sort_key(entry: Doc) -> tuple[str, str, str]:
    """Newest first when sorted in reverse: session date, then last save, then id."""
    summary = entry["summary"]
    return (str(summary["date"]), str(summary.get("updated_at") or ""), str(entry["id"]))


def listed_actions(session: Session) -> list[Doc]:
    """The session's actions as the follow-through lists show them (private fields left out)."""
    from reflect_tui.domain import answers

    found: list[Doc] = []
    for f in session.template.all_fields():
        if f.kind is FieldKind.ACTIONS and not f.private:
            found.extend(
                a.to_json() for a in answers.action_items(session.answers.get(f.id)) if a.id
            )
    return found


def entry_for(session: Session, data: bytes) -> Doc:
    """The index entry of a session, built once from the decoded Session at save time."""
    return {
        "id": session.id,
        "summary": SessionSummary.of(session).to_json(),
        "actions": listed_actions(session),
        "report": report_facts(session),
        "size": len(data),
        "sha256": digest(data),
    }


def report_facts(session: Session) -> Doc:
    """What the thematic report counts beyond the summary (issue 16), so it reads no session file.

    ``consent``: whether the session's themes may feed the report
    (``confidential.consent_given``); ``themes``: its distinct theme tags, private
    fields included, in first-seen order (``Session.themes(True)``), left out when
    there are none. Entries written before this have no "report" part; the report
    then reads that session's file.
    """
    found: Doc = {"consent": confidential.consent_given(session)}
    themes = session.themes(True)
    if themes:
        found["themes"] = themes
    return found


def is_draft(entry: Doc) -> bool:
    return bool(entry["summary"]["status"] == "draft")


def home_entry(entry: Doc) -> Doc:
    """What ``reflect.json``'s "home" keeps of an entry: the id and the summary."""
    return {"id": entry["id"], "summary": entry["summary"]}


@dataclass(frozen=True)
class Paths:
    data_dir: Path

    @property
    def sessions(self) -> Path:
        return self.data_dir / SESSIONS_DIR

    @property
    def index(self) -> Path:
        return self.data_dir / INDEX_DIR

    @property
    def versions(self) -> Path:
        return self.data_dir / "backups" / VERSIONS_DIR

    def session(self, session_id: str) -> Path:
        return self.sessions / f"{session_id}.json"

    def shard(self, name: str) -> Path:
        return self.index / f"{name}.json"

    @property
    def pending(self) -> Path:
        return self.index / PENDING_NAME

    def versions_of(self, session_id: str) -> Path:
        return self.versions / session_id


class Files:
    """Reads and writes the layout-2 files through the store's codec (one role per kind)."""

    def __init__(self, data_dir: Path, codec: Codec | None) -> None:
        self.paths = Paths(data_dir)
        self.session_codec = with_role(codec, "session")
        self.index_codec = with_role(codec, "index")

    # -- sessions
    def session_blob(self, session_id: str) -> FileBlob:
        return FileBlob(self.paths.session(session_id), self.session_codec)

    def read_session(self, session_id: str) -> bytes | None:
        return self.session_blob(session_id).read()

    def write_session(self, session_id: str, data: bytes) -> None:
        private_dir(self.paths.sessions)
        self.session_blob(session_id).write(data)

    def session_ids(self, prefix: str = "") -> list[str]:
        folder = self.paths.sessions
        if not folder.is_dir():
            return []
        return sorted(
            p.name[:-5]
            for p in folder.glob(f"{prefix}*.json")
            if not p.name.startswith(".") and safe_id(p.name[:-5])
        )

    # -- index
    def write_shard(self, name: str, data: bytes) -> None:
        private_dir(self.paths.index)
        FileBlob(self.paths.shard(name), self.index_codec).write(data)

    def remove_shard(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.paths.shard(name).unlink()

    def shard_names_on_disk(self) -> list[str]:
        folder = self.paths.index
        if not folder.is_dir():
            return []
        return sorted(
            p.stem
            for p in folder.glob("*.json")
            if p.name != PENDING_NAME and not p.name.startswith(".") and p.stem not in FACT_FILES
        )

    # -- home facts (store/facts.py)
    def facts_path(self, part: str) -> Path:
        return self.paths.index / f"{FACT_FILES_BY_PART[part]}.json"

    def write_facts(self, part: str, data: bytes) -> None:
        private_dir(self.paths.index)
        FileBlob(self.facts_path(part), self.index_codec).write(data)

    def _read_index_file(self, path: Path) -> bytes | None:
        """The bytes of an index or facts file (None if missing); IndexProblem if unreadable."""
        try:
            return FileBlob(path, self.index_codec).read()
        except FileUndecryptable as err:
            raise IndexProblem(err.problem) from None
        except OSError as err:
            raise IndexProblem(f"cannot be read ({err.strerror or err})") from None

    def read_facts(self, part: str, expect: Doc | None, store_id: str) -> Doc:
        """The body of one facts file; IndexProblem unless it is exactly what ``expect`` says."""
        if expect is None:
            raise IndexProblem("is not listed in reflect.json")
        data = self._read_index_file(self.facts_path(part))
        tree = _checked_tree(data, expect, store_id, FACTS_FORMAT, "facts", ("part", part))
        body = tree.get("body")
        if not isinstance(body, dict):
            raise IndexProblem("has no body")
        return body

    @staticmethod
    def facts_bytes(part: str, body: Doc, store_id: str, gen: int) -> bytes:
        return schema.dumps(
            {
                "format": FACTS_FORMAT,
                "version": 1,
                "index_id": store_id,
                "part": part,
                "generation": gen,
                "body": body,
            }
        )

    def read_shard(self, name: str, expect: Doc | None, store_id: str) -> dict[str, Doc]:
        """The entries of shard ``name``; IndexProblem unless it is exactly what ``expect`` says."""
        data = self._read_index_file(self.paths.shard(name))
        if expect is None:
            if data is None:
                return {}
            raise IndexProblem("is not listed in reflect.json (left over, or from another save)")
        tree = _checked_tree(data, expect, store_id, INDEX_FORMAT, "index", ("shard", name))
        entries = tree.get("entries")
        if not isinstance(entries, dict):
            raise IndexProblem("has no entries")
        for sid, entry in entries.items():
            if not isinstance(entry, dict) or entry.get("id") != sid or shard_of(sid) != name:
                raise IndexProblem(f"has an entry {sid!r} that does not belong in it")
            try:
                SessionSummary.from_json(entry["summary"])
            except (KeyError, TypeError, ValueError):
                raise IndexProblem(f"has an unreadable summary for {sid!r}") from None
        return entries

    @staticmethod
    def shard_bytes(name: str, entries: dict[str, Doc], store_id: str, gen: int) -> bytes:
        return schema.dumps(
            {
                "format": INDEX_FORMAT,
                "version": 2,
                "index_id": store_id,
                "shard": name,
                "generation": gen,
                "entries": dict(sorted(entries.items())),
            }
        )

    # -- pending commit
    def write_pending(self, gen: int, ids: list[str]) -> None:
        private_dir(self.paths.index)
        data = schema.dumps({"generation": gen, "sessions": ids})
        FileBlob(self.paths.pending, self.index_codec).write(data)

    def read_pending(self, committed: int) -> tuple[int, list[str]] | None:
        """The note of a commit later than generation ``committed`` that did not finish.

        None when there is no note or it belongs to a finished commit (the usual
        case: only its generation is looked at, not its list of sessions).
        """
        try:
            data = FileBlob(self.paths.pending, self.index_codec).read()
            if data is None:
                return None
            tree = schema.loads(data)
            gen = int(tree["generation"])
            if gen <= committed:
                return None
            ids = [str(s) for s in tree["sessions"] if safe_id(str(s))]
        except (OSError, FileUndecryptable, ValueError, KeyError, TypeError):
            # Unreadable: every shard is then checked in full (see Store._check_pending).
            return (-1, [])
        return gen, ids

    # -- earlier versions (backups)
    def keep_version(self, session_id: str, number: int) -> Path | None:
        """Hard-link the current session file into backups/sessions/<id>/ before it is replaced."""
        current = self.paths.session(session_id)
        if not current.exists():
            return None
        folder = self.paths.versions_of(session_id)
        private_dir(self.paths.versions.parent)
        private_dir(self.paths.versions)
        private_dir(folder)
        target = folder / f"{number:06d}.json"
        n = number
        while target.exists():
            n += 1
            target = folder / f"{n:06d}.json"
        try:
            os.link(current, target)
        except OSError:
            FileBlob(target).write(current.read_bytes())  # the stored bytes, as they are
        fsync_dir(folder)
        for old in self.versions(session_id)[KEEP_VERSIONS:]:
            with contextlib.suppress(OSError):
                old.unlink()
        return target

    def versions(self, session_id: str) -> list[Path]:
        """Earlier versions of a session file, newest first."""
        folder = self.paths.versions_of(session_id)
        if not folder.is_dir():
            return []
        return sorted(
            (p for p in folder.glob("*.json") if p.stem.isdigit()),
            key=lambda p: int(p.stem),
            reverse=True,
        )

    def all_versions(self) -> Iterator[Path]:
        folder = self.paths.versions
        if not folder.is_dir():
            return
        for sub in sorted(folder.iterdir()):
            if sub.is_dir():
                yield from sorted(sub.glob("*.json"))


# ------------------------------------------------------------------ backups


def index_backup_dir(data_dir: Path, number: int) -> Path:
    """The index shards as they were when backup ``number`` of reflect.json was made."""
    return data_dir / "backups" / f"index-{number:06d}"


def backup_index(files: Files, number: int) -> None:
    """Hard-link the current shards beside backup ``number`` (at most 256 links, no copy)."""
    target = index_backup_dir(files.paths.data_dir, number)
    # The home facts go with the shards, so a restored backup finds facts that match it.
    names = [*files.shard_names_on_disk(), *sorted(FACT_FILES)]
    private_dir(target)
    for name in names:
        source = files.paths.shard(name)
        dest = target / source.name
        with contextlib.suppress(FileNotFoundError):
            try:
                os.link(source, dest)
            except FileExistsError:
                continue
            except OSError:
                FileBlob(dest).write(source.read_bytes())
    fsync_dir(target)


def prune_index_backups(data_dir: Path, keep_numbers: set[int]) -> None:
    folder = data_dir / "backups"
    if not folder.is_dir():
        return
    for sub in folder.glob("index-*"):
        number = sub.name[len("index-") :]
        if sub.is_dir() and number.isdigit() and int(number) not in keep_numbers:
            for path in sub.iterdir():
                with contextlib.suppress(OSError):
                    path.unlink()
            with contextlib.suppress(OSError):
                sub.rmdir()


def index_backups(data_dir: Path) -> list[Path]:
    folder = data_dir / "backups"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("index-*") if p.is_dir())


def backed_up_entries(files: Files, number: int) -> dict[str, Doc] | None:
    """Every index entry of backup ``number`` (None if that backup has no index beside it)."""
    folder = index_backup_dir(files.paths.data_dir, number)
    if not folder.is_dir():
        return None
    found: dict[str, Doc] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            tree = schema.loads(FileBlob(path, files.index_codec).read() or b"")
            entries = tree["entries"]
        except (OSError, FileUndecryptable, ValueError, KeyError, TypeError):
            continue
        if isinstance(entries, dict):
            found.update({str(k): v for k, v in entries.items() if isinstance(v, dict)})
    return found


def _plain_digest(files: Files, path: Path) -> tuple[str, bytes] | None:
    try:
        data = FileBlob(path, files.session_codec).read()
    except (OSError, FileUndecryptable):
        return None
    if data is None:
        return None
    return digest(data), data


def _decodes(data: bytes, sid: str) -> bool:
    try:
        record = schema.loads(data)
        return isinstance(record, dict) and record.get("id") == sid and bool(decode_record(record))
    except (ValueError, KeyError, TypeError, AttributeError):
        return False


def restore_sessions(files: Files, number: int, erased: set[str]) -> list[str]:
    """Put every session file back as it was at backup ``number``; returns notes for the person.

    The backup's index says which sessions there were and the SHA-256 of each
    one's file: the matching version is found among the current file and the
    earlier versions under backups/sessions/. A current file that is replaced
    or removed is first kept as an earlier version itself, so nothing is lost.
    """
    wanted = backed_up_entries(files, number)
    notes: list[str] = []
    if wanted is None:
        notes.append(
            "That backup has no index beside it, so the session files are kept as they are."
        )
        return notes
    for sid in files.session_ids():
        if sid not in wanted and sid not in erased:
            files.keep_version(sid, number)
            with contextlib.suppress(FileNotFoundError):
                files.paths.session(sid).unlink()
    for sid, entry in sorted(wanted.items()):
        if sid in erased or not safe_id(sid):
            continue
        current = files.paths.session(sid)
        now = _plain_digest(files, current)
        if now is not None and now[0] == entry.get("sha256"):
            continue
        chosen: bytes | None = None
        for version in files.versions(sid):
            found = _plain_digest(files, version)
            if found is not None and found[0] == entry.get("sha256"):
                chosen = found[1]
                break
        if chosen is None:
            if now is not None and _decodes(now[1], sid):
                continue  # not the backup's version, but a good one: kept
            for version in files.versions(sid):
                found = _plain_digest(files, version)
                if found is not None and _decodes(found[1], sid):
                    chosen = found[1]
                    notes.append(f"The session {sid} was put back from an earlier version.")
                    break
        if chosen is None:
            if now is not None:
                files.keep_version(sid, number)
                with contextlib.suppress(FileNotFoundError):
                    current.unlink()
            notes.append(
                f"No good version of the session {sid} was found; it is left out (its "
                "damaged file is kept under backups/sessions/)."
            )
            continue
        if now is not None:
            files.keep_version(sid, number)
        files.write_session(sid, chosen)
    if files.paths.sessions.is_dir():
        fsync_dir(files.paths.sessions)
    # The backup's shards match the files just put back.
    source = index_backup_dir(files.paths.data_dir, number)
    for name in files.shard_names_on_disk():
        if not (source / f"{name}.json").exists():
            files.remove_shard(name)
    for path in sorted(source.glob("*.json")):
        private_dir(files.paths.index)
        tmp = files.paths.index / f".{path.name}.restore"
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        FileBlob(tmp).write(path.read_bytes())
        os.replace(tmp, files.paths.shard(path.stem))
    with contextlib.suppress(FileNotFoundError):
        files.paths.pending.unlink()
    if files.paths.index.is_dir():
        fsync_dir(files.paths.index)
    return notes


def _checked_tree(
    data: bytes | None,
    expect: Doc,
    store_id: str,
    file_format: str,
    noun: str,
    named: tuple[str, str],
) -> Doc:
    """The parsed file if it is exactly what the manifest's ``expect`` says, else IndexProblem.

    One check for index shards and facts files: present, the recorded size and digest,
    JSON, the format marker, this folder's index id, the generation and its own name.
    """
    if data is None:
        raise IndexProblem("is missing")
    if len(data) != expect.get("size") or digest(data) != expect.get("sha256"):
        raise IndexProblem("does not match what reflect.json recorded (stale, cut short or edited)")
    try:
        tree = schema.loads(data)
    except ValueError:
        raise IndexProblem("is not valid JSON") from None
    if not isinstance(tree, dict) or tree.get("format") != file_format:
        raise IndexProblem(f"is not a reflect {noun} file")
    if tree.get("index_id") != store_id:
        raise IndexProblem("belongs to another data folder")
    key, name = named
    if tree.get("generation") != expect.get("gen") or tree.get(key) != name:
        raise IndexProblem(f"is from save {tree.get('generation')!r}, not {expect.get('gen')!r}")
    return tree
