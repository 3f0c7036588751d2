"""Where the archive lives when no `--db` is given: the platform's per-user data directory.

A few lines instead of platformdirs: the project keeps its dependency list short, and only the
data directory is needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "storydesk"
DB_NAME = "storydesk.db"


def user_data_dir(
    platform: str | None = None, env: dict[str, str] | None = None, home: Path | None = None
) -> Path:
    """The per-user data directory for storydesk (XDG on Linux, the platform's own elsewhere).

    The arguments exist for tests; by default the running platform, environment and home are used.
    """
    platform = platform or sys.platform
    env = dict(os.environ) if env is None else env
    home = home or Path.home()
    if platform.startswith("win"):
        base = env.get("LOCALAPPDATA") or env.get("APPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / APP
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP
    # XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
    xdg = env.get("XDG_DATA_HOME", "")
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base_dir / APP


def default_db_path() -> Path:
    return user_data_dir() / DB_NAME
