"""Statement text from a file or URL: plain text as is, HTML through trafilatura, PDF through pypdf.

Every result is normalised the same way: UTF-8-ready text, LF line ends,
paragraphs separated by one blank line, no trailing white space.
"""

from __future__ import annotations

import http.client
import io
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from enum import Enum
from importlib.metadata import version
from pathlib import Path

from comparator.read import InputError, decode_bytes, universal_newlines

TIMEOUT = 30  # seconds per network operation
MAX_BYTES = 50_000_000  # a statement page is far smaller; anything bigger is not one
_BLANK_LINES = re.compile(r"\n{3,}")


class ExtractError(Exception):
    """A document that cannot be fetched or turned into statement text; the message is one line."""


class DocType(str, Enum):
    """What a fetched or local document is."""

    TEXT = "text"
    """Plain text, any encoding."""
    HTML = "html"
    """A web page: the statement body is kept, navigation and boilerplate dropped."""
    PDF = "pdf"
    """A PDF with a text layer."""


@dataclass(frozen=True)
class Document:
    """Extracted statement text plus where it came from: ``name`` is the file or URL path's last part."""

    text: str
    name: str
    url: str | None


def is_url(location: str) -> bool:
    return urllib.parse.urlsplit(location).scheme in ("http", "https")


def load_document(location: str, timeout: float = TIMEOUT) -> Document:
    """Read a local file or fetch an http(s) URL and extract its statement text."""
    if is_url(location):
        data, content_type = fetch(location, timeout)
        name = Path(urllib.parse.unquote(urllib.parse.urlsplit(location).path)).name
        return Document(extract_text(data, doc_type(name, content_type), location), name, location)
    path = Path(location)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ExtractError(f"{location}: cannot read: {e.strerror or e}") from None
    return Document(extract_text(data, doc_type(path.name, None), location), path.name, None)


def fetch(url: str, timeout: float = TIMEOUT) -> tuple[bytes, str | None]:
    """Return the body and Content-Type of a URL; every failure is an ExtractError."""
    request = urllib.request.Request(url, headers={"User-Agent": f"comparator/{version('comparator')}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get("Content-Type")
    except urllib.error.HTTPError as e:
        raise ExtractError(f"{url}: HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise ExtractError(f"{url}: cannot fetch: {e.reason}") from None
    except (OSError, http.client.HTTPException) as e:
        raise ExtractError(f"{url}: cannot fetch: {getattr(e, 'strerror', None) or str(e) or type(e).__name__}") from None
    if len(data) > MAX_BYTES:
        raise ExtractError(f"{url}: larger than {MAX_BYTES // 1_000_000} MB, not a statement")
    return data, content_type


def doc_type(name: str, content_type: str | None) -> DocType:
    """Decide the document type from a Content-Type header, else the name's suffix; text by default."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return DocType.HTML
    if mime == "application/pdf":
        return DocType.PDF
    if mime.startswith("text/"):
        return DocType.TEXT
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return DocType.HTML
    if suffix == ".pdf":
        return DocType.PDF
    return DocType.TEXT


def extract_text(data: bytes, kind: DocType, label: str) -> str:
    """Return the normalised statement text of a document's bytes."""
    if kind is DocType.HTML:
        text = _html_text(data, label)
    elif kind is DocType.PDF:
        text = _pdf_text(data, label)
    else:
        try:
            text = decode_bytes(data, label)[0]
        except InputError as e:
            raise ExtractError(str(e)) from None
    text = normalise_text(text)
    if not text:
        raise ExtractError(f"{label}: no statement text found")
    return text


def normalise_text(text: str) -> str:
    """Use LF line ends, drop a BOM and trailing white space, keep at most one blank line in a row."""
    text = universal_newlines(text.lstrip("\ufeff"))
    lines = [line.rstrip() for line in text.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""


def _html_text(data: bytes, label: str) -> str:
    """The main content of a web page, one paragraph per block."""
    import trafilatura

    _quiet("trafilatura")
    text = trafilatura.extract(data, include_comments=False, include_tables=True, favor_precision=True)
    if not text:
        raise ExtractError(f"{label}: no statement body found in the page")
    # trafilatura puts one paragraph per line; segmentation reads paragraphs as blocks.
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _pdf_text(data: bytes, label: str) -> str:
    """The text layer of a PDF, pages separated by a blank line."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    _quiet("pypdf")
    try:
        pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as e:
        raise ExtractError(f"{label}: not a readable PDF ({e})") from None
    if not any(p.strip() for p in pages):
        raise ExtractError(f"{label}: the PDF has no text layer (a scan?); extract its text first")
    return "\n\n".join(pages)


def _quiet(library: str) -> None:
    """Keep a library's warnings about imperfect input off stderr: errors are reported as one line."""
    logging.getLogger(library).setLevel(logging.ERROR)
