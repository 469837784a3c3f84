"""Only reflect_tui.ui may import Textual: the core must work without it.

Each non-ui module is imported in a fresh interpreter where any attempt to
import ``textual`` raises ImportError.
"""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import reflect_tui

BLOCKER = textwrap.dedent(
    """
    import importlib, sys

    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] == "textual":
                raise ImportError(f"{name} is only for reflect_tui.ui")
            return None

    sys.meta_path.insert(0, Block())
    failed = []
    for module in sys.argv[1:]:
        try:
            importlib.import_module(module)
        except Exception as err:
            failed.append(f"{module}: {type(err).__name__}: {err}")
    print("\\n".join(failed))
    sys.exit(1 if failed else 0)
    """
)


def core_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(reflect_tui.__path__, prefix="reflect_tui.")
        if not info.name.startswith("reflect_tui.ui")
    ]
    return ["reflect_tui", *names]


def test_there_is_a_core_to_check() -> None:
    modules = core_modules()
    assert "reflect_tui.domain.session" in modules
    assert "reflect_tui.cli" in modules
    assert not any(m.startswith("reflect_tui.ui") for m in modules)


def test_core_imports_without_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER, *core_modules()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        f"modules needing Textual outside ui/:\n{result.stdout}{result.stderr}"
    )


def test_the_blocker_really_blocks() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER, "reflect_tui.ui.parts"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "textual" in result.stdout


# -- screens find each other through the app ---------------------------------------

UI = Path(reflect_tui.__file__).parent / "ui"
SCREENS = "reflect_tui.ui.screens"


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports: at the top, inside functions and under TYPE_CHECKING."""
    package = "reflect_tui." + ".".join(path.relative_to(UI.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # from . import x / from .x import y
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def screen_imports(path: Path) -> list[str]:
    return sorted(m for m in imported_modules(path) if m.startswith(SCREENS + "."))


def test_no_screen_module_imports_another() -> None:
    """Navigation goes through the app's ``open_*`` methods, never screen to screen."""
    offenders = {
        path.name: screen_imports(path)
        for path in sorted((UI / "screens").glob("*.py"))
        if screen_imports(path)
    }
    assert offenders == {}


def test_dialogs_and_flows_open_no_screen() -> None:
    """Dialogs and multi-dialog flows sit under the screens: they know none of them."""
    offenders = {
        f"{path.parent.name}/{path.name}": screen_imports(path)
        for folder in ("dialogs", "flows")
        for path in sorted((UI / folder).glob("*.py"))
        if screen_imports(path)
    }
    assert offenders == {}


def test_the_import_scan_sees_deferred_imports() -> None:
    """The app opens screens with imports inside its methods; the scan must see them."""
    assert f"{SCREENS}.runner.RunnerScreen" in imported_modules(UI / "app.py")
    assert list((UI / "screens").glob("*.py")), "no screen modules found"


# -- one CSS convention ---------------------------------------------------------------

STYLE_NAMES = ("CSS", "CSS_PATH", "DEFAULT_CSS", "DIALOG_CSS")
FROM_FILE = re.compile(r"^css_beside\(__file__, '\w+\.tcss'\)$")


def style_assignments(path: Path) -> list[tuple[str, str]]:
    """Every ``CSS``/``CSS_PATH``/``DEFAULT_CSS`` assignment (module or class) and its value."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in STYLE_NAMES:
                    found.append((target.id, ast.unparse(node.value)))
    return found


def test_styles_live_in_tcss_files_read_as_default_css() -> None:
    """One convention: each screen, dialog and widget reads the .tcss beside its module into
    its DEFAULT_CSS (scoped to it by Textual); only the app has a stylesheet (app.tcss)."""
    wrong = {}
    for path in sorted(UI.rglob("*.py")):
        bad = [
            f"{name} = {value}"
            for name, value in style_assignments(path)
            if not FROM_FILE.match(value)
            and not (name == "DEFAULT_CSS" and value in STYLE_NAMES)  # DEFAULT_CSS = CSS
            and (path.name, name, value) != ("app.py", "CSS_PATH", "'app.tcss'")
        ]
        if bad:
            wrong[str(path.relative_to(UI))] = bad
    assert wrong == {}
    assert ("CSS_PATH", "'app.tcss'") in style_assignments(UI / "app.py")


def test_the_domain_names_no_any_and_sessions_have_no_extra_bag() -> None:
    """Issue 12: the domain's types are real (no ``Any``), and follow-through is typed fields."""
    root = Path(reflect_tui.__file__).parent
    anys = [
        f"{path.relative_to(root)}:{node.lineno}"
        for path in sorted((root / "domain").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Name | ast.alias)
        and getattr(node, "id", getattr(node, "name", "")) == "Any"
    ]
    assert anys == []
    extra = [
        f"{path.relative_to(root)}:{node.lineno}"
        for path in sorted(root.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "extra"
    ]
    assert extra == []
