"""reflect-tui: structured reflective practice and pre-visit risk analysis in the terminal."""

from __future__ import annotations

from functools import cache


@cache
def package_version() -> str:
    """The installed version; importing importlib.metadata costs ~30 ms, so only on demand."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reflect-tui")
    except PackageNotFoundError:  # running from a source tree without installing
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return package_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
