"""Only reflect_tui.ui may import Textual: the core must work without it.

Each non-ui module is imported in a fresh interpreter where any attempt to
import ``textual`` raises ImportError.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap

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
        [sys.executable, "-c", BLOCKER, "reflect_tui.ui.screens.parts"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "textual" in result.stdout
