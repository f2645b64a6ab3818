"""comparator: what changed between successive ministerial statements."""

import os
import sys
from pathlib import Path

_XDG = {"cache": ("XDG_CACHE_HOME", ".cache"), "data": ("XDG_DATA_HOME", ".local/share")}


def shipped_data(name: str) -> str:
    """The text of ``comparator/data/NAME``.

    Read beside this file rather than through ``importlib.resources``, whose
    import (tempfile, zipfile) is a few ms of every warm compare: comparator
    is always installed as files.
    """
    return (Path(__file__).parent / "data" / name).read_text(encoding="utf-8")


def one_line(error: BaseException | str) -> str:
    """The first line of an error's message (or its type's name): what a user is shown."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def user_dir(kind: str) -> Path:
    """comparator's folder of ``kind`` ("cache" or "data") in the user's home.

    On Linux, by the XDG base directory spec, read here: importing platformdirs
    costs ~5 ms of every warm compare. Elsewhere platformdirs decides.
    """
    if sys.platform.startswith("linux"):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        return (Path(base) if os.path.isabs(base) else _home() / default) / "comparator"
    import platformdirs

    return Path(platformdirs.user_cache_dir("comparator") if kind == "cache" else platformdirs.user_data_dir("comparator"))


def _home() -> Path:
    """$HOME when it is an absolute path, else the account's home directory (as platformdirs decides)."""
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return Path(home)
    import pwd

    return Path(pwd.getpwuid(os.getuid()).pw_dir)
