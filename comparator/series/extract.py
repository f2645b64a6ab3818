"""Statement text from a file or URL: plain text as is, HTML through trafilatura, PDF through pypdf.

Every result is normalised the same way: UTF-8-ready text, LF line ends,
paragraphs separated by one blank line, no trailing white space.
"""

from __future__ import annotations

import http.client
import io
import logging
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from enum import Enum
from importlib.metadata import version
from pathlib import Path

from comparator import one_line
from comparator.read import InputError, decode_bytes, universal_newlines

TIMEOUT = 30  # seconds per network operation
DEADLINE = 120  # seconds for a whole download, however slowly the server sends it
_CHUNK = 1 << 16
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


def load_document(location: str, timeout: float = TIMEOUT, deadline: float = DEADLINE) -> Document:
    """Read a local file or fetch an http(s) URL (within ``deadline`` seconds) and extract its statement text."""
    if is_url(location):
        data, content_type = fetch(location, timeout, deadline)
        name = Path(urllib.parse.unquote(urllib.parse.urlsplit(location).path)).name
        return Document(extract_text(data, doc_type(name, content_type), location), name, location)
    path = Path(location)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ExtractError(f"{location}: cannot read: {e.strerror or e}") from None
    return Document(extract_text(data, doc_type(path.name, None), location), path.name, None)


def fetch(url: str, timeout: float = TIMEOUT, deadline: float = DEADLINE) -> tuple[bytes, str | None]:
    """Return the body and Content-Type of a URL within ``deadline`` seconds in all; every failure is an ExtractError.

    The download runs in a daemon thread so that the deadline also bounds a
    server that drips its headers; the thread gives up by itself at the deadline.
    """
    outcome: dict[str, object] = {}

    def download() -> None:
        try:
            outcome["value"] = _download(url, min(timeout, deadline), deadline)
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=download, name="comparator-fetch", daemon=True)
    worker.start()
    worker.join(deadline)
    if worker.is_alive():
        raise ExtractError(_too_slow(url, deadline))
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _download(url: str, timeout: float, deadline: float) -> tuple[bytes, str | None]:
    """Fetch ``url`` through http(s) only, reading the body until EOF, ``MAX_BYTES`` or ``deadline`` seconds from now."""
    stop = time.monotonic() + deadline
    request = urllib.request.Request(url, headers={"User-Agent": f"comparator/{version('comparator')}"})
    try:
        with _opener().open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type")
            expected = response.headers.get("Content-Length")
            body = bytearray()
            while len(body) <= MAX_BYTES:
                if time.monotonic() > stop:
                    raise ExtractError(_too_slow(url, deadline))
                chunk = response.read1(_CHUNK)
                if not chunk:
                    break
                body += chunk
    except urllib.error.HTTPError as e:
        if 300 <= e.code < 400:
            raise ExtractError(f"{url}: too many redirects (a redirect loop?)") from None
        raise ExtractError(one_line(f"{url}: HTTP {e.code} {e.reason}")) from None
    except urllib.error.URLError as e:
        raise ExtractError(one_line(f"{url}: cannot fetch: {e.reason}")) from None
    except http.client.IncompleteRead as e:
        raise ExtractError(f"{url}: download cut short after {len(e.partial)} bytes") from None
    except (OSError, http.client.HTTPException) as e:
        raise ExtractError(one_line(f"{url}: cannot fetch: {getattr(e, 'strerror', None) or str(e) or type(e).__name__}")) from None
    if len(body) > MAX_BYTES:
        raise ExtractError(f"{url}: larger than {MAX_BYTES // 1_000_000} MB, not a statement")
    # http.client returns a short body without complaint when the server closes early.
    if expected is not None and expected.strip().isdigit() and len(body) < int(expected):
        raise ExtractError(f"{url}: download cut short: {len(body)} of {int(expected)} bytes received")
    return bytes(body), content_type


def _too_slow(url: str, deadline: float) -> str:
    return f"{url}: not downloaded within the deadline of {deadline:g} s; raise it with --deadline SECONDS"


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) URL; refuse (naming it) any other scheme."""

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        location = headers.get("Location") or headers.get("URI")
        if location is not None:
            target = urllib.parse.urljoin(req.full_url, location)
            if not is_url(target):
                fp.close()
                raise ExtractError(one_line(f"{req.full_url}: redirected to {target}: refused, only http and https URLs are followed"))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener() -> urllib.request.OpenerDirector:
    """An opener that speaks http(s) only: no ftp, file or data handlers for a redirect to reach."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _WebRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


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
