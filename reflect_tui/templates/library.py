"""The built-in templates plus the user's own, with user templates winning on the same id.

A broken user template must never stop the app: it is recorded in
``problems`` and skipped, and the rest of the library loads as usual.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

from reflect_tui.domain.template import Template
from reflect_tui.errors import UserError
from reflect_tui.paths import user_template_dirs
from reflect_tui.templates.decoding import decode_template_bytes, read_template_text
from reflect_tui.templates.parser import load_template_file, parse_template
from reflect_tui.templates.problems import Problem, TemplateError
from reflect_tui.templates.values import suggestion

BUILT_IN = "built-in"
BUILT_IN_PACKAGE = "reflect_tui._sessions"


@dataclass
class LibraryEntry:
    """The template that wins for one id; ``overridden`` lists the sources it hides."""

    template: Template
    source: str
    overridden: list[str] = field(default_factory=list)

    @property
    def is_built_in(self) -> bool:
        return self.source == BUILT_IN


@dataclass
class TemplateLibrary:
    _entries: dict[str, LibraryEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, extra_dirs: list[Path] | None = None) -> TemplateLibrary:
        """Built-ins, then the user template folders (``--templates`` dirs first).

        ``extra_dirs`` are the folders given with ``--templates``; the
        ``$REFLECT_TEMPLATES`` folders and the per-user folder follow them.
        A folder given explicitly that does not exist is reported in ``problems``.
        """
        explicit = [str(d) for d in extra_dirs or []]
        library = cls.from_dirs(user_template_dirs(explicit))
        for name in explicit:
            folder = Path(name).expanduser()
            if not folder.is_dir():
                library.problems.append(
                    Problem(
                        str(folder),
                        0,
                        "templates folder not found (check the path given with --templates)",
                    )
                )
        return library

    @classmethod
    def from_dirs(cls, dirs: Iterable[Path], built_ins: bool = True) -> TemplateLibrary:
        """The library from exactly these folders (most important first), no environment."""
        library = cls()
        if built_ins:
            for template in _built_in_templates():
                library._entries[template.id] = LibraryEntry(template, BUILT_IN)
        # Least important first, so each more important folder overrides what came before.
        for folder in reversed(_unique(dirs)):
            library._add_folder(folder)
        return library

    def _add_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        found: dict[str, Path] = {}
        for path in _template_files(folder, self.problems):
            try:
                template = load_template_file(path)
            except TemplateError as err:
                self.problems.extend(err.problems)
                continue
            if template.id in found:
                self.problems.append(
                    Problem(
                        str(path),
                        1,
                        f"id '{template.id}' is also used by {found[template.id]}; this file "
                        f"is skipped (give one of them a different id)",
                    )
                )
                continue
            found[template.id] = path
            previous = self._entries.get(template.id)
            hidden = [previous.source, *previous.overridden] if previous else []
            self._entries[template.id] = LibraryEntry(template, str(path), hidden)

    def entries(self) -> list[LibraryEntry]:
        """The winning entry per id, sorted by title."""
        return sorted(
            self._entries.values(), key=lambda e: (e.template.title.lower(), e.template.id)
        )

    def templates(self) -> list[Template]:
        """The winning template per id, sorted by title."""
        return [e.template for e in self.entries()]

    def entry(self, template_id: str) -> LibraryEntry:
        try:
            return self._entries[template_id]
        except KeyError:
            known = sorted(self._entries)
            raise UserError(
                f"no template with id '{template_id}'{suggestion(template_id, known)} "
                f"(known ids: {', '.join(known) or 'none'}; `reflect templates` lists them)"
            ) from None

    def get(self, template_id: str) -> Template:
        return self.entry(template_id).template

    def text_of(self, template_id: str) -> str:
        """The Markdown of the winning template, as written: a starting point for your own."""
        entry = self.entry(template_id)
        if entry.is_built_in:
            name = entry.template.source.removeprefix(f"{BUILT_IN}:")
            resource = importlib.resources.files(BUILT_IN_PACKAGE).joinpath(name)
            return decode_template_bytes(resource.read_bytes(), entry.template.source)
        return read_template_text(Path(entry.source))

    def __contains__(self, template_id: object) -> bool:
        return template_id in self._entries

    def __iter__(self) -> Iterator[Template]:
        return iter(self.templates())

    def __len__(self) -> int:
        return len(self._entries)


def _unique(dirs: Iterable[Path]) -> list[Path]:
    """Folders in order, each once (the same folder may come from --templates and the env)."""
    seen: set[Path] = set()
    unique: list[Path] = []
    for folder in dirs:
        try:
            key = folder.expanduser().resolve()
        except OSError:
            key = folder
        if key not in seen:
            seen.add(key)
            unique.append(folder)
    return unique


def _template_files(folder: Path, problems: list[Problem]) -> list[Path]:
    try:
        return sorted(
            p for p in folder.iterdir() if p.suffix.lower() == ".md" and not p.name.startswith(".")
        )
    except OSError as err:
        problems.append(
            Problem(str(folder), 0, f"templates folder cannot be read: {err.strerror or err}")
        )
        return []


def built_in_files() -> list[Traversable]:
    """The template files shipped in the package (the top-level sessions/ folder)."""
    root = importlib.resources.files(BUILT_IN_PACKAGE)
    return sorted(
        (f for f in root.iterdir() if f.name.endswith(".md") and f.is_file()),
        key=lambda f: f.name,
    )


def _built_in_templates() -> list[Template]:
    """Parse every built-in; a broken one is a bug in the package, so it raises."""
    templates: list[Template] = []
    for resource in built_in_files():
        source = f"{BUILT_IN}:{resource.name}"
        text = decode_template_bytes(resource.read_bytes(), source)
        templates.append(parse_template(text, source))
    return templates
