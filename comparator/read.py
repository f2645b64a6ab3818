"""Read a statement file (or stdin) into a decoded ``Source``."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.hashing import sha256
from comparator.models import Source

if TYPE_CHECKING:  # charset-normalizer is imported only for input that is not UTF-8
    from charset_normalizer import CharsetMatch, CharsetMatches

STDIN = "-"

# charset-normalizer cannot tell the single-byte code pages apart on a short,
# mostly-ASCII text (it may read a cp1252 "naïve" as cp1250 "naďve"); such a
# text with a few accents or curly quotes is by far most often cp1252.
_WESTERN = "cp1252"
_WESTERN_MIN_ASCII_LETTERS = 0.95
_CHAOS_TOLERANCE = 0.05
# cp1252 symbols that land inside words when other code pages' letters are
# misread as cp1252 (cp1250 "współpracy" reads "wspó³pracy").
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[¡¢£¤¥¦§¨©ª¬®¯°±²³´µ¶¸¹º¼½¾¿](?=[^\W\d_])")

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Valid non-ASCII UTF-8 characters needed per invalid sequence to read a file as damaged UTF-8.
_MIN_GOOD_PER_BAD = 4


class InputError(Exception):
    """An input that cannot be read as a statement; the message is one line."""


def read_source(path: str) -> Source:
    """Read and decode a statement file, or standard input for ``-``."""
    data = _read_bytes(path)
    text, encoding = decode_bytes(data, _shown(path))
    return Source(path=path, text=text, sha256=sha256(data).hexdigest(), encoding=encoding)


def decode_bytes(data: bytes, label: str) -> tuple[str, str]:
    """Decode raw bytes to universal-newline text and the encoding used; ``label`` names them in an InputError."""
    if not data:
        raise InputError(f"{label}: is empty, no statement text")
    if b"\0" in data and not data.startswith(_UTF16_BOMS):
        raise InputError(f"{label}: looks like a binary file (it contains NUL bytes), not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        text, encoding = _mostly_utf8(data, label, error.start) or _detected(data, label)
    text = universal_newlines(text)
    if not text.lstrip("\ufeff").strip():
        raise InputError(f"{label}: contains only white space, no statement text")
    return text, encoding


def _mostly_utf8(data: bytes, label: str, first: int) -> tuple[str, str] | None:
    """Read bytes that are UTF-8 but for a few stray bytes as UTF-8 with U+FFFD for those, and say so on stderr.

    Charset detection on such a file picks a code page that garbles every
    other non-ASCII character ("’" becomes "ŌĆÖ"); a file whose non-ASCII
    text is mostly valid UTF-8 is a damaged UTF-8 file, not another encoding.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    good = sum(1 for c in text if ord(c) > 0x7F) - bad
    if good < _MIN_GOOD_PER_BAD * bad:
        return None
    note = f"{bad} invalid byte sequence{'s' if bad > 1 else ''} replaced with U+FFFD"
    print(f"comparator: warning: {label}: not valid UTF-8 (first at byte {first}); read as UTF-8, {note}", file=sys.stderr)
    return text, f"utf-8 ({note})"


def _detected(data: bytes, label: str) -> tuple[str, str]:
    encoding = _detect_encoding(data, label)
    return data.decode(encoding), encoding


def _read_bytes(path: str) -> bytes:
    """Return the raw bytes of path (or stdin), turning OS errors into InputError."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    label = _shown(path)
    file = Path(path)
    if file.is_dir():
        raise InputError(f"{label}: is a directory, expected a text file")
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{label}: no such file") from None
    except PermissionError:
        raise InputError(f"{label}: permission denied, cannot read the file") from None
    except OSError as error:
        raise InputError(f"{label}: cannot read the file ({error.strerror or error})") from None


def _detect_encoding(data: bytes, label: str) -> str:
    """Name the most plausible encoding of bytes that are not UTF-8."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(f"{label}: looks like a binary file (no text encoding fits), not text")
    return _WESTERN if _reads_as_western(data, matches, best) else best.encoding


def _reads_as_western(data: bytes, matches: CharsetMatches, best: CharsetMatch) -> bool:
    """Say whether cp1252 is a plausible reading that gives the same or a mostly-ASCII text."""
    if not any(_WESTERN in m.could_be_from_charset and m.chaos <= best.chaos + _CHAOS_TOLERANCE for m in matches):
        return False
    try:
        text = data.decode(_WESTERN)
    except UnicodeDecodeError:
        return False
    return text == data.decode(best.encoding) or _is_mostly_ascii(text)


def _is_mostly_ascii(text: str) -> bool:
    """Say whether nearly all letters are ASCII and no symbol sits inside a word."""
    letters = [c for c in text if c.isalpha()]
    mostly_ascii = sum(c.isascii() for c in letters) >= _WESTERN_MIN_ASCII_LETTERS * len(letters)
    return mostly_ascii and _SYMBOL_IN_WORD.search(text) is None


def universal_newlines(text: str) -> str:
    """Translate CRLF and CR to LF, as ``open(..., newline=None)`` does."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _shown(path: str) -> str:
    """Render a path for a one-line message."""
    if path == STDIN:
        return "standard input"
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)
