"""Writing outputs: atomically, so a failure never leaves a half-written file."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

# mkstemp(prefix=".NAME.PID.", suffix=".tmp"): the writer's pid tells a stale file from one being written.
_TEMP_NAME = re.compile(r"\..+\.(\d+)\.[a-z0-9_]{8}\.tmp")


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` via a temporary file in the same folder; ``-`` is stdout."""
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename; a device or pipe is written in place."""
    target = Path(path)
    if _is_special(target):
        # Renaming over /dev/stdout or a FIFO would replace it with a regular file.
        with open(target, "wb") as f:
            f.write(data)
        return
    import tempfile  # here, not at the top: output to stdout need not import it (with random: 1.5 ms of a warm compare)

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); a report is meant to be shared, so honour the umask.
        os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete this module's temporary files under ``folder`` whose writing process is gone (killed mid-write)."""
    removed = []
    for parent, _, names in os.walk(folder):
        for name in names:
            match = _TEMP_NAME.fullmatch(name)
            path = Path(parent) / name
            if match and not _alive(int(match[1])) and path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(path)
    return sorted(removed)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _is_special(path: Path) -> bool:
    """Say whether ``path`` exists as something other than a regular file or a folder (a device, a pipe)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # someone else's process
        return True
    return True
