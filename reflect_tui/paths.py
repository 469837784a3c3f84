"""Where data and user templates live.

Order for the data directory: ``--data DIR``, then ``$REFLECT_DATA``, then the
per-user data directory from platformdirs. User templates: ``--templates DIR``
(any number), then ``$REFLECT_TEMPLATES``, then the per-user config folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "reflect-tui"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit is not None and not os.fspath(explicit).strip():
        from reflect_tui.errors import UserError

        raise UserError(
            "--data was given an empty folder name. Name the data folder (for example "
            "--data ~/reflect-data), or leave --data out to use your usual one."
        )
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("REFLECT_DATA")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_template_dirs(explicit: list[str] | None = None) -> list[Path]:
    """Folders of user templates, most important first."""
    dirs = [Path(d).expanduser() for d in (explicit or [])]
    env = os.environ.get("REFLECT_TEMPLATES")
    if env:
        dirs.extend(Path(p).expanduser() for p in env.split(os.pathsep) if p)
    dirs.append(Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "templates")
    return dirs
