"""reflect-tui: structured reflective practice and pre-visit risk analysis in the terminal."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reflect-tui")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"
