"""comparator: what changed between successive ministerial statements."""

from pathlib import Path


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
